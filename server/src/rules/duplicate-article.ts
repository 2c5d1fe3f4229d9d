// duplicate-article: the same article (an exact copy of its content, or a near copy with small
// edits) is in another file of the corpus. Both files are flagged, each naming the other(s): the
// curator decides which copy to keep, and sees the pair from whichever file is open. No fix (deleting
// a file is not a text edit). Needs the corpus index.
import * as path from 'node:path';
import { isBlank } from '../text/normalize';
import { linesRange } from './ranges';
import { duplicateSummaryOf, type RelatedLocation, defineRule } from './types';
import { t } from '../l10n';

/** How many other files the message and the related locations name at most. */
const MAX_NAMED = 3;
const MAX_RELATED = 20;

function displayName(from: string, other: string): string {
  const rel = path.relative(path.dirname(from), other);
  return (rel && !path.isAbsolute(rel) ? rel : other).split(path.sep).join('/');
}

function describe(d: { similarity: number; exact: boolean }): string {
  return d.exact ? t('identical content') : t('{0}% similar', Math.floor(d.similarity * 100));
}

export const rule = defineRule({
  code: 'duplicate-article',
  defaultSeverity: 'warning',
  description: 'The same article (an exact copy, or a near copy with small edits) is in another file of the corpus.',
  corpus: true,
  tags: ['duplicates', 'corpus'],
  flags: 'the same article in another file (exact or near copy)',
  fix: { availability: 'never' },
  removable: false,
  check(ctx) {
    const { article: a, corpus, file } = ctx;
    if (!corpus || !file) return [];
    const d = duplicateSummaryOf(corpus, file, MAX_RELATED);
    if (d.total === 0) return [];
    const dups = d.top;
    // the headline, or else the first line with content
    let line = a.headline ? a.headline.startLine : a.lines.findIndex((l) => !isBlank(l.text));
    if (line < 0 || line >= a.lines.length) return [];
    const endLine = a.headline ? Math.min(a.headline.endLine, a.lines.length - 1) : line;
    const r = linesRange(a, line, endLine);
    const named = dups.slice(0, MAX_NAMED).map((x) => `${displayName(file, x.file)} (${describe(x)})`);
    const more = d.total - named.length;
    const exact = d.allExact;
    const list = named.join(', ') + (more === 1 ? t(' and 1 more file') : more > 1 ? t(' and {0} more files', more) : '');
    const message = exact
      ? t('Duplicate article: the same article is in {0}; keep one copy', list)
      : t('Near-duplicate article: the same article is in {0}; keep one copy', list);
    const related: RelatedLocation[] = dups.slice(0, MAX_RELATED).map((x) => ({
      message: t('the same article ({0})', describe(x)),
      start: 0,
      end: 0,
      file: x.file,
      line: 0,
    }));
    return [{ code: 'duplicate-article', message, start: r.start, end: r.end, related, fixes: [] }];
  },
});
