// structure: what the article model could not find. A missing headline, dateline or byline (each
// reported at the top of the article), a dateline whose date does not parse, an empty article.
// Hints only (no squiggle, no fix): these are facts about the model's reading of the file, not defects to fix.
import { isBlank } from '../text/normalize';
import { linesRange } from './ranges';
import { type RuleFinding, defineRule } from './types';
import { t } from '../l10n';

function clip(s: string, max = 48): string {
  const c = s.replace(/\s+/g, ' ').trim();
  return c.length <= max ? c : `${c.slice(0, max - 1)}…`;
}

export const rule = defineRule({
  code: 'structure',
  defaultSeverity: 'hint',
  description: 'The article lacks a headline, a dateline or a byline, or its dateline has a date that cannot be parsed.',
  tags: ['structure'],
  flags: 'no headline, dateline or byline found; a dateline whose date does not parse; an empty file',
  fix: { availability: 'never' },
  removable: false,
  check(ctx) {
    const a = ctx.article;
    const first = a.lines[0] ?? { start: 0, end: 0 };
    const top = { start: first.start, end: first.end };
    const info = (message: string, start: number, end: number): RuleFinding => ({
      code: 'structure', message, start, end, fixes: [],
    });
    if (a.lines.every((l) => isBlank(l.text))) {
      return [info(t('Empty article: the file holds no text'), top.start, top.end)];
    }
    const out: RuleFinding[] = [];
    if (!a.headline) out.push(info(t('Missing headline: no title line found at the top of the article'), top.start, top.end));
    if (!a.dateline) out.push(info(t('Missing dateline: no publication date found near the top of the article'), top.start, top.end));
    if (!a.byline) out.push(info(t('Missing byline: no author or source credit found at the end of the article'), top.start, top.end));
    const d = a.dateline;
    if (d && d.date === null && d.startLine >= 0 && d.endLine < a.lines.length) {
      const r = linesRange(a, d.startLine, d.endLine);
      out.push(info(t('Cannot parse the date in the dateline “{0}”', clip(d.text)), r.start, r.end));
    }
    return out;
  },
});
