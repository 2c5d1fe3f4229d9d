// related: a list of related-article teasers after the article body. Fix: remove the whole list.
import { fold, isBlank } from '../text/normalize';
import { boilerplateCategory } from '../model/knowledge';
import { blockRemovalRange } from './ranges';
import { type RuleFinding, defineRule } from './types';
import { t } from './words';
import { junkRemoval } from './prose';

function clip(s: string, max = 48): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export const rule = defineRule({
  code: 'related',
  defaultSeverity: 'warning',
  description: 'Related-article teasers and "see also" links scraped along with the article.',
  tags: ['junk'],
  flags: 'related-article teaser lists and inline `Xem thêm:` links',
  fix: { availability: 'always', unsafe: 'Removing teasers the recognizer is unsure of, or a block that reads as the article\'s text.' },
  removable: true,
  demoted: 'Teasers the recognizer is unsure of (below 75%), and blocks that read as the article\'s text (several sentences of running text), are information.',
  check(ctx) {
    const a = ctx.article;
    const out: RuleFinding[] = [];
    for (const b of a.blocks) {
      if (b.kind !== 'related') continue;
      if (b.startLine < 0 || b.endLine >= a.lines.length || b.endLine < b.startLine) continue;
      let n = 0;
      let first = '';
      for (let i = b.startLine; i <= b.endLine; i++) {
        const t = a.lines[i].text;
        if (isBlank(t)) continue;
        if (n === 0) first = t;
        n++;
      }
      const r = blockRemovalRange(a, b.startLine, b.endLine);
      // the block's confidence is its least sure line's: below the bar, a suggestion only
      // (a line the knowledge files know, `Xem thêm`, `Tin liên quan`, makes it sure); several
      // sentences of running text are the article's, more likely than a teaser: a judgement call.
      // (the model marks a `Xem thêm: …` link inside the body as related too: inBody)
      const known = first.length < 300 && boilerplateCategory(ctx.knowledge, fold(first)) !== null;
      const { inBody, demoted, note } = junkRemoval(a, b, ctx.knowledge, known);
      out.push({
        code: 'related',
        ...(demoted ? { demoted } : {}),
        message: (inBody
          ? t('Related-article link inside the article: “{0}”', clip(first))
          : n === 1
            ? t('Related-article teasers after the article (1 line), starting “{0}”', clip(first))
            : t('Related-article teasers after the article ({0} lines), starting “{1}”', n, clip(first))) + note,
        start: r.start,
        end: r.end,
        fixes: [{ title: t('Remove related-article teasers'), edits: [{ start: r.start, end: r.end, newText: '' }], ...(demoted ? { applicability: 'unsafe' as const } : {}) }],
      });
    }
    return out;
  },
});
