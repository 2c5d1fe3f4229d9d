// learned-boilerplate: a line that recurs across many files of the corpus (at least
// learnedBoilerplateMinFiles files and learnedBoilerplateMinShare of them) is site chrome that no
// phrase list knows: a site's comment notice, a newsletter footer, a "follow us" line. Lines the
// parser calls boilerplate, and lines a phrase list knows (a "Xem thêm" teaser link), are left to the
// boilerplate and related rules. A recurring unknown line inside a run of related teasers (the parser
// puts most lines after the byline there) is reported as information, not a second warning: the
// related rule already warns and removes it, and "repeated in 40% of the files" tells the curator it
// is chrome rather than a teaser. Its removal lies inside the related finding's, so fix-all applies
// the larger removal and nothing twice. Fix: remove the line. Needs the corpus index.
//
// Two guards keep real content out:
//  - copies of this article (duplicate-article) are not counted: the same story in three files
//    shares every paragraph without any of it being chrome;
//  - a long prose paragraph that recurs in the middle of the body (between paragraphs that do not
//    recur) is a passage shared with related coverage, not chrome; chrome sits before or after the text.
import * as path from 'node:path';
import type { Article, Block } from '../model/types';
import { boilerplateCategory, type Knowledge } from '../model/knowledge';
import { endsSentence, fold, words } from '../text/normalize';
import { lineKey } from '../index/keys';
import { blockRemovalRange } from './ranges';
import { duplicateSummaryOf, type RuleFinding, type RelatedLocation, defineRule } from './types';
import { t } from '../l10n';
import { z } from 'zod';

/** Kinds this rule looks at (boilerplate blocks are the boilerplate rule's). */
const KINDS = new Set(['paragraph', 'caption', 'heading', 'related']);
/** A paragraph this long that ends a sentence is prose; recurring mid-body, it is shared text, not chrome. */
const PROSE_WORDS = 20;
const MAX_RELATED = 3;

function clip(s: string, max = 60): string {
  const t = fold(s);
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

function displayName(from: string | undefined, other: string): string {
  const rel = from ? path.relative(path.dirname(from), other) : other;
  return (rel && !path.isAbsolute(rel) ? rel : other).split(path.sep).join('/');
}

/**
 * The lines this rule asks the corpus about, with their keys: the lines of paragraphs, captions,
 * headings and teasers that no phrase list knows. (The CLI asks the index only about these, and
 * reads a file a second time only when one of them recurs.)
 */
export function linesLookedAt(a: Article, knowledge: Knowledge): Array<{ b: Block; line: number; key: string }> {
  const out: Array<{ b: Block; line: number; key: string }> = [];
  for (const b of a.blocks) {
    // (a table's cells, row numbers and values, recur across the corpus's tables by nature)
    if (!KINDS.has(b.kind) || b.tableCell) continue;
    for (let line = Math.max(0, b.startLine); line <= b.endLine && line < a.lines.length; line++) {
      const key = lineKey(a.lines[line].text);
      if (!key || boilerplateCategory(knowledge, a.lines[line].text) !== null) continue;
      out.push({ b, line, key });
    }
  }
  return out;
}

export const rule = defineRule({
  code: 'learned-boilerplate',
  defaultSeverity: 'warning',
  description: 'A line that recurs across many files of the corpus: site chrome that no phrase list knows. The cells of a table, which recur by nature, are not looked at.',
  corpus: true,
  tags: ['junk', 'corpus'],
  flags: 'a line recurring in many files of the corpus',
  fix: { availability: 'always' },
  removable: true,
  demoted: "A line inside a run of teasers (the `related` rule's) is information.",
  options: {
    learnedBoilerplateMinFiles: {
      setting: 'learnedBoilerplate.minFiles',
      schema: z.number().int().min(2),
      default: 3,
      description: '`learned-boilerplate` flags a block that recurs in at least this many files of the corpus…',
    },
    learnedBoilerplateMinShare: {
      setting: 'learnedBoilerplate.minShare',
      schema: z.number().min(0).max(1),
      default: 0.05,
      description: '…and in at least this share of the corpus\'s files (0–1).',
    },
  },
  check(ctx) {
    const { article: a, corpus, options, file } = ctx;
    if (!corpus) return [];
    const n = corpus.size();
    if (n < 3) return [];
    const minFiles = Math.max(2, Math.ceil(options.learnedBoilerplateMinFiles));
    const need = Math.max(minFiles, Math.ceil(Math.max(0, options.learnedBoilerplateMinShare) * n));
    if (need > n) return [];
    const copies = file ? duplicateSummaryOf(corpus, file, 0) : { total: 0, has: () => false };

    // every line of the blocks looked at, with how often it recurs
    const seen: Array<{ b: Block; line: number; count: number; files: string[] }> = [];
    for (const { b, line, key } of linesLookedAt(a, ctx.knowledge)) {
      const f = corpus.blockFrequency(key);
      // the count includes this file when it is indexed (the CLI and the server index every file);
      // copies of this article do not count
      const copiesCounted = Math.min(copies.total, Math.max(0, f.count - 1));
      seen.push({ b, line, count: f.count - copiesCounted, files: f.files.filter((x) => x !== file && !copies.has(x)) });
    }
    const recurring = (s: (typeof seen)[number]) => s.count >= need;
    // the body's extent: from the first to the last paragraph that does not recur
    let firstOwn = -1;
    let lastOwn = -1;
    seen.forEach((s, i) => {
      if (s.b.kind !== 'paragraph' || recurring(s)) return;
      if (firstOwn < 0) firstOwn = i;
      lastOwn = i;
    });

    const out: RuleFinding[] = [];
    seen.forEach((s, i) => {
      if (!recurring(s)) return;
      const text = a.lines[s.line].text;
      const prose = endsSentence(text) && words(text).length >= PROSE_WORDS;
      if (prose && s.b.kind !== 'related' && (firstOwn < 0 || (i > firstOwn && i < lastOwn))) return;
      const r = blockRemovalRange(a, s.line, s.line);
      const pct = Math.round((100 * s.count) / n);
      const related: RelatedLocation[] = s.files.slice(0, MAX_RELATED).map((f) => ({
        message: t('the same line is in this file'),
        start: 0,
        end: 0,
        file: f,
        line: 0,
      }));
      const example = s.files.length ? t(', e.g. {0}', displayName(file, s.files[0])) : '';
      out.push({
        code: 'learned-boilerplate',
        ...(s.b.kind === 'related' ? { demoted: 'unsure' as const } : {}),
        message: t('Line repeated in {0} of {1} files ({2}%{3}), likely site chrome: “{4}”', s.count, n, pct, example, clip(text)),
        start: r.start,
        end: r.end,
        related,
        fixes: [{ title: t('Remove the repeated line'), edits: [{ start: r.start, end: r.end, newText: '' }] }],
      });
    });
    return out;
  },
});
