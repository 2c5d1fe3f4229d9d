// boilerplate: site chrome left in the article (share/comment widgets, "Xem thêm", "Quay lên trên",
// font-size buttons, lone punctuation lines, comment-form notices). Fix: remove the line.
import type { Block } from '../model/types';
import { blockRemovalRange } from './ranges';
import type { Finding, Rule, RuleContext } from './types';

/** What each category of knowledge.ts's boilerplate phrases is, in words. */
const CATEGORY: Record<string, string> = {
  widget: 'Page widget',
  share: 'Share/tag widget',
  comment: 'Comment-form text',
  nav: 'Navigation link',
  teaser: 'Related-articles link',
  punct: 'Lone punctuation line',
  custom: 'Project boilerplate',
};

/** The parser's reason reads `site chrome (<category>) …`. */
function categoryOf(block: Block): string | null {
  const m = /\(([a-z]+)\)/.exec(block.reason ?? '');
  return m && Object.prototype.hasOwnProperty.call(CATEGORY, m[1]) ? m[1] : null;
}

function clip(s: string, max = 48): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export const rule: Rule = {
  code: 'boilerplate',
  defaultSeverity: 'warning',
  description: 'Site chrome left in the article text (share and comment widgets, navigation, font-size buttons, lone punctuation).',
  check(ctx: RuleContext): Finding[] {
    const a = ctx.article;
    const out: Finding[] = [];
    for (const b of a.blocks) {
      if (b.kind !== 'boilerplate') continue;
      if (b.startLine < 0 || b.endLine >= a.lines.length || b.endLine < b.startLine) continue;
      const r = blockRemovalRange(a, b.startLine, b.endLine);
      const cat = categoryOf(b);
      const what = cat ? CATEGORY[cat] : 'Site chrome';
      out.push({
        code: 'boilerplate',
        severity: 'warning',
        message: `${what} left in the article: “${clip(b.text)}”`,
        start: r.start,
        end: r.end,
        fixes: [{ title: 'Remove site chrome', edits: [{ start: r.start, end: r.end, newText: '' }] }],
      });
    }
    return out;
  },
};
