// whitespace: invisible junk in the text. Lines that hold only NBSP / zero-width characters,
// leading and trailing whitespace on text lines, doubled spaces (space + NBSP…) inside text, and
// (as information: layout, not damage) runs of blank lines and NBSP used as a word space.
// Zero-width characters inside the text are the unicode rule's (invisible characters).
// PHP dumps are skipped (their own rule removes them). Tab indentation and CRLF are left alone.
// What a text line holds (textLineIssues) is a pure function of its text: with a document's cache
// (RuleContext.cache) it is kept between analyses (table ISSUES_TABLE); the blank-line runs are
// worked out every time.
import { type RuleFinding, defineRule } from './types';
import { t } from '../l10n';
import type { Article } from '../model/types';
import { isBlank } from '../text/normalize';
import type { LineCache } from '../model/lineCache';

const CODE = 'whitespace';

/** Horizontal whitespace and invisible characters, as found inside a line. */
const WS_CHAR = /[\t \u00A0\u1680\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF]/;
const WS_RUN = /[\t \u00A0\u1680\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF]+/g;
const ZW_CHAR = /[\u200B-\u200D\u2060\uFEFF]/;
const ZW_ALL = /[\u200B-\u200D\u2060\uFEFF]/g;

const NAMES: Record<string, [string, string]> = {
  ' ': ['space', 'spaces'],
  '\t': ['tab', 'tabs'],
  '\u00A0': ['NBSP', 'NBSPs'],
  '\u202F': ['narrow NBSP', 'narrow NBSPs'],
  '\u200B': ['zero-width space', 'zero-width spaces'],
  '\u200C': ['zero-width non-joiner', 'zero-width non-joiners'],
  '\u200D': ['zero-width joiner', 'zero-width joiners'],
  '\u2060': ['word joiner', 'word joiners'],
  '\uFEFF': ['stray BOM (U+FEFF)', 'stray BOMs (U+FEFF)'],
};

function charName(c: string, n: number): string {
  const known = NAMES[c];
  // (the names are l10n keys: "NBSP", "{0} NBSPs")
  if (known) return n === 1 ? t(known[0]) : t(`{0} ${known[1]}`, n);
  const u = 'U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return n === 1 ? t('{0} space', u) : `${n} × ${u}`;
}

/** "space + NBSP", "3 spaces", "NBSP": the characters of a whitespace run, in order. */
export function describeWhitespace(run: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < run.length) {
    let j = i;
    while (j < run.length && run[j] === run[i]) j++;
    parts.push(charName(run[i], j - i));
    i = j;
  }
  return parts.join(' + ');
}

function dumpLines(a: Article): Uint8Array {
  const inDump = new Uint8Array(a.lines.length);
  for (const b of a.blocks) {
    if (b.kind !== 'php-dump') continue;
    for (let i = b.startLine; i <= b.endLine && i < inDump.length; i++) inDump[i] = 1;
  }
  return inDump;
}

/** `style`: layout rather than damage (reported at most as information). */
function finding(message: string, start: number, end: number, newText: string, title: string, style = false): RuleFinding {
  const f: RuleFinding = { code: CODE, message, start, end, fixes: [{ title, edits: [{ start, end, newText }] }] };
  if (style) f.demoted = 'style';
  return f;
}

/** The cache table of textLineIssues, keyed by the line's text. */
const ISSUES_TABLE = 'whitespace/line';

/** A finding of a text line, at columns of the line. */
interface Issue {
  message: string;
  start: number;
  end: number;
  newText: string;
  title: string;
  style: boolean;
}

const NO_ISSUES: readonly Issue[] = [];

/** A text line's findings, made anew at the line's offset in the article (findings are changed downstream). */
function checkTextLine(out: RuleFinding[], text: string, base: number, cache: LineCache | undefined): void {
  const issues = cache ? cache.memo(ISSUES_TABLE, text, textLineIssues) : textLineIssues(text);
  for (const i of issues) out.push(finding(i.message, base + i.start, base + i.end, i.newText, i.title, i.style));
}

/** What a text line holds: leading and trailing whitespace, doubled spaces, NBSP as a word space (columns). */
function textLineIssues(text: string): readonly Issue[] {
  let out: Issue[] | undefined;
  const finding = (message: string, start: number, end: number, newText: string, title: string, style = false) =>
    (out ??= []).push({ message, start, end, newText, title, style });
  const lead = /^[\t \u00A0\u1680\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF]+/.exec(text);
  const leadLen = lead ? lead[0].length : 0;
  if (lead && !/^\t+$/.test(lead[0])) {
    finding(t('Leading whitespace ({0})', describeWhitespace(lead[0])), 0, leadLen, '', t('Remove the leading whitespace'));
  }
  let trailStart = text.length;
  while (trailStart > leadLen && WS_CHAR.test(text[trailStart - 1])) trailStart--;
  if (trailStart < text.length) {
    finding(t('Trailing whitespace ({0})', describeWhitespace(text.slice(trailStart))), trailStart, text.length, '', t('Remove the trailing whitespace'));
  }
  // runs inside the text
  const core = text.slice(leadLen, trailStart);
  WS_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WS_RUN.exec(core))) {
    const run = m[0];
    if (run === ' ') continue;
    if (run.includes('\t')) continue; // tab-separated columns: not ours
    const start = leadLen + m.index;
    const end = start + run.length;
    const visible = run.replace(ZW_ALL, '');
    const hasZw = ZW_CHAR.test(run);
    if (visible.length >= 2) {
      finding(t('Doubled space ({0})', describeWhitespace(run)), start, end, ' ', t('Replace with a single space'));
    } else if (hasZw) {
      // zero-width characters and stray BOMs are the unicode rule's (invisible characters)
      continue;
    } else {
      // one space-like character other than a plain space: NBSP (or a thin/narrow space) as a word space
      finding(t('{0} used as a word space', describeWhitespace(run)), start, end, ' ', t('Replace with a plain space'), true);
    }
  }
  return out ?? NO_ISSUES;
}

export const rule = defineRule({
  code: CODE,
  defaultSeverity: 'warning',
  description:
    'Invisible whitespace problems: NBSP-only lines, leading/trailing whitespace, doubled spaces, zero-width characters, runs of blank lines, NBSP as a word space.',
  tags: ['whitespace'],
  flags: 'NBSP-only lines, leading/trailing whitespace, doubled spaces, zero-width characters, runs of blank lines',
  fix: { availability: 'always' },
  removable: false,
  demoted: 'Layout rather than damage is information: NBSP as a word space, blank lines before the first or after the last line, runs of empty lines.',
  check(ctx) {
    const a = ctx.article;
    const lines = a.lines;
    const out: RuleFinding[] = [];
    if (lines.length === 0) return out;
    const inDump = dumpLines(a);
    // the empty "line" after a final line break is not a line of the text
    const n = lines.length > 1 && lines[lines.length - 1].text === '' ? lines.length - 1 : lines.length;
    let runStart = -1;
    // lines that hold only whitespace (NBSPs…) on the first line of a blank run: one finding for all
    // of them at the end (a page that separates its paragraphs with NBSP lines has dozens)
    const only: Array<{ start: number; end: number; text: string }> = [];
    let runNbsp = false; // the run's first line is the last entry of `only`
    const closeRun = (endExclusive: number) => {
      if (runStart < 0) return;
      const s = runStart, e = endExclusive - 1;
      runStart = -1;
      if (s === 0 && endExclusive < n) {
        // blank lines before the first line of text: nothing to keep
        const count = e + 1;
        out.push(finding(count === 1 ? t('A blank line before the first line of text') : t('{0} blank lines before the first line of text', count), 0, lines[endExclusive].start, '', t('Remove the leading blank lines'), true));
        return;
      }
      if (endExclusive === n && s > 0) {
        // blank lines after the last line of text: all go (the last text line keeps its line break)
        if (runNbsp) only.pop();
        const count = e - s + 1;
        out.push(finding(count === 1 ? t('A blank line after the last line of text') : t('{0} blank lines after the last line of text', count), lines[s].start, a.text.length, '', t('Remove the trailing blank lines'), true));
        return;
      }
      if (e <= s) return;
      const count = e - s + 1;
      let odd = 0;
      let junk = '';
      for (let i = s + 1; i <= e; i++) {
        if (lines[i].text.length === 0) continue;
        odd++;
        if (junk.length < 40) junk += lines[i].text;
      }
      const what = odd > 0 ? describeWhitespace([...new Set(junk)].join('')) : '';
      const note = odd === 1 ? t(' (one holds only {0})', what) : odd > 1 ? t(' ({0} hold only {1})', odd, what) : '';
      // keep the first line (its own content, if any, is flagged on its own) and remove the others
      // with the line breaks before them: the run collapses to one line
      // layout, not damage: information (a line holding NBSPs among them is flagged on its own)
      out.push(finding(t('{0} blank lines in a row{1}', count, note), lines[s].end, lines[e].end, '', t('Collapse to one blank line'), odd === 0));
    };
    for (let i = 0; i < n; i++) {
      if (inDump[i]) {
        closeRun(i);
        continue;
      }
      const { text, start } = lines[i];
      if (isBlank(text)) {
        // content of a blank line: flagged on the first line of a run (the others go with the run)
        if (runStart >= 0) continue;
        runStart = i;
        runNbsp = text.length > 0 && i > 0;
        if (runNbsp) only.push({ start, end: start + text.length, text });
        continue;
      }
      closeRun(i);
      checkTextLine(out, text, start, ctx.cache);
    }
    closeRun(n);
    if (only.length > 0) out.push(onlyWhitespaceLines(only));
    return out;
  },
});

/**
 * The lines that hold only whitespace, as one finding: one line as it is; several (a page that
 * separates its paragraphs with NBSP lines) flag the span from the first to the last, drawn on the
 * first, with the others as related places and one fix that empties each of them and nothing else.
 */
function onlyWhitespaceLines(only: ReadonlyArray<{ start: number; end: number; text: string }>): RuleFinding {
  const first = only[0];
  if (only.length === 1) {
    return finding(t('Line holds only {0}', describeWhitespace(first.text)), first.start, first.end, '', t('Make the line empty'));
  }
  const last = only[only.length - 1];
  const what = describeWhitespace([...new Set(only.map((l) => l.text).join(''))].join(''));
  return {
    code: CODE,
    message: t('{0} lines hold only {1}', only.length, what),
    start: first.start,
    end: last.end,
    anchor: { start: first.start, end: first.end },
    related: only.slice(1).map((l) => ({ message: t('Holds only {0}', describeWhitespace(l.text)), start: l.start, end: l.end })),
    fixes: [{ title: t('Make the {0} lines empty', only.length), edits: only.map((l) => ({ start: l.start, end: l.end, newText: '' })) }],
  };
}
