// boilerplate: site chrome left in the article (share/comment widgets, "Xem thêm", "Quay lên trên",
// font-size buttons, lone punctuation lines, comment-form notices). Fix: remove the line.
import { boilerplateCategory, type Knowledge } from '../model/knowledge';
import type { Block } from '../model/types';
import { fold } from '../text/normalize';
import { blockRemovalRange } from './ranges';
import { type RuleFinding, defineRule } from './types';
import { junkRemoval } from './prose';
import { t } from './words';

/** What each category of knowledge.ts's boilerplate phrases is, in words. */
const CATEGORY: Record<string, () => string> = {
  widget: () => t('Page widget'),
  share: () => t('Share/tag widget'),
  comment: () => t('Comment-form text'),
  nav: () => t('Navigation link'),
  footer: () => t('Site footer'),
  teaser: () => t('Related-articles link'),
  punct: () => t('Lone punctuation line'),
  markup: () => t('Image markup'),
  code: () => t('Page code'),
  custom: () => t('Project boilerplate'),
};

/** Which kind of chrome the knowledge files know the block's line as, if any. */
function categoryOf(k: Knowledge, block: Block): string | null {
  if (block.text.length > 2000) return null;
  const c = boilerplateCategory(k, fold(block.text));
  return c && Object.prototype.hasOwnProperty.call(CATEGORY, c) ? c : null;
}

function clip(s: string, max = 48): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export const rule = defineRule({
  code: 'boilerplate',
  defaultSeverity: 'warning',
  description: 'Site chrome left in the article text (share and comment widgets, navigation, font-size buttons, lone punctuation).',
  tags: ['junk'],
  flags: 'site chrome: share/comment widgets, navigation, font-size buttons, lone punctuation lines',
  fix: { availability: 'always', unsafe: 'Removing a block the recognizer is unsure of, or one that reads as the article\'s text.' },
  removable: true,
  demoted: 'A block the recognizer is unsure of (below 75%), or one that reads as the article\'s text (several sentences of running text), is information.',
  check(ctx) {
    const a = ctx.article;
    const out: RuleFinding[] = [];
    for (const b of a.blocks) {
      if (b.kind !== 'boilerplate') continue;
      if (b.startLine < 0 || b.endLine >= a.lines.length || b.endLine < b.startLine) continue;
      const r = blockRemovalRange(a, b.startLine, b.endLine);
      const cat = categoryOf(ctx.knowledge, b);
      const what = cat ? CATEGORY[cat]() : t('Site chrome');
      // a known chrome phrase is sure; otherwise a block that reads as the article's text is a
      // judgement call, and the recognizer's probability decides how loudly to say it
      const { demoted, note } = junkRemoval(a, b, ctx.knowledge, cat !== null);
      out.push({
        code: 'boilerplate',
        ...(demoted ? { demoted } : {}),
        message: t('{0} left in the article: “{1}”', what, clip(b.text)) + note,
        start: r.start,
        end: r.end,
        fixes: [{ title: t('Remove site chrome'), edits: [{ start: r.start, end: r.end, newText: '' }], ...(demoted ? { applicability: 'unsafe' as const } : {}) }],
      });
    }
    return out;
  },
});
