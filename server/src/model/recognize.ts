// The line recognizer: which block kind each line of an article is.
//
//  1. Deterministic parts: line splitting, blank lines, and PHP dumps (parsed by phpdump.ts, so a
//     dump is recognized from its grammar, not guessed).
//  2. Every other line (a "content line") gets features (features.ts) and a trained linear-chain
//     CRF (crf.ts, weights in server/data/recognizer.vi.json) labels the sequence of content
//     lines with block kinds, reading each line together with its neighbours' kinds.
//  3. The marginal probability of each line's kind is kept: hovers show it with the features that
//     weighed most, and rules speak more softly where the model is unsure.
import { t } from '../l10n';
import { kindId, kindNoun } from './kindNames';
import type { BlockKind, LineInfo, PhpDump } from './types';
import { allLineFacts, lineFacts, type LineFacts } from './lines';
import { taggedReadings, tagHeading } from './tagged';
import { repairedReadings } from '../text/mojibake';
import { isBlank } from '../text/normalize';
import { findDumps } from './phpdump';
import { holdsAddress, isRelativeTime, lineFeatures, type LineCues, type LineFrequency } from './features';
import { decodePosteriorScores, explain, type Constraints, type CrfModel } from './crf';
import { hasCaptionTail, isTextAndPhotoCredit, type Knowledge } from './knowledge';
import type { LineCache } from './lineCache';
import { joinWrapped } from './wrap';
import { publicationDate } from './dates';
import { tableLines } from './table';

/** The kinds the CRF chooses from (blank lines and parsed dumps are decided before it runs). */
export const RECOGNIZED_KINDS: readonly BlockKind[] = [
  'kicker', 'headline', 'dateline', 'heading', 'paragraph', 'caption', 'byline', 'boilerplate', 'related',
];

export interface Prepared {
  /** What the text was prepared with (the rules after the model read its lists too). */
  knowledge: Knowledge;
  lines: LineInfo[];
  facts: LineFacts[];
  dumps: PhpDump[];
  /** 1 for lines inside a parsed dump. */
  inDump: Uint8Array;
  /** Line indexes of the content lines, in order. */
  content: number[];
  /** How many content lines (the first ones) the model reads: all but in a huge text (MODEL_LINES). */
  modelled: number;
  /** The features of content line j (content[j]), j < modelled: those of its unit. */
  featuresOf(j: number): string[];
  cues: LineCues[];
  /** 1 for the modelled content lines that are a table's cells or a formula's lines (table.ts tableLines). */
  tables: Uint8Array;
  /** A tag-prefixed scrape (tagged.ts): the model read its lines without their tags. */
  tagged: boolean;
  /**
   * What the CRF reads: the units (wrap.ts: the lines of a hard-wrapped paragraph joined into one;
   * otherwise each content line is its own unit). `unitOf` is null when every unit is one line.
   */
  units: {
    count: number;
    featuresOf(u: number): string[];
    /** Adds unit u's emission scores under `model` into s[base .. base + L) (the fast path of emissionRow(model, featuresOf(u), …)). */
    addScores(u: number, model: CrfModel, s: Float64Array, base: number): void;
    cues: LineCues[];
    unitOf: Int32Array | null;
  };
}

export function splitLines(text: string): LineInfo[] {
  const lines: LineInfo[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    lines.push({ text: text.slice(start, m.index), start, end: m.index, eol: m[0] as LineInfo['eol'] });
    start = m.index + m[0].length;
  }
  lines.push({ text: text.slice(start), start, end: text.length, eol: '' });
  return lines;
}

/**
 * Everything the CRF needs about a text (without its BOM). `dumpLines` (training only) are lines
 * known to be dump output: they are set aside like the dumps the parser finds.
 */
export function prepare(text: string, knowledge: Knowledge, frequency?: LineFrequency, dumpLines?: ReadonlySet<number>, cache?: LineCache): Prepared {
  const lines = splitLines(text);
  cache?.sameLines(lines);
  const lineFactsOf = (l: LineInfo) => (cache ? cache.facts(l.text) : lineFacts(l.text));
  const facts = cache ? lines.map(lineFactsOf) : allLineFacts(lines);
  // a text with mojibake (`Di tÃ­ch lá»ch sá»­`, a crawler that guessed the wrong encoding): the
  // model reads each mangled line repaired, as it should read (text/mojibake.ts), and a line that
  // is only a mangled NBSP (`Â` and a NBSP) is blank. The article's lines, their facts and the rules
  // after the model keep the text as written (the unicode rule flags the mojibake).
  const repaired = repairedReadings(lines, null);
  if (repaired) for (let i = 0; i < lines.length; i++) if (repaired[i] !== null && isBlank(repaired[i]!)) facts[i] = lineFacts(repaired[i]!);
  const dumps = findDumps(lines.map((l) => l.text));
  const inDump = new Uint8Array(lines.length);
  for (const d of dumps) for (let i = d.startLine; i <= d.endLine; i++) inDump[i] = 1;
  if (dumpLines) for (const i of dumpLines) if (i < lines.length) inDump[i] = 1;
  const content: number[] = [];
  for (let i = 0; i < lines.length; i++) if (!facts[i].blank && !inDump[i]) content.push(i);
  // a tag-prefixed scrape (`[P] …`): the model reads each line without its tag (tagged.ts), repaired
  // when it has mojibake; the article's lines, their facts and the rules after the model keep the
  // text as written
  const tagged = taggedReadings(lines, content);
  const readings = tagged ? (repaired ? repairedReadings(lines, tagged) ?? tagged : tagged) : repaired;
  const modelLines = readings ? lines.map((l, i) => (readings[i] === null ? l : { ...l, text: readings[i]! })) : lines;
  const modelFacts = readings ? modelLines.map((l, i) => (readings[i] === null ? facts[i] : lineFactsOf(l))) : facts;
  const modelled = Math.min(content.length, MODEL_LINES);
  // a huge text (past MODEL_LINES) is no article: its lines are not joined
  const joined = modelled === content.length ? joinWrapped(modelLines, modelFacts, inDump, content, knowledge) : null;
  const read = modelled < content.length ? content.slice(0, modelled) : content;
  // tables and formulas laid out one cell per line: the lines say so, whatever the model reads
  const tables = tableLines(modelLines, read, knowledge.tableHeaders);
  if (!joined) {
    const { featuresOf, addScores, cues } = lineFeatures({
      lines: modelLines, facts: modelFacts, content: read, inDump: (i) => inDump[i] === 1, knowledge, frequency, cache,
    });
    return { knowledge, lines, facts, dumps, inDump, content, modelled, featuresOf, cues, tables, tagged: tagged !== null, units: { count: modelled, featuresOf, addScores, cues, unitOf: null } };
  }
  const u = lineFeatures({ lines: joined.lines, facts: joined.facts, content: joined.content, inDump: (i) => joined.inDump[i] === 1, knowledge, frequency, cache });
  const { unitOf, size } = joined;
  // a line inside a joined unit has the unit's chrome cue; a date is read only on a line of its own
  const cues = content.map((_, j) => (size[unitOf[j]] === 1 ? u.cues[unitOf[j]] : { dateline: null, boilerplate: u.cues[unitOf[j]].boilerplate }));
  return {
    knowledge, lines, facts, dumps, inDump, content, modelled, featuresOf: (j) => u.featuresOf(unitOf[j]), cues, tables, tagged: tagged !== null,
    units: { count: joined.content.length, featuresOf: u.featuresOf, addScores: u.addScores, cues: u.cues, unitOf },
  };
}

export interface Recognition {
  /** Kind of each content line (parallel to Prepared.content). */
  kinds: BlockKind[];
  /** Probability of that kind. */
  confidence: number[];
  /** The runner-up kind and its probability. */
  second: Array<{ kind: BlockKind; p: number }>;
  /**
   * The content lines whose kind a rule decided after the CRF (a known chrome phrase, a publication
   * date), with the rule's words for the hover: the CRF's own choice is then `second`.
   */
  ruled: Map<number, string>;
}

/** An article has at most one headline, one dateline and one kicker, and the kicker is above the headline. */
function constraintsFor(model: CrfModel): Constraints {
  const at = (k: BlockKind) => model.labels.indexOf(k);
  const once = (['headline', 'dateline', 'kicker'] as const).map(at).filter((y) => y >= 0);
  const before = at('kicker') >= 0 && at('headline') >= 0 ? [[at('kicker'), at('headline')] as const] : [];
  // and an article has some text of its own: a headline or a paragraph
  const some = (['headline', 'paragraph'] as const).map(at).filter((y) => y >= 0);
  return { once, before, some };
}

const JUNK: ReadonlySet<BlockKind> = new Set<BlockKind>(['boilerplate', 'related']);
/**
 * Losing a line of the article costs more than leaving a line of chrome: a line is called junk only
 * when the junk kinds together are clearly more probable (by this margin) than the article's own
 * kinds together; otherwise it keeps its most probable kind of the article's text.
 */
const CONTENT_TIE = 0.2;
/** The fewest words of a line whose copies are the article's text when it is (a short line repeats as chrome). */
const COPY_MIN_WORDS = 8;

/**
 * The model reads at most this many content lines. A text with more is no article (a data dump, a
 * log, a word list pasted into a file): its first lines are read as usual, the rest are left as
 * plain text (paragraphs), so that opening it costs seconds, not minutes and gigabytes.
 */
export const MODEL_LINES = 20000;

/**
 * A text with more content lines than this is read in windows of WINDOW lines (a data dump pasted
 * into a file, millions of short lines): memory stays bounded by the window. The article's own
 * structure (one headline, one dateline, a kicker above the headline) is sought in the first
 * window only; the later ones have none of those kinds.
 */
export const WINDOW = 8192;

const UNREAD_SECOND: { readonly kind: BlockKind; readonly p: number } = Object.freeze({ kind: 'paragraph', p: 0 });

/** A Markdown heading: 1 to 6 `#`, a space, then words (`#tag #tag` is a tag list, not a heading). */
const MARKDOWN_HEADING = /^ {0,3}#{1,6}[ \t]+[^\n]*\p{L}/u;
/** The least probability of the runner-up `headline` that makes a line the headline of an article without one. */
const HEADLINE_FALLBACK_MIN = 0.01;
/** The fewest entries of a table of contents. */
const TOC_MIN_ENTRIES = 3;

function tableOfContents(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  // where each key comes next, from the end (a key of 2 words or more: `Mục 1` is no entry)
  const nextAt = new Int32Array(n).fill(-1);
  const seen = new Map<string, number>();
  for (let j = n - 1; j >= 0; j--) {
    const f = p.facts[p.content[j]];
    if (f.nWords < 2 || f.key === '') continue;
    nextAt[j] = seen.get(f.key) ?? -1;
    seen.set(f.key, j);
  }
  for (let j = 0; j < n; ) {
    // the longest run from j whose entries come again after the run, in order, each apart from the one before
    let k = j;
    let last = -1;
    while (k < n && nextAt[k] > k && nextAt[k] > last + 1) {
      last = nextAt[k];
      k++;
    }
    const entries = k - j;
    // (and the copies are headings of text: most are followed by a paragraph; a teaser list printed
    // twice is no table of contents)
    let overText = 0;
    for (let q = j; q < k; q++) if (nextAt[q] + 1 < n && kinds[nextAt[q] + 1] === 'paragraph') overText++;
    if (entries < TOC_MIN_ENTRIES || nextAt[j] < k || 2 * overText < entries) { j = Math.max(k, j + 1); continue; }
    for (let q = j; q < k; q++) {
      if (kinds[q] !== 'boilerplate') overrule(kinds, confidence, second, ruled, q, 'boilerplate', 1 - confidence[q], t('an entry of the table of contents: its heading follows further down'));
    }
    j = k;
  }
}

/** The words of a paragraph that is surely the article's text (not a link or a menu item read as one). */
const BODY_WORDS = 12;

/** Is content line j read as a paragraph of the article's own text (BODY_WORDS words or more)? */
function isBodyText(p: Prepared, kinds: readonly BlockKind[], j: number): boolean {
  return kinds[j] === 'paragraph' && p.facts[p.content[j]].nWords >= BODY_WORDS;
}

/** Lines opening with a quantity in a row, at least. */
const QUANTITY_RUN_MIN = 3;

/**
 * A list of quantities inside the article (a recipe's ingredients: `30g hạt kê`, `2 muỗng bột
 * năng`, `1 chén bột sắn`): a run of three lines or more, each opening with a number and a unit
 * (knowledge's quantityUnits; a line of a few words between two of them goes with them), after a
 * paragraph of the article's text, is the article's own list: its lines are paragraphs, not chrome
 * for the boilerplate fix to delete.
 */
function quantityLists(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  // (each line tested once: the run's walk below asks about a line and its neighbours)
  const quantity = new Uint8Array(n);
  for (let j = 0; j < n; j++) if (p.facts[p.content[j]].nWords <= 12 && p.knowledge.quantityLine.test(p.lines[p.content[j]].text)) quantity[j] = 1;
  const q = (j: number) => quantity[j] === 1;
  let text = false;
  for (let j = 0; j < n; ) {
    if (!q(j)) {
      if (isBodyText(p, kinds, j)) text = true;
      j++;
      continue;
    }
    let k = j, count = 0;
    while (k < n && (q(k) || (k > j && k + 1 < n && q(k - 1) && q(k + 1) && p.facts[p.content[k]].nWords <= 4))) {
      if (q(k)) count++;
      k++;
    }
    if (text && count >= QUANTITY_RUN_MIN) {
      for (let x = j; x < k; x++) {
        if ((JUNK.has(kinds[x]) || kinds[x] === 'heading') && p.cues[x].boilerplate === null) overrule(kinds, confidence, second, ruled, x, 'paragraph', 1 - confidence[x], t('an item of a list of quantities in the article (a recipe\'s ingredients)'));
      }
    }
    j = k;
  }
}

/** Blank lines between two stanzas of a poem, at most. */
const VERSE_GAP = 2;

/**
 * A poem quoted in the article, one verse per line: lines whose words (syllables) follow one of the
 * language's verse meters in turn (lục bát: 6, 8, 6, 8 …; the data's `verseMeters`), at least
 * `verseMinLines` in a row, blank lines between stanzas allowed. Short, capitalised and without a
 * sentence end, verses read like a list of teasers or a menu, and fix-all deleted two poems of an
 * article on a poet (an01); in the labelled sets no other run of lines keeps such a meter. A line with
 * a chrome phrase, a date or a web address breaks the run.
 */
function verses(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const { meters, minLines } = p.knowledge.verse;
  if (meters.length === 0 || minLines < 2) return;
  const n = kinds.length;
  const words = (j: number) => p.facts[p.content[j]].nWords;
  const plain = (j: number) => p.cues[j].boilerplate === null && !p.cues[j].dateline && !/(?:https?:\/\/|www\.)/iu.test(p.lines[p.content[j]].text);
  const why = t('a line of verse: a poem in the article (its lines keep a verse meter, as lục bát\'s 6 and 8 syllables in turn)');
  for (const meter of meters) {
    for (let j = 0; j < n; ) {
      // a run starts on any step of the meter and keeps it, line after line
      const step = meter.indexOf(words(j));
      if (step < 0 || !plain(j)) { j++; continue; }
      let k = j + 1;
      while (k < n && plain(k) && p.content[k] - p.content[k - 1] <= VERSE_GAP + 1 && words(k) === meter[(step + (k - j)) % meter.length]) k++;
      if (k - j >= minLines) {
        for (let x = j; x < k; x++) if (kinds[x] !== 'paragraph') overrule(kinds, confidence, second, ruled, x, 'paragraph', 1 - confidence[x], why);
        j = k;
      } else j++;
    }
  }
}

/** A quoted passage's lines, at least and at most (from its opening quotation mark to its closing one). */
const QUOTE_MIN_LINES = 3;
const QUOTE_MAX_LINES = 40;
/** Typographic quotation marks, which say which end they are (a straight `"` does not). */
const OPEN_QUOTES = /[“«]/gu;
const CLOSE_QUOTES = /[”»]/gu;
const OPENS = /[“«]/u;

function quoteBalance(text: string): number {
  return (text.match(OPEN_QUOTES)?.length ?? 0) - (text.match(CLOSE_QUOTES)?.length ?? 0);
}

/**
 * A passage the article quotes over several lines (a poem in free verse, a song's lyrics, a letter):
 * a line that opens a quotation mark it does not close, then, within QUOTE_MAX_LINES lines and with
 * no quotation opened between, a line that closes it. Its short lines without a sentence's end read
 * like a list of teasers, and fix-all deleted a poem of an article on a poet (an01). After a line of
 * the article's text, such a passage of QUOTE_MIN_LINES lines or more is the article's text: its
 * lines are paragraphs, unless a chrome phrase claims one. In the labelled sets, 33 of the 34 lines of
 * such passages are the article's text.
 */
function quotedPassages(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  const text = (j: number) => p.lines[p.content[j]].text;
  const why = t('a line of a passage the article quotes (from an opening quotation mark to its closing one)');
  let body = false;
  for (let j = 0; j < n; j++) {
    if (!body) {
      body = isBodyText(p, kinds, j);
      continue;
    }
    if (!/^\s*[“«]/u.test(text(j)) || quoteBalance(text(j)) <= 0) continue;
    // the closing line: the first one that closes more quotations than it opens, with none opened before it
    let k = j + 1;
    while (k < n && k - j < QUOTE_MAX_LINES && !OPENS.test(text(k)) && quoteBalance(text(k)) >= 0) k++;
    if (k >= n || k - j >= QUOTE_MAX_LINES || OPENS.test(text(k)) || k - j + 1 < QUOTE_MIN_LINES) continue;
    for (let x = j; x <= k; x++) {
      if (kinds[x] !== 'paragraph' && p.cues[x].boilerplate === null) overrule(kinds, confidence, second, ruled, x, 'paragraph', 1 - confidence[x], why);
    }
    j = k;
  }
}

/** Lines between a page's title and its headline below the menus, at least. */
const TITLE_AGAIN_GAP = 5;
/** A site's name after the title (`… | Báo Dân trí`, `… - VnExpress`): a separator, then a few words. */
const TITLE_SITE = /\s+[|\-–—]\s+[^|\-–—]{1,40}$/u;

/**
 * A saved page begins with its `<title>` (the headline, often with the site's name after it); the
 * headline comes again below the page's menus, above the body. When a line after at least
 * TITLE_AGAIN_GAP others, before the body and after nothing read as its text, repeats the title
 * (whole, without the site's name, or its first five words or more when the headline is wrapped
 * over lines), that line (with the rest of its unit when wrap.ts joined it) is the headline, and
 * the title is chrome.
 * (A copy just under the title, a caption or a sapo repeating it, is no such page.)
 */
function titleAgain(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  let top = -1;
  for (let j = 0; j < Math.min(3, n); j++) {
    const c = p.cues[j].boilerplate;
    if (c === 'code' || c === 'markup') continue;
    top = j;
    break;
  }
  if (top < 0) return;
  const whole = p.facts[p.content[top]].key;
  const title = whole.replace(TITLE_SITE, '');
  const titleWords = title.split(' ');
  if (titleWords.length < 5) return;
  for (let j = top + 1; j < n; j++) {
    const f = p.facts[p.content[j]];
    // the article's text began before any copy: no page title above it
    if (isBodyText(p, kinds, j) && f.key !== title && f.key !== whole) return;
    if (j - top <= TITLE_AGAIN_GAP || f.nWords < 5) continue;
    const same = f.key === title || f.key === whole || (title.startsWith(f.key + ' ') && f.nWords >= 5 && f.nWords < titleWords.length);
    if (!same) continue;
    // (the line and the rest of its wrapped unit; the article keeps one headline line)
    const unit = p.units.unitOf ? p.units.unitOf[j] : j;
    const ours = new Set<number>();
    for (let q = j; q < n && (p.units.unitOf ? p.units.unitOf[q] === unit : q === j); q++) ours.add(q);
    for (const q of ours) {
      if (kinds[q] !== 'headline') overrule(kinds, confidence, second, ruled, q, 'headline', 1 - confidence[q], t('the page\'s title again, below the menus: the headline'));
    }
    if (kinds[top] !== 'boilerplate') overrule(kinds, confidence, second, ruled, top, 'boilerplate', 1 - confidence[top], t('the page\'s title: its headline comes again below'));
    for (let q = 0; q < n; q++) {
      if (kinds[q] === 'headline' && !ours.has(q)) overrule(kinds, confidence, second, ruled, q, second[q].kind === 'headline' ? 'paragraph' : second[q].kind, 1 - confidence[q], t('the headline is the page\'s title again, below'));
    }
    return;
  }
}

/** A list item's opening: a bullet, a dash or a number (`- `, `• `, `3. `, `2) `). */
const LIST_MARK = /^(?:[-–+•*●▪►]|\d{1,3}[.)])\s/u;

/** Dated records in a row, at least; lines of the article's text above them, at least. */
const RECORDS_MIN = 3;
const RECORDS_BODY_MIN = 3;
/** A dated record's lines: at most; records longer than RECORD_LINES_PLAIN hold a teaser's title each. */
const RECORD_LINES_MAX = 7;
const RECORD_LINES_PLAIN = 5;
/**
 * A line's place in a dated record, to match it with its counterpart in the next one: a date or a
 * time, a bar (no words), a sentence, a title (six words or more), a short line.
 */
function recordShape(p: Prepared, dated: Uint8Array, j: number): string {
  if (dated[j]) return 'D';
  const f = p.facts[p.content[j]];
  if (f.nWords === 0) return 'P';
  if (f.terminal) return f.nWords >= 6 ? 'S' : 's';
  return f.nWords >= 6 ? 'T' : 'a';
}

/** A teaser's title: 6 to 30 words, opening with a capital letter (or a digit or a quotation mark), not ending as a sentence does. */
const TEASER_TITLE_OPENING = /^["“'‘]?[\p{Lu}\d]/u;
function isTeaserTitle(f: LineFacts): boolean {
  return f.nWords >= 6 && f.nWords <= 30 && !f.terminal && TEASER_TITLE_OPENING.test(f.folded);
}

/**
 * A list of dated teasers after the article: records of 2 to 5 lines (a title, a summary, a time
 * stamp, which may take two lines, a date and a relative time; a theme's related posts: a section, a
 * date, a bar, a comment count, a title), at least three in a
 * row, each with one date or relative-time line (or pair of lines) at the same place (a date line
 * that opens as a list item does, with a bullet or a number, is the article's own list: an event's
 * time). When
 * at least three lines of the article's text (paragraphs of a dozen words or more, outside any such
 * run) come before the run, its lines are teasers: related. A run with no text above it is left as
 * read: a live blog's entries (time stamp, minute, text) are the article itself.
 */
function datedRecords(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  const dated = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const f = p.facts[p.content[j]];
    // (a date that a list item opens with a bullet or a number, `- Thời gian: 18h ngày 01/12/2024`,
    // is a field of the article's own list, an event's time, not a teaser's time stamp)
    if (f.nWords <= 12 && (p.cues[j].dateline || isRelativeTime(f.folded)) && !LIST_MARK.test(f.folded)) dated[j] = 1;
  }
  // a record's time stamp may take two lines (`16/08/2017`, `6 năm trước`): the first stands for both
  for (let j = n - 1; j > 0; j--) if (dated[j] && dated[j - 1]) dated[j] = 2;
  const runs: Array<[number, number]> = [];
  for (let j = 0; j < n; j++) {
    if (dated[j] !== 1) continue;
    let best: [number, number, number] | undefined; // period, records, last date line
    // (records of up to five lines: a two-line time stamp, or a section, a bar and a count around the
    // date; of six or seven, a teaser card: a section, an author, bars, the time, an excerpt, a title,
    // each with a title between two time stamps, which a forum's posts and readers' comments have not)
    for (let P = 2; P <= RECORD_LINES_MAX; P++) {
      let k = j, records = 1;
      for (;;) {
        if (k + P >= n || dated[k + P] !== 1 || dated[k + 1] !== dated[j + 1]) break;
        let between = false, title = false;
        for (let q = k + 1; q < k + P; q++) {
          if (dated[q] === 1) between = true;
          if (isTeaserTitle(p.facts[p.content[q]])) title = true;
        }
        if (between || (P > RECORD_LINES_PLAIN && !title)) break;
        k += P;
        records++;
      }
      if (records >= RECORDS_MIN && (!best || records * P > best[0] * best[1])) best = [P, records, k];
    }
    if (!best) continue;
    // the date may open each record, close it or sit inside it: the run reaches back from the first
    // date and on from the last one over the lines laid out as their counterparts in the next record
    // (or the one before): a bar as a bar, a time as a time, a title as a title, a sentence as a
    // sentence; a record's length at most each way, and never into the article's text (a line of
    // its text under another is the article's last paragraph, not a first summary)
    const [P, , k] = best;
    let a = j, b = k;
    while (a > 0 && j - a < P - 1 && recordShape(p, dated, a - 1) === recordShape(p, dated, a - 1 + P) &&
      !(isBodyText(p, kinds, a - 1) && a > 1 && isBodyText(p, kinds, a - 2))) a--;
    while (b + 1 < n && b - k < P - 1 && recordShape(p, dated, b + 1) === recordShape(p, dated, b + 1 - P)) b++;
    // (runs do not overlap: one starts after the one before ends)
    if (runs.length > 0) a = Math.max(a, runs[runs.length - 1][1] + 1);
    runs.push([a, b]);
    j = runs[runs.length - 1][1];
  }
  if (runs.length === 0) return;
  const inRun = new Uint8Array(n);
  for (const [a, b] of runs) inRun.fill(1, a, b + 1);
  let r = 0, text = 0;
  for (let j = 0; j < n && r < runs.length; j++) {
    if (j === runs[r][0]) {
      if (text >= RECORDS_BODY_MIN) {
        for (let q = runs[r][0]; q <= runs[r][1]; q++) {
          const cue = p.cues[q].boilerplate;
          // (a bar between a card's section, author and time, `-`, is the card's too)
          if (kinds[q] !== 'related' && (cue === null || cue === 'teaser' || cue === 'punct')) overrule(kinds, confidence, second, ruled, q, 'related', 1 - confidence[q], t('a line of a list of dated teasers after the article'));
        }
      }
      j = runs[r][1];
      r++;
      continue;
    }
    if (!inRun[j] && isBodyText(p, kinds, j)) text++;
  }
}

/** A date line of its own: this many words at most. */
const POST_DATE_WORDS = 8;

/** A line's layout template: its indentation, and its text with every digit a 9 (`    11/05/2026` -> `    99/99/9999`). */
function dateTemplate(text: string): string {
  const t = text.replace(/\u00a0/g, ' ');
  const lead = /^\s*/.exec(t)![0];
  return lead + t.trim().replace(/\d/g, '9');
}

/**
 * Another post: a listing page (a section's or a blog's page saved whole) shows several posts in a
 * row, each as the article shows itself, a title, a date line, the text or its excerpt. When the
 * article's own date line (a line of its own, read as the dateline, right under the headline) comes
 * again further down in the very same layout (indentation, and the same digits in the same places:
 * `    18/05/2026` under `    11/05/2026`), after at least RECORDS_BODY_MIN lines of the
 * article's text, each such line opens another post: from the title above the first one to the last
 * line of text after the last one (up to the chrome of the page's foot), the lines are teasers,
 * related. In the labelled sets, 62 of the 64 lines laid out as the article's date line further down
 * are teasers' dates. A date line under the headline's own words again is the article printed a
 * second time (a page's print view): then nothing is done.
 */
function postsAgain(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  const isDateLine = (j: number) => p.cues[j].dateline?.date != null && p.facts[p.content[j]].nWords <= POST_DATE_WORDS;
  const d = kinds.indexOf('dateline');
  if (d < 1 || !isDateLine(d) || (kinds[d - 1] !== 'headline' && (d < 2 || kinds[d - 2] !== 'headline'))) return;
  const template = dateTemplate(p.lines[p.content[d]].text);
  const h = kinds[d - 1] === 'headline' ? d - 1 : d - 2;
  const headlineKey = p.facts[p.content[h]].key;
  const again: number[] = [];
  let text = 0;
  for (let j = d + 1; j < n; j++) {
    if (isDateLine(j) && dateTemplate(p.lines[p.content[j]].text) === template) {
      // (under the headline's own words, it is the article again: a page that prints it twice)
      if (j - (d - h) >= 0 && p.facts[p.content[j - (d - h)]].key === headlineKey) return;
      if (again.length === 0 && text < RECORDS_BODY_MIN) return;
      again.push(j);
    } else if (again.length === 0 && isBodyText(p, kinds, j)) text++;
  }
  if (again.length === 0) return;
  // the last post's text runs until the page's foot: the first line with a chrome phrase, or read as chrome
  let end = again[again.length - 1];
  while (end + 1 < n && p.cues[end + 1].boilerplate === null && kinds[end + 1] !== 'boilerplate') end++;
  // (the first post's title: the line above its date, unless that is read as chrome, a share bar)
  const start = kinds[again[0] - 1] === 'boilerplate' ? again[0] : again[0] - 1;
  for (let q = start; q <= end; q++) {
    const cue = p.cues[q].boilerplate;
    if (kinds[q] !== 'related' && (cue === null || cue === 'teaser')) overrule(kinds, confidence, second, ruled, q, 'related', 1 - confidence[q], t("another post of a listing page: the article's date line comes again in the same layout above"));
  }
}

/**
 * Inside the article's text of a tag-prefixed scrape (from its first paragraph of a dozen words or
 * more to its last), the tag says what the model could not: an `[H2]` line read as text is a
 * subheading (unless its words are chrome), and an `[LI]` line read as a subheading is text
 * (`[LI] Địa chỉ: …`). Above and below the text the tag is not obeyed: teaser titles are `<h2>`s,
 * menus `<li>`s.
 */
function taggedBody(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>, firstBody: number): void {
  if (!p.tagged) return;
  let lastBody = kinds.length - 1;
  while (lastBody > firstBody && !isBodyText(p, kinds, lastBody)) lastBody--;
  for (let j = firstBody + 1; j < lastBody; j++) {
    const heading = tagHeading(p.lines[p.content[j]].text);
    if (heading === true && p.cues[j].boilerplate === null && (kinds[j] === 'paragraph' || kinds[j] === 'caption')) {
      overrule(kinds, confidence, second, ruled, j, 'heading', 1 - confidence[j], t('a heading\'s tag inside the article\'s text'));
    } else if (heading === false && kinds[j] === 'heading') {
      overrule(kinds, confidence, second, ruled, j, 'paragraph', 1 - confidence[j], t('a list item\'s tag inside the article\'s text'));
    }
  }
}

/** A front matter's fence, its fields (`title: "…"`, `date = 2024-09-19`), and the lines a field may go on over. */
const FRONT_FENCE = /^(?:---|\+\+\+)$/;
const FRONT_FIELD = /^([A-Za-z_][\w.-]{0,40})\s*[:=](?:\s|$)/;
const FRONT_MORE = /^(?:\s+\S|\s*-\s)/;
/** Keys of a front matter's title. */
const FRONT_TITLE = /^(?:title|headline|name)$/i;
/** The most lines between a front matter's fences, and how far below it its title is looked for again. */
const FRONT_MAX_LINES = 40;
const FRONT_TITLE_REACH = 200;

/**
 * A Markdown file's front matter (Jekyll, Hugo: `---`, `key: value` lines, `---`, first in the file)
 * is the file's metadata, not the article: its fields are chrome, but for its date, which is read
 * as any dateline is, and its title when no line below says it again (then it is the only title).
 */
function frontMatter(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  if (n < 3 || !FRONT_FENCE.test(p.lines[p.content[0]].text.trim())) return;
  const fence = p.lines[p.content[0]].text.trim();
  let end = -1, fields = 0;
  for (let j = 1; j < n && j <= FRONT_MAX_LINES; j++) {
    const text = p.lines[p.content[j]].text;
    if (text.trim() === fence) { end = j; break; }
    if (FRONT_FIELD.test(text)) fields++;
    else if (!FRONT_MORE.test(text)) return;
  }
  if (end < 0 || fields === 0) return;
  const why = t('a field of the file\'s front matter (its metadata)');
  // its fences are its own (a `---` read as anything but chrome is a constraint's leftover)
  for (const j of [0, end]) if (kinds[j] !== 'boilerplate') overrule(kinds, confidence, second, ruled, j, 'boilerplate', 1 - confidence[j], why);
  for (let j = 1; j < end; j++) {
    const text = p.lines[p.content[j]].text;
    const key = FRONT_FIELD.exec(text)?.[1];
    if (key !== undefined && FRONT_TITLE.test(key)) {
      // the title's words again below the front matter: that line is the headline, this the metadata
      const value = foldForMatch(text.slice(text.search(/[:=]/) + 1));
      let again = -1;
      for (let q = end + 1; q < n && q <= end + FRONT_TITLE_REACH && again < 0 && value.length >= 10; q++) {
        const other = foldForMatch(p.lines[p.content[q]].text);
        if (other.includes(value) || (other.length >= 10 && value.includes(other))) again = q;
      }
      if (again < 0) continue;
      if (kinds[j] !== 'boilerplate') overrule(kinds, confidence, second, ruled, j, 'boilerplate', 1 - confidence[j], why);
      // with no other line read as the headline, the title said again is it (a link to the article
      // the model read as chrome: its fix would have deleted the headline)
      if (!kinds.includes('headline', end + 1)) {
        overrule(kinds, confidence, second, ruled, again, 'headline', 1 - confidence[again], t('the title of the file\'s front matter, said again'));
      }
      continue;
    }
    if (kinds[j] === 'boilerplate' || kinds[j] === 'dateline') continue;
    overrule(kinds, confidence, second, ruled, j, 'boilerplate', 1 - confidence[j], why);
  }
}

/** Section-labelled teaser cards in a row, at least. */
const LABELLED_RECORDS_MIN = 3;
/** A card's section label: words, at most. */
const LABEL_WORDS_MAX = 3;
/** A card's title: words. */
const LABELLED_TITLE_WORDS: readonly [number, number] = [2, 30];
/** The cards' titles: words on average, at least (a menu's items under its sections are shorter). */
const LABELLED_TITLE_MEAN = 3.5;
const LABEL_SHAPE = /^\p{L}[\p{L}\s&'’.,-]*$/u;
const LABELLED_TITLE_START = /^["“‘']?[\p{Lu}\p{N}]/u;

/**
 * Teaser cards that each show a section's name above a post's title (`Sức khỏe`, then `Người bị huyết
 * áp cao nên kiêng những thức ăn gì?`; `Travel`, then `Was it possible to quietly`): three cards or
 * more in a row, the label of one to three words, letters only, the title 2 to 30 words, opening
 * with a capital letter or a digit, not ending as a sentence does (a question or a trailing `…` is
 * a title's end). The labels repeat (a section has several posts) and the titles do not; no title is
 * a label. A menu lists each section once, and its items are all labels. The cards are teasers,
 * labels included: related. A line read as the article's text (a paragraph of a dozen words or
 * more) ends the run.
 */
function labelledTeasers(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  const fact = (j: number) => p.facts[p.content[j]];
  const isLabel = (j: number) => {
    const f = fact(j);
    const cue = p.cues[j].boilerplate;
    // (a teaser list's header, `Tin liên quan`, is not a section's name)
    return f.nWords >= 1 && f.nWords <= LABEL_WORDS_MAX && !f.terminal && (cue === null || cue === 'nav') && LABEL_SHAPE.test(f.folded) && !isBodyText(p, kinds, j);
  };
  const isTitle = (j: number) => {
    const f = fact(j);
    if (f.nWords < LABELLED_TITLE_WORDS[0] || f.nWords > LABELLED_TITLE_WORDS[1] || isBodyText(p, kinds, j) || p.cues[j].dateline) return false;
    const cue = p.cues[j].boilerplate;
    return (cue === null || cue === 'teaser') && LABELLED_TITLE_START.test(f.folded) && !/[.;:]$/u.test(f.folded.replace(/(?:\.\.\.|…)$/u, ''));
  };
  for (let j = 0; j + 1 < n; j++) {
    if (!isLabel(j) || !isTitle(j + 1)) continue;
    const labels = new Set<string>();
    const titles = new Set<string>();
    let k = j;
    let titleWords = 0;
    while (k + 1 < n && isLabel(k) && isTitle(k + 1) && fact(k + 1).nWords > fact(k).nWords &&
      !titles.has(fact(k + 1).key) && !labels.has(fact(k + 1).key) && !titles.has(fact(k).key)) {
      labels.add(fact(k).key);
      titles.add(fact(k + 1).key);
      titleWords += fact(k + 1).nWords;
      k += 2;
    }
    const records = (k - j) / 2;
    // (a menu's sections and their items are as short as each other: the titles are longer)
    if (records < LABELLED_RECORDS_MIN || labels.size === records || titleWords < LABELLED_TITLE_MEAN * records) continue;
    for (let q = j; q < k; q++) {
      const cue = p.cues[q].boilerplate;
      if (kinds[q] !== 'related' && (cue === null || cue === 'teaser' || cue === 'nav')) overrule(kinds, confidence, second, ruled, q, 'related', 1 - confidence[q], t('a teaser card of a list after a section label: each card a section\'s name, then a post\'s title'));
    }
    j = k - 1;
  }
}

/** The Wayback Machine's toolbar: its opening line within this many lines of the top; its closing line within this many after. */
const ARCHIVE_TOOLBAR_REACH = 40;
const ARCHIVE_TOOLBAR_SPAN = 30;

/**
 * A page saved from web.archive.org keeps the Wayback Machine's toolbar at the top: its capture
 * calendar (`Jun`, `JUL`, `2017`), `1 capture`, the capture's date (`8 Jul 2017`), `About this capture`,
 * `COLLECTED BY`, the crawl's description, `TIMESTAMPS` (knowledge: webArchiveToolbar). From the top
 * of the text to the line that closes it (or the one that opens it, when none closes it), every
 * line is the archive's chrome. Returns the toolbar's last content line (-1: none). Its lines can be
 * neither the headline, nor the dateline, nor the kicker when the CRF decodes (the capture's date
 * is not the article's, and `1 capture` is not its title: the article's own take those places),
 * and no fallback looks above it for them.
 */
function webArchiveToolbarEnd(p: Prepared): number {
  const { opens, closes } = p.knowledge.webArchiveToolbar;
  const n = p.content.length;
  const key = (j: number) => p.facts[p.content[j]].key.trim();
  let open = -1;
  for (let j = 0; j < Math.min(n, ARCHIVE_TOOLBAR_REACH); j++) if (opens.has(key(j))) { open = j; break; }
  if (open < 0) return -1;
  for (let j = open + 1; j < Math.min(n, open + ARCHIVE_TOOLBAR_SPAN); j++) if (closes.has(key(j))) return j;
  return open;
}

/**
 * A crawler's header: a file that opens with a block of comment lines (`# SNAPSHOT · nguoihanoi.vn ·
 * captured 2026-10-01 via web_fetch`, `# URL: https://…`, `# Bai dang 20/03/2026.`), one of them the
 * record's URL field (knowledge urlField), then an empty line and the text. The block is the
 * crawler's metadata, not the article: its lines are chrome, and, as the Wayback Machine's toolbar's,
 * hold neither the headline nor the dateline (the article's own `# Title` under it is the headline).
 * Returns the block's last content line (-1: none).
 */
function crawlerHeaderEnd(p: Prepared): number {
  const { content, lines } = p;
  let j = 0, url = false;
  for (; j < content.length && (j === 0 || content[j] === content[j - 1] + 1); j++) {
    const text = lines[content[j]].text;
    if (!/^#\s/u.test(text)) break;
    if (text.length <= 2000 && p.knowledge.urlField.test(text)) url = true;
  }
  // (two comment lines or more, one the URL field, then an empty line and the text)
  if (!url || j < 2 || j >= content.length || content[j] === content[j - 1] + 1) return -1;
  return j - 1;
}

/** The lines from the top down to `end` (a toolbar or a header that webArchiveToolbarEnd or crawlerHeaderEnd found): chrome, for `why`. */
function topChrome(kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>, end: number, why: string): void {
  for (let j = 0; j <= end; j++) {
    if (kinds[j] !== 'boilerplate') overrule(kinds, confidence, second, ruled, j, 'boilerplate', 1 - confidence[j], why);
  }
}

/** A list inside the article's text: items in a row, at least; words of an item, at most. */
const TEXT_LIST_MIN = 3;
const TEXT_LIST_ITEM_WORDS = 12;

/**
 * A list inside the article's text, without list marks (a disease's symptoms one a line: `Đau
 * đầu`, `Đau cơ-khớp`, `Phát ban`; a figure a day: `Thứ hai: 8800`): short lines read like a menu or
 * a teaser list, and fix-all deleted them. Three lines or more in a row read as chrome or teasers,
 * each of 1 to 12 words with letters, no web address, no chrome phrase, none the same as another and
 * none decided by a rule (a table of contents' entries are), right under a line read as the
 * article's text or a subheading and right above another (or a caption), with the article's text
 * (a paragraph of a dozen words or more) both above and below them, are the article's own list:
 * paragraphs. A site's audio player or a tag list between two paragraphs repeats itself, holds no
 * letters or is claimed by a chrome phrase.
 */
function listsInText(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  let firstBody = -1, lastBody = -1;
  for (let j = 0; j < n; j++) if (isBodyText(p, kinds, j)) { if (firstBody < 0) firstBody = j; lastBody = j; }
  if (firstBody < 0) return;
  const junk = (j: number) => kinds[j] === 'boilerplate' || kinds[j] === 'related';
  const item = (j: number, keys: Set<string>) => {
    const f = p.facts[p.content[j]];
    return junk(j) && !ruled.has(j) && p.cues[j].boilerplate === null && f.nWords >= 1 && f.nWords <= TEXT_LIST_ITEM_WORDS &&
      /\p{L}/u.test(f.folded) && !holdsAddress(f.folded) && !keys.has(f.key);
  };
  for (let j = Math.max(1, firstBody + 1); j < lastBody; j++) {
    if (!junk(j) || (kinds[j - 1] !== 'paragraph' && kinds[j - 1] !== 'heading')) continue;
    const keys = new Set<string>();
    let k = j;
    while (k < lastBody && item(k, keys)) keys.add(p.facts[p.content[k++]].key);
    if (k - j >= TEXT_LIST_MIN && (kinds[k] === 'paragraph' || kinds[k] === 'heading' || kinds[k] === 'caption')) {
      for (let q = j; q < k; q++) overrule(kinds, confidence, second, ruled, q, 'paragraph', 1 - confidence[q], t("an item of a list inside the article's text"));
    }
    j = Math.max(j, k - 1);
  }
}

/** A Markdown line that is bold text alone (`**ĐỊNH NGHĨA**`, `**Những thành công vượt bậc**`), and its words at most as a subheading. */
const BOLD_LINE = /^\s*\*\*([^*]+)\*\*\s*$/u;
const BOLD_HEADING_WORDS = 12;

/**
 * A subheading in Markdown bold: a line that is bold text alone, of 12 words or fewer, not ending
 * as a sentence, a question or a label does (`.`, `?`, `!`, `:`, `;`, `,`) nor with a bracket (a
 * speaker's name in a Q&A, a credit: `**(Anh Yamada)**`), without a chrome phrase,
 * below the headline (when one is read) and right above a line read as the article's text (not bold itself), is a
 * subheading: a Markdown scrape keeps a page's `<strong>` section titles so (a guideline's
 * `**ĐỊNH NGHĨA**`, `**CHẨN ĐOÁN**`). A bold line above a subheading (a `#` heading) or another
 * bold line (the caption of a photo the scrape dropped) is left as read.
 */
function boldHeadings(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const text = (j: number) => p.lines[p.content[j]].text;
  for (let j = kinds.indexOf('headline') + 1; j + 1 < kinds.length; j++) {
    const m = BOLD_LINE.exec(text(j));
    if (!m || kinds[j] === 'heading' || kinds[j] === 'dateline' || p.cues[j].boilerplate !== null) continue;
    const inner = m[1].trim();
    // (a speaker's name or a credit in brackets, `**(Anh Yamada)**`, `**Thanh Nguyễn (thực hiện)**`, is none)
    if (inner === '' || /[.?!:;,…)]$/u.test(inner) || p.facts[p.content[j]].nWords > BOLD_HEADING_WORDS) continue;
    if (kinds[j + 1] !== 'paragraph' || BOLD_LINE.test(text(j + 1)) || isMarkdownHeading(text(j + 1))) continue;
    overrule(kinds, confidence, second, ruled, j, 'heading', 1 - confidence[j], t('a subheading in Markdown bold, above the article\'s text'));
  }
}

/** A line that is one web address and nothing else. */
const BARE_ADDRESS = /^\s*(?:https?:\/\/|www\.)\S+\s*$/iu;

/** Letters and digits only, lower case, single spaces, no link's address: a title compared with its copies in other markup. */
function foldForMatch(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\]\([^)\s]*\)/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** A teaser's title (words) and the summary under it (words, at least). */
const TEASER_TITLE_WORDS: readonly [number, number] = [4, 25];
const TEASER_SUMMARY_WORDS = 15;
const TITLE_START = /^["“‘'(]?[\p{Lu}\p{N}]/u;

/**
 * A teaser box after the article (`Tin cùng chuyên mục`, then a title and its summary, again and
 * again): under a teaser header read as such, with three paragraphs of the article's text above it,
 * three records or more of a title (4 to 25 words, no sentence end) and one to three lines of summary
 * (the first of 15 words or more) are teasers, summaries included, though they read as prose.
 */
function headedTeasers(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  // a title starts with a capital (or a digit, a quote); a summary wrapped over lines goes on in
  // lower case
  const title = (q: number) => {
    const g = p.facts[p.content[q]];
    return p.cues[q].boilerplate === null && g.nWords >= TEASER_TITLE_WORDS[0] && g.nWords <= TEASER_TITLE_WORDS[1] && !g.terminal
      && TITLE_START.test(g.folded);
  };
  const summary = (q: number) => p.cues[q].boilerplate === null && p.facts[p.content[q]].nWords >= TEASER_SUMMARY_WORDS;
  let text = 0;
  for (let j = 0; j < n; j++) {
    if (!(p.cues[j].boilerplate === 'teaser' && kinds[j] === 'related' && text >= RECORDS_BODY_MIN)) {
      if (isBodyText(p, kinds, j)) text++;
      continue;
    }
    let k = j + 1, records = 0;
    while (k + 1 < n && title(k) && summary(k + 1)) {
      let e = k + 2;
      // the summary goes on over at most two more lines, none a title or chrome
      while (e < n && e < k + 4 && !title(e) && p.cues[e].boilerplate === null && kinds[e] !== 'boilerplate') e++;
      records++;
      k = e;
    }
    if (records >= RECORDS_MIN) {
      for (let q = j + 1; q < k; q++) if (kinds[q] !== 'related') overrule(kinds, confidence, second, ruled, q, 'related', 1 - confidence[q], t('a teaser\'s title or summary under a teaser header after the article'));
      j = k - 1;
    }
  }
}

/** A keyword field's least number of tags, and the most words of one. */
const KEYWORDS_MIN = 5;
const KEYWORD_MAX_WORDS = 4;

/**
 * A crawler's keyword field: tags joined by bare commas (`Môi,Âm đạo,Âm hộ,Viêm nhiễm,Bé gái`),
 * five or more of one to four words, nothing that ends a sentence. Prose puts a space after its
 * commas; a list in the text does too.
 */
export function isKeywordField(text: string): boolean {
  const s = text.trim();
  if (s.length > 600 || s.indexOf(',') < 0 || /,\s/u.test(s) || /[.!?:;…]$/u.test(s)) return false;
  const tags = s.split(',');
  if (tags.length < KEYWORDS_MIN) return false;
  for (const tag of tags) {
    const words = tag.split(/\s+/u).filter(Boolean);
    if (words.length === 0 || words.length > KEYWORD_MAX_WORDS || !/\p{L}/u.test(tag)) return false;
  }
  return true;
}

/** A field's label before a relative time (`Ngày đăng: 14 giờ trước`), and the most words of such a line. */
const TIME_LABEL = /^[^:\d]{1,24}:\s*/u;
const RELATIVE_DATELINE_WORDS = 8;

/**
 * An article that states its publication time only as a relative time (`3 ngày trước`, `Ngày
 * đăng: 14 giờ trước`): with no line read as the dateline and exactly one line of the article a
 * relative time, that line is the dateline (its date cannot be read, but it is no chrome to remove).
 * Teasers' time stamps come in numbers, and a line read as a teaser keeps its kind.
 */
function relativeDateline(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  if (kinds.includes('dateline')) return;
  let found = -1;
  for (let j = 0; j < kinds.length; j++) {
    const f = p.facts[p.content[j]];
    if (f.nWords > RELATIVE_DATELINE_WORDS || !isRelativeTime(f.folded.replace(TIME_LABEL, ''))) continue;
    if (found >= 0) return;
    found = j;
  }
  if (found < 0 || kinds[found] === 'related') return;
  overrule(kinds, confidence, second, ruled, found, 'dateline', 1 - confidence[found], t('the article\'s only relative time, and no other line is the dateline'));
}

/** Blank lines between the headline and a date line beside it, at most. */
const BESIDE_HEADLINE_GAP = 2;

/**
 * With no line read as the dateline, a line that is a date (a date line whose date reads) right
 * above or below the headline, blank lines between allowed, is the dateline: a CMS page prints the
 * article's date just above its title (`08/01/2017`, then the title), and the model, seeing the
 * same bare dates in the page's teaser lists, read it as chrome. The line below is asked first.
 */
function dateBesideHeadline(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  if (kinds.includes('dateline')) return;
  const h = kinds.indexOf('headline');
  if (h < 0) return;
  for (const q of [h + 1, h - 1]) {
    if (q < 0 || q >= kinds.length || ruled.has(q) || kinds[q] === 'related') continue;
    if (Math.abs(p.content[q] - p.content[h]) > BESIDE_HEADLINE_GAP + 1 || !p.cues[q].dateline?.date) continue;
    overrule(kinds, confidence, second, ruled, q, 'dateline', 1 - confidence[q], t('a date right beside the headline, and no other line is the dateline'));
    return;
  }
}

/** A name of two to five capitalised words (`Thu Lương`, `Trần Thị Tú Anh`), or a source after `Theo`. */
const CLOSING_NAME = /^(?:Theo\s+)?\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){1,4}$/u;

/**
 * The line right after the article's last paragraph, when it is a name and no chrome phrase, is
 * the byline: in the labelled sets 57 times of 59 (the two others a widget's `Cùng Tác Giả`).
 */
function closingName(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const last = kinds.lastIndexOf('paragraph');
  if (last < 0 || last + 1 >= kinds.length) return;
  const j = last + 1;
  const text = p.lines[p.content[j]].text.trim();
  if (kinds[j] === 'byline' || p.cues[j].boilerplate !== null || text.length > 40 || !CLOSING_NAME.test(text)) return;
  overrule(kinds, confidence, second, ruled, j, 'byline', 1 - confidence[j], t('a name right after the article\'s last paragraph'));
}

/**
 * A credit of both the text and the photos (`Tin, ảnh: TRUNG HẢI`, `Bài và ảnh: Đỗ Phương`: the
 * knowledge's `textAndPhotoCredit`), a short line, is the article's byline, though it holds a photo
 * credit's `ảnh:` (read so, the model took two of the ten in the labelled sets for captions).
 */
function textAndPhotoCredit(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const k = p.knowledge;
  for (let j = 0; j < kinds.length; j++) {
    const f = p.facts[p.content[j]];
    if (kinds[j] === 'byline' || ruled.has(j) || f.nWords > k.bylineMaxWords) continue;
    if (!isTextAndPhotoCredit(k, f.key)) continue;
    overrule(kinds, confidence, second, ruled, j, 'byline', 1 - confidence[j], t('a credit of the text and the photos: the byline'));
  }
}

/** Words before a photo credit at a line's end, at least, for the line to describe a photo; a caption's words, at most (a whole body scraped onto one line may end with one). */
const CREDITED_CAPTION_WORDS = 4;
const CREDITED_CAPTION_MAX_WORDS = 60;

/**
 * A line that ends with a photo credit (`… trước trận - Ảnh: MCFC`, `… hoàng tử George. Ảnh: Getty`,
 * `(Ảnh minh họa)`: the knowledge's caption tail cues) after words of its own describes a photo: a
 * caption, where the model read text, chrome or a teaser (of the 370 lines with such a cue in the
 * labelled sets, 339 are captions, 22 of which it read otherwise; 14 are bylines, 11 an image's markup,
 * 6 paragraphs). A line a chrome phrase claims (an
 * image's markup with its alt text), a credit of the text and the photos (the byline), and a line the
 * model read as a byline or a rule decided stay as read.
 */
function creditedCaptions(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const k = p.knowledge;
  for (let j = 0; j < kinds.length; j++) {
    if ((kinds[j] !== 'paragraph' && kinds[j] !== 'boilerplate' && kinds[j] !== 'related') || ruled.has(j) || p.cues[j].boilerplate !== null) continue;
    const f = p.facts[p.content[j]];
    if (f.nWords < CREDITED_CAPTION_WORDS + 2 || f.nWords > CREDITED_CAPTION_MAX_WORDS || !hasCaptionTail(k, f.folded) || isTextAndPhotoCredit(k, f.key)) continue;
    overrule(kinds, confidence, second, ruled, j, 'caption', 1 - confidence[j], t('a line that ends with a photo credit: a caption'));
  }
}

/** Names of organisations in a row, at least: a box of links to them. */
const ORGANISATIONS_MIN = 4;
/** An organisation's name: this many words at most. */
const ORGANISATION_WORDS = 12;
/** The names of such a run: the middle one holds this many words at most. */
const NAME_MEDIAN_WORDS = 8;

/** The word count of the middle line (the lower middle of an even run) of content lines [from, to). */
function middleWords(p: Prepared, from: number, to: number): number {
  const sizes: number[] = [];
  for (let q = from; q < to; q++) sizes.push(p.facts[p.content[q]].nWords);
  sizes.sort((a, b) => a - b);
  return sizes[(sizes.length - 1) >> 1];
}

/**
 * A box of links to organisations: four short lines or more in a row, each an organisation's or an
 * administrative unit's name (`Sở Y tế`, `Ban Dân tộc`, `Huyện Đại Từ`: it opens with one of the
 * knowledge's `organisationWords`, holds at most twelve words and ends no sentence; the run's middle
 * line at most eight), is a portal's chrome, not a list of teasers: the lines of such a run read as
 * teasers are chrome. In the labelled sets, all 297 lines of runs of four such names are chrome
 * (ten pages of seven publishers, most of them government portals; their middle lines hold 2 to 7
 * words, one run 10), and the teasers that open with such a word hold 15 words typically.
 */
function organisationLinks(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const words = p.knowledge.organisationWords;
  const isName = (j: number): boolean => {
    const f = p.facts[p.content[j]];
    if (f.nWords === 0 || f.nWords > ORGANISATION_WORDS || /[.!?:;]$/u.test(f.folded)) return false;
    return words.some((w) => f.key.startsWith(w) && (f.key.length === w.length || f.key.charCodeAt(w.length) === 0x20));
  };
  const n = kinds.length;
  for (let j = 0; j < n;) {
    let k = j;
    while (k < n && isName(k)) k++;
    // (names are short: a run whose middle line holds more than NAME_MEDIAN_WORDS words is teaser
    // titles about offices, `Sở Y tế cảnh báo dịch sốt xuất huyết`; such titles hold 15 words typically)
    if (k - j >= ORGANISATIONS_MIN && middleWords(p, j, k) <= NAME_MEDIAN_WORDS) {
      for (let q = j; q < k; q++) {
        if (kinds[q] === 'related' && !ruled.has(q)) overrule(kinds, confidence, second, ruled, q, 'boilerplate', 1 - confidence[q], t('a box of links to organisations (names of offices, agencies, districts in a row): site chrome, not teasers'));
      }
    }
    j = k > j ? k : j + 1;
  }
}

/** `Chủ tịch: Lê Khánh Hải`, `Điện Thoại: 0936…`: a label of one to four words, a colon, a value. */
const LABELLED_ITEM = /^\s*[\p{Lu}\d][^:\n]{0,40}:\s*\S/u;
function isLabelledItem(text: string): boolean {
  if (!LABELLED_ITEM.test(text)) return false;
  const label = text.slice(0, text.indexOf(':')).trim();
  return label.split(/\s+/).length <= 4 && !/^https?$/i.test(label);
}

/** A numbered list item (`1. `, `2) `). */
const NUMBERED = /^\d{1,3}[.)]\s/u;
/** A list's intro: a sentence of the article of this many words at least, ending in a colon. */
const LIST_INTRO_WORDS = 8;

/** Is content line j a list's intro: LIST_INTRO_WORDS words or more, ending in a colon? */
function isListIntro(p: Prepared, j: number): boolean {
  return p.facts[p.content[j]].nWords >= LIST_INTRO_WORDS && p.lines[p.content[j]].text.trimEnd().endsWith(':');
}

/**
 * A list the article's own sentence announces (`…phạt tù từ 01 - 03 năm, nếu … thuộc 01 trong các
 * trường hợp:`, then `- phạm tội có tổ chức`, `- lợi dụng chức vụ, quyền hạn …`) is the article's
 * text, however much its items read as a teaser run: after a paragraph of LIST_INTRO_WORDS words or
 * more that ends in a colon, the lines that open as list items (a dash, a bullet, a number) are
 * paragraphs, up to the first line that does not. A sentence of the article ending in a colon right
 * after such a list announces the next one (`ngoài các hình phạt trên, … còn có thể bị:`). Lines
 * with a chrome phrase are left as read, and so is an intro that is one (`Mời bạn xem thêm các bài
 * viết sau:`).
 */
function announcedLists(p: Prepared, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const n = kinds.length;
  const intro = (j: number) => p.cues[j].boilerplate === null && isListIntro(p, j);
  const item = (j: number) => LIST_MARK.test(p.facts[p.content[j]].folded) && p.cues[j].boilerplate === null;
  for (let j = 1; j < n; j++) {
    if (kinds[j - 1] !== 'paragraph' || !intro(j - 1) || !item(j)) continue;
    let k = j;
    for (;;) {
      for (; k < n && item(k); k++) {
        // (a numbered item read as a subheading stays one: `1. Thực hiện Kết luận số 121…` opens a section)
        if (kinds[k] === 'heading' && NUMBERED.test(p.facts[p.content[k]].folded)) continue;
        if (kinds[k] !== 'paragraph') overrule(kinds, confidence, second, ruled, k, 'paragraph', 1 - confidence[k], t('an item of a list the paragraph before announces'));
      }
      // (a sentence right after the list that announces another one)
      if (k + 1 < n && intro(k) && item(k + 1)) {
        if (kinds[k] !== 'paragraph') overrule(kinds, confidence, second, ruled, k, 'paragraph', 1 - confidence[k], t('a sentence of the article between two of its lists'));
        k++;
        continue;
      }
      break;
    }
    j = k;
  }
}

function isMarkdownHeading(text: string): boolean {
  return text.length <= 400 && MARKDOWN_HEADING.test(text);
}

/** A rule decides line (or unit) j's kind after the CRF: the CRF's choice becomes the runner-up. */
function overrule(kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>, j: number, kind: BlockKind, p: number, why: string): void {
  second[j] = { kind: kinds[j], p: confidence[j] };
  kinds[j] = kind;
  confidence[j] = p;
  ruled.set(j, why);
}

export function recognize(p: Prepared, model: CrfModel): Recognition {
  const L = model.labels.length;
  const T = p.units.count;
  let kinds: BlockKind[] = [];
  let confidence: number[] = [];
  let second: Recognition['second'] = [];
  let ruled = new Map<number, string>();
  const constraints = constraintsFor(model);
  // a web archive's toolbar or a crawler's header above the page: none of its lines is the
  // headline, the dateline or the kicker, and no fallback looks above its end for them
  const archiveEnd = webArchiveToolbarEnd(p);
  const headerEnd = crawlerHeaderEnd(p);
  const topEnd = Math.max(archiveEnd, headerEnd);
  const topUnits = topEnd < 0 ? -1 : p.units.unitOf ? p.units.unitOf[topEnd] : topEnd;
  for (let from = 0; from < T; from += WINDOW) {
    const to = Math.min(T, from + WINDOW);
    const scores = new Float64Array((to - from) * L);
    for (let t = from; t < to; t++) p.units.addScores(t, model, scores, (t - from) * L);
    if (from > 0) for (const y of constraints.once) for (let t = 0; t < to - from; t++) scores[t * L + y] = -Infinity;
    // (a web archive's toolbar or a crawler's header holds none of the article's one-off lines)
    for (let t = from; t < to && t <= topUnits; t++) for (const y of constraints.once) scores[(t - from) * L + y] = -Infinity;
    const { path, marginals } = decodePosteriorScores(model, scores, to - from, from === 0 ? constraints : undefined);
    decided(p.units.cues, model, from, path, marginals, kinds, confidence, second, ruled);
  }
  // every line of a unit takes the unit's kind
  const unitOf = p.units.unitOf;
  if (unitOf) {
    kinds = Array.from(unitOf, (u) => kinds[u]);
    confidence = Array.from(unitOf, (u) => confidence[u]);
    second = Array.from(unitOf, (u) => second[u]);
    if (ruled.size > 0) {
      const byUnit = ruled;
      ruled = new Map();
      unitOf.forEach((u, j) => { const why = byUnit.get(u); if (why !== undefined) ruled.set(j, why); });
    }
  }
  topChrome(kinds, confidence, second, ruled, archiveEnd, t("the Wayback Machine's toolbar, saved with the page"));
  topChrome(kinds, confidence, second, ruled, headerEnd, t("a crawler's header above the article: comment lines with the record's address"));
  // no line read as the dateline: the first that states the publication time among other words
  // (`Xã hội | Cập nhật thứ hai, ngày 24/12/12 11:05 tối`, `Được đăng bởi X trên 18/06/2011`) is it,
  // unless it is a site footer's (`Giấy phép … cấp ngày …`)
  if (!kinds.includes('dateline')) {
    for (let j = 0; j < kinds.length; j++) {
      const c = p.cues[j];
      if (j <= topEnd || c.boilerplate === 'footer' || publicationDate(p.lines[p.content[j]].text) === null) continue;
      overrule(kinds, confidence, second, ruled, j, 'dateline', 1 - confidence[j], t('it states the publication time, and no other line is the dateline'));
      break;
    }
  }
  relativeDateline(p, kinds, confidence, second, ruled);
  closingName(p, kinds, confidence, second, ruled);
  textAndPhotoCredit(p, kinds, confidence, second, ruled);
  creditedCaptions(p, kinds, confidence, second, ruled);
  // a table's cells (table.ts) are the article's data, not a widget's counters: never junk
  const cells = p.tables;
  for (let j = 0; j < cells.length; j++) {
    // (a lone dash is an empty cell there, not a stray punctuation line)
    const cue = p.cues[j].boilerplate;
    if (!cells[j] || !(JUNK.has(kinds[j]) || kinds[j] === 'heading') || (cue !== null && cue !== 'punct')) continue;
    overrule(kinds, confidence, second, ruled, j, 'paragraph', 1 - confidence[j], t('a cell of a table in the article'));
  }
  // a list the article's own sentence announces (`…the list of those elected:` then `Chủ tịch: Lê
  // Khánh Hải`, `Địa chỉ: …`, `Điện thoại: …`) is the article's text: each item a label, a colon, a value
  for (let j = 1; j < kinds.length; j++) {
    if (kinds[j - 1] !== 'paragraph' || !isListIntro(p, j - 1)) continue;
    let k = j;
    // (`Địa chỉ:`, `Điện thoại:` are a site footer's words too: announced by the article, they are its text)
    for (; k < kinds.length && isLabelledItem(p.lines[p.content[k]].text) && (p.cues[k].boilerplate === null || p.cues[k].boilerplate === 'footer'); k++) {
      if (kinds[k] !== 'paragraph') overrule(kinds, confidence, second, ruled, k, 'paragraph', 1 - confidence[k], t('an item of a list the paragraph before announces'));
    }
    j = k;
  }
  announcedLists(p, kinds, confidence, second, ruled);
  quantityLists(p, kinds, confidence, second, ruled);
  verses(p, kinds, confidence, second, ruled);
  quotedPassages(p, kinds, confidence, second, ruled);
  listsInText(p, kinds, confidence, second, ruled);
  boldHeadings(p, kinds, confidence, second, ruled);
  // a crawler's URL field (`URL: https://…`, `# Link: https://…`) is the record's metadata: chrome
  const urlField = (j: number) => p.lines[p.content[j]].text.length <= 2000 && p.knowledge.urlField.test(p.lines[p.content[j]].text);
  for (let j = 0; j < kinds.length; j++) {
    if (kinds[j] !== 'boilerplate' && urlField(j)) overrule(kinds, confidence, second, ruled, j, 'boilerplate', 1 - confidence[j], t('a crawler\'s URL field, not text'));
    else if (kinds[j] !== 'boilerplate' && !p.tables[j] && isKeywordField(p.lines[p.content[j]].text)) overrule(kinds, confidence, second, ruled, j, 'boilerplate', 1 - confidence[j], t('a crawler\'s keyword field (tags joined by commas), not text'));
  }
  // a Markdown heading (`## …`, as Markdown scrapes keep the page's <h2>) is a heading by its markup,
  // unless its words are the site's chrome (`## Tin liên quan`); the first one above the body is
  // the headline when no line is
  // (the body: the first paragraph of a dozen words or more; a link or a menu item read as a
  // paragraph is not where the body starts)
  frontMatter(p, kinds, confidence, second, ruled);
  let firstBody = 0;
  while (firstBody < kinds.length && !isBodyText(p, kinds, firstBody)) firstBody++;
  let headline = kinds.includes('headline');
  // (a crawler's header of `#` comment lines, or a web archive's toolbar, above the page is neither)
  for (let j = topEnd + 1; j < kinds.length; j++) {
    if (!isMarkdownHeading(p.lines[p.content[j]].text) || p.cues[j].boilerplate !== null || urlField(j)) continue;
    if (!headline && j < firstBody) {
      if (kinds[j] !== 'headline') overrule(kinds, confidence, second, ruled, j, 'headline', 1 - confidence[j], t('a Markdown heading above the body'));
      headline = true;
    } else if (kinds[j] !== 'heading' && kinds[j] !== 'headline' && kinds[j] !== 'kicker') {
      overrule(kinds, confidence, second, ruled, j, 'heading', 1 - confidence[j], t('a Markdown heading'));
    }
  }
  taggedBody(p, kinds, confidence, second, ruled, firstBody);
  // a saved page's title at the top, its headline again below the menus
  titleAgain(p, kinds, confidence, second, ruled);
  // a line the knowledge reads as the site's navigation (a breadcrumb `Tin tức > Nhà đất > Đầu tư -
  // Quy hoạch`, a menu item) is never the headline, though it may be the title-like line above the
  // body: it is chrome, and the headline is sought below
  for (let j = 0; j < kinds.length; j++) {
    if (kinds[j] === 'headline' && p.cues[j].boilerplate === 'nav') overrule(kinds, confidence, second, ruled, j, 'boilerplate', 1 - confidence[j], t('the site\'s navigation (a breadcrumb or a menu item), not the headline'));
  }
  headline = kinds.includes('headline');
  // an article has a headline: when no line is read as one, the line above the body the model
  // found next most likely to be it (its runner-up, given at least a 1% chance), without a chrome
  // phrase and not the dateline, nor a kicker or byline the model was surer of, nor a line a rule has decided, is it (a page's
  // title under a long menu was otherwise read as chrome, and the fix deleted it)
  if (!headline) {
    let best = -1;
    for (let j = topEnd + 1; j < firstBody; j++) {
      if (ruled.has(j) || p.cues[j].boilerplate !== null || p.cues[j].dateline || kinds[j] === 'dateline' || second[j].kind !== 'headline' || second[j].p < HEADLINE_FALLBACK_MIN) continue;
      // a kicker or a byline stays one, unless the headline was the likelier reading of the line (the
      // decoded path gave it another kind because a line above, ruled out since, took the headline)
      if ((kinds[j] === 'kicker' || kinds[j] === 'byline') && second[j].p <= confidence[j]) continue;
      // (nor a bare web address: a crawler's record puts the article's address above its title)
      if (BARE_ADDRESS.test(p.lines[p.content[j]].text)) continue;
      if (best < 0 || second[j].p > second[best].p) best = j;
    }
    if (best >= 0) overrule(kinds, confidence, second, ruled, best, 'headline', second[best].p, t('no line was read as the headline: the headline was the second choice for this line, after {0}', kindNoun(kinds[best])));
  }
  dateBesideHeadline(p, kinds, confidence, second, ruled);
  // a table of contents (`Nội dung bài viết`, then `1. …`, `1.1. …`, `2. …`): a run of lines each of
  // which comes again further down, in the same order, apart (a section's text between two): the run
  // is the page's navigation (the copies further down, the article's headings, are left as read)
  tableOfContents(p, kinds, confidence, second, ruled);
  datedRecords(p, kinds, confidence, second, ruled);
  postsAgain(p, kinds, confidence, second, ruled);
  organisationLinks(p, kinds, confidence, second, ruled);
  headedTeasers(p, kinds, confidence, second, ruled);
  labelledTeasers(p, kinds, confidence, second, ruled);
  // a copy of a line read as the article's paragraph or caption is the article's text too: a
  // duplicate to flag, not chrome (in the labelled sets, every later copy of a paragraph or a caption
  // of 8 words or more is one; a headline's copies are chrome and teasers)
  const textKeys = new Map<string, BlockKind>();
  for (let j = 0; j < kinds.length; j++) {
    const f = p.facts[p.content[j]];
    if (f.nWords < COPY_MIN_WORDS) continue;
    if (kinds[j] === 'paragraph' || kinds[j] === 'caption') { if (!textKeys.has(f.key)) textKeys.set(f.key, kinds[j]); continue; }
    const copied = JUNK.has(kinds[j]) && p.cues[j].boilerplate === null ? textKeys.get(f.key) : undefined;
    if (copied === undefined) continue;
    overrule(kinds, confidence, second, ruled, j, copied, 1 - confidence[j], copied === 'paragraph' ? t('a copy of a paragraph of the article') : t('a copy of a caption of the article'));
  }
  // the lines past what the model reads share one runner-up (read only: a file can have millions)
  for (let t = T; t < p.content.length; t++) {
    kinds.push('paragraph');
    confidence.push(0);
    second.push(UNREAD_SECOND);
  }
  return { kinds, confidence, second, ruled };
}

function decided(cues: readonly LineCues[], model: CrfModel, from: number, path: number[], marginals: Float64Array, kinds: BlockKind[], confidence: number[], second: Recognition['second'], ruled: Map<number, string>): void {
  const L = model.labels.length;
  for (let i = 0; i < path.length; i++) {
    const y = path[i];
    const at = from + i;
    const m = (z: number) => marginals[i * L + z];
    kinds.push(model.labels[y] as BlockKind);
    confidence.push(m(y));
    let s = -1;
    for (let z = 0; z < L; z++) if (z !== y && (s < 0 || m(z) > m(s))) s = z;
    second.push({ kind: model.labels[s] as BlockKind, p: m(s) });
    // junk or the article's text? decided on the summed probabilities of each side, with the tie
    // going to the text; then the most probable kind of that side
    // a widget of the site (font size, print, share buttons: knowledge's 'widget' phrases) is chrome
    // wherever it stands; its neighbours may say "byline" or "paragraph", the words cannot
    // and so is a teaser line (`Xem thêm`, `Tin liên quan: …`): a link to other articles, never the
    // article's own text
    const forced = cues[at].boilerplate === 'widget' || cues[at].boilerplate === 'markup' || cues[at].boilerplate === 'code' ? 'boilerplate' : cues[at].boilerplate === 'teaser' ? 'related' : null;
    if (forced && !JUNK.has(kinds[at])) {
      overrule(kinds, confidence, second, ruled, at, forced, junkMass(marginals, i, model), forced === 'related' ? t('a phrase that links to other articles') : cues[at].boilerplate === 'markup' ? t('the markup of an image, not text') : cues[at].boilerplate === 'code' ? t('the page\'s code (a tag or a template directive), not text') : t('a widget of the site, wherever it stands'));
      continue;
    }
    // a chrome phrase other than a teaser's (a share bar, a footer, a menu item, a comment form) is
    // the site's chrome, not a link to another article, whatever its neighbours are
    if (kinds[at] === 'related' && cues[at].boilerplate !== null && cues[at].boilerplate !== 'teaser') {
      overrule(kinds, confidence, second, ruled, at, 'boilerplate', junkMass(marginals, i, model), t('a chrome phrase of the site, not a link to other articles'));
      continue;
    }
    if (JUNK.has(kinds[at]) && cues[at].boilerplate === null) { // a known chrome phrase is chrome
      let junk = 0, bestContent = -1;
      for (let z = 0; z < L; z++) {
        const pz = m(z);
        if (JUNK.has(model.labels[z] as BlockKind)) junk += pz;
        else if (bestContent < 0 || pz > m(bestContent)) bestContent = z;
      }
      if (bestContent >= 0 && junk < 1 - junk + CONTENT_TIE) {
        second[at] = { kind: kinds[at], p: confidence[at] };
        kinds[at] = model.labels[bestContent] as BlockKind;
        confidence[at] = m(bestContent);
      }
    }
  }
}

function junkMass(marginals: Float64Array | number[], t: number, model: CrfModel): number {
  const L = model.labels.length;
  let junk = 0;
  for (let z = 0; z < L; z++) if (JUNK.has(model.labels[z] as BlockKind)) junk += marginals[t * L + z];
  return junk;
}

const LEN: Record<string, string> = { S: 'short (up to 5 words)', M: 'medium (6-15 words)', L: 'long (16-40 words)', X: 'very long (over 40 words)' };
const SHAPE: Record<string, string> = { S: 'a short line', T: 'a title-like line', P: 'a sentence', D: 'a date', J: 'a line without letters' };
const END: Record<string, string> = {
  none: 'nothing', period: 'a period', quest: 'a question mark', colon: 'a colon', excl: 'an exclamation mark', semi: 'a semicolon',
  comma: 'a comma', ellipsis: 'an ellipsis', upper: 'a letter', lower: 'a letter', digit: 'a digit', sym: 'a symbol',
};

/**
 * A feature's value in words, in the user's language: the English stays the value itself ("first",
 * "short", "nbsp"); the l10n key carries what kind of value it is (`<value>/<kind>`), since the same
 * English word means different things (a "mid" share of capitals, the "mid" line of a run).
 */
function valueWord(kind: string, value: string): string {
  const known: Record<string, readonly string[]> = {
    position: ['first', 'last', 'mid', 'only', 'inner'],
    share: ['low', 'mid', 'high'],
    length: ['tiny', 'short', 'same', 'long'],
    gap: ['usual', 'more', 'less'],
    chrome: ['widget', 'share', 'comment', 'nav', 'footer', 'teaser', 'punct', 'markup', 'code', 'custom'],
  };
  return known[kind]?.includes(value) ? t({ message: value, comment: [kind] }) : value;
}

/** Words for the features that weighed most (hovers): "ends with a period", "3 words", … */
export function describeFeature(f: string): string {
  const parts = f.split('|');
  if (parts.length > 1) return parts.map(describeFeature).join(', ');
  const eq = f.indexOf('=');
  const name = eq < 0 ? f : f.slice(0, eq);
  const value = eq < 0 ? '' : f.slice(eq + 1);
  const side = (tag: string) => ({ p1: t('the line above'), n1: t('the line below'), p2: t('two lines above'), n2: t('two lines below') }[tag] ?? tag);
  const m = /^([pn][12]):(.*)$/.exec(name);
  if (m) {
    const [, tag, what] = m;
    if (what === 'len') return t('{0} is {1}', side(tag), (LEN[value] ? t(LEN[value]) : value));
    if (what === 'term') return value === '1' ? t('{0} ends a sentence', side(tag)) : t('{0} does not end a sentence', side(tag));
    if (what === 'end') return t('{0} ends with {1}', side(tag), (END[value] ? t(END[value]) : value));
    if (what === 'bp') return t('{0} is site chrome ({1})', side(tag), valueWord('chrome', value));
    if (f.endsWith(':none')) return tag.startsWith('p') ? t('no line above') : t('no line below');
    const cue = ({ capcue: t('a caption cue'), date: t('a date'), long: t('a long paragraph'), reltime: t('a relative time') } as Record<string, string>)[what] ?? what;
    return t('{0}: {1}', side(tag), cue);
  }
  switch (name) {
    case 'bias': return t('how common the kind is');
    case 'w': return LEN[value] ? t(LEN[value]) : t('{0} words', value);
    case 'end': return t('ends with {0}', (END[value] ? t(END[value]) : value));
    case 'start': return t('starts with {0}', value === 'upper' ? t('a capital') : value === 'lower' ? t('a small letter') : value === 'numbered' ? t('a number (a list item)') : value === 'bullet' || value === 'dash' ? t('a bullet') : value);
    case 'zone': return value === 'head' ? t('before the first long paragraph') : value === 'tail' ? t('after the last long paragraph') : t('between long paragraphs');
    case 'lb': return t('{0} long paragraphs above', value);
    case 'la': return t('{0} long paragraphs below', value);
    case 'long': return t('a long paragraph');
    case 'sent': return value === '1' ? t('1 sentence') : value === '3' ? t('3 or more sentences') : t('{0} sentences', value);
    case 'caps': return value === 'all' ? t('every word capitalised') : t('a {0} share of capitalised words', valueWord('share', value));
    case 'allcaps': return t('in capitals');
    case 'lead': return value === 'none' ? t('no indentation') : t('indented ({0})', value);
    case 'trail': return value === 'none' ? t('no trailing space') : t('trailing {0}', value);
    case 'indent': return value === 'body' ? t("indented like the body's paragraphs") : t("indented unlike the body's paragraphs");
    case 'pos': return t('line {0} of the text', `${Number(value.split('-')[0]) + 1}${value.includes('-') ? '+' : ''}`);
    case 'rpos': return value === '0' ? t('the last line of the text') : t('near the end of the text');
    case 'rel': return t('at {0}–{1}% of the text', Number(value) * 10, Number(value) * 10 + 10);
    case 'vsmed': return t('{0} for this article', valueWord('length', value));
    case 'shorterThanBoth': return t('shorter than both neighbours');
    case 'muchShorterThanBoth': return t('much shorter than both neighbours');
    case 'gapB': return value === 'first' ? t('first line') : t('{0} space above', valueWord('gap', value));
    case 'gapA': return value === 'last' ? t('last line') : t('{0} space below', valueWord('gap', value));
    case 'fmt': return value === 'dense' ? t('a text without blank lines') : t('a text with blank lines between blocks');
    case 'bp': return t('a site-chrome phrase ({0})', valueWord('chrome', value));
    case 'dateline': return t('a date line');
    case 'dateline:valid': return t('a valid date');
    case 'dateline:sure': return t('clearly a date line');
    case 'dateline:first': return t('the first date line');
    case 'dateline:notFirst': return t('not the first date line');
    case 'dateline:nth': return t('date line no. {0}', value);
    case 'dateline:of': return t('{0} date lines in the text', value);
    case 'dateInShort': return t('a date in a short line');
    case 'time': return t('a time of day');
    case 'reltime': return t('a relative time (… giờ trước)');
    case 'mediatime': return t('a media player time');
    case 'cap:tail': return t('ends with a photo credit');
    case 'cap:cue': return t('a photo caption cue');
    case 'byl:cue': return t('an author/source cue (Theo, Nguồn…)');
    case 'section': return t('a site section name');
    case 'inlineTeaser': return t('a "Xem thêm" link');
    case 'series': return t('a series part (Bài 2:)');
    case 'nameLike': return t('looks like a name');
    case 'capsName': case 'titleName': return t('a name');
    case 'afterLong': return t('right under a long paragraph');
    case 'nameSlash': return t('name/source (as in Hoàng Phạm/VOV.VN)');
    case 'parenSource': return t('ends with a source in brackets');
    case 'src': return value === 'first' ? t("the site's source prefix ((Dân trí) -), its first time in the text") : t("the site's source prefix ((Dân trí) -) again, as a teaser's summary repeats it");
    case 'glued': return t('glued to the title before it');
    case 'url:short': case 'url': return t('a web address');
    case 'email': return t('an e-mail address');
    case 'phone': return t('a phone number');
    case 'copyright': return t('a copyright or licence notice');
    case 'pipe': return t('bars (|) between items');
    case 'crumb': return t('a breadcrumb (» or >)');
    case 'hashtag': return t('hashtags');
    case 'commerce': return t('words of an advertisement');
    case 'under': return value === 'teaser' ? t('below a "Tin liên quan" line') : value === 'comment' ? t('below a readers\' comments line') : t('below {0}', value);
    case 'at': return t('{0} lines below it', value);
    case 'prose': return t('reads like prose');
    case 'adsNear': return value ? t('{0} of the 8 nearest lines read like advertisements', value) : t('among lines that read like advertisements');
    case 'cont:fromPrev': return t('carries on the line above');
    case 'cont:toNext': return t('carried on by the line below');
    case 'quoted': return t('a quotation');
    case 'quoteStart': return t('opens with a quotation mark');
    case 'noLetters': return t('no letters');
    case 'tiny': return t('one or two characters');
    case 'repeat:first': return t('repeated later in the text');
    case 'repeat:later': return t('repeats an earlier line');
    case 'near:earlier': return t('restates an earlier line');
    case 'near:later': return t('restated by a later line');
    case 'near:adjacent': return t('restates a neighbouring line');
    case 'df': return value === '0' ? t('no other article of the corpus has this line') : t('{0} other articles of the corpus have this line', value);
    case 'run': return t('in a run of {0} short lines', value);
    case 'fw%': return t('function words: {0}', shareWords(value));
    case 'shape': return (SHAPE[value] ? t(SHAPE[value]) : value);
    case 'runpos': return t('{0} of its run', valueWord('position', value));
    case 'srun': return t('in a run of {0} such lines', value);
    case 'titleDateAlternation': return t('titles alternating with dates (a teaser list)');
    case 'indentAsPrev': return t('indented like the line above');
    case 'indentAsNext': return t('indented like the line below');
    case 'dumpBefore': return t('right after a PHP dump');
    case 'dumpAfter': return t('right before a PHP dump');
    case 'blk:size': return t('in a block of {0} lines', value);
    case 'blk:dom': return t('in a block of mostly: {0}', SHAPE[value.replace('!', '')] ? t(SHAPE[value.replace('!', '')]) : value);
    case 'blk:fw': return t('its block has function words {0}', shareWords(value));
    case 'blk:titles+dates': return t('its block mixes titles and dates');
    case 'blk:recurring': return value === 'all' ? t('all of its block recurs in other articles') : t('some of its block recurs in other articles');
    case 'blk:teaserHeader': return t('its block has a teaser header');
    case 'blk:pos': return t('{0} line of its block', valueWord('position', value));
    case 'fw': return t('first word "{0}"', value);
    case 'f2': return t('first words "{0}"', value);
    case 'lw': return t('last word "{0}"', value);
    case 'bow': return t('the word "{0}"', value);
    case 'size': return value === 'small' ? t('a small block') : t('a big block');
    default: return LEN[value] ? `${name} ${t(LEN[value])}` : f;
  }
}

/** A share bucket of the features (`0`, `<.1`, `<.3`, `.3+`) in words: "none", "under 10%", "30% or more". */
function shareWords(value: string): string {
  if (value === '0') return t('none');
  const m = /^(<|)\.(\d)(\+?)$/.exec(value);
  if (!m) return value;
  const pct = Number(m[2]) * 10;
  return m[1] === '<' ? t('under {0}%', pct) : t('{0}% or more', pct);
}

/** Why a line got its kind: the probability and the strongest features, in words. */
export function reasonFor(model: CrfModel, features: readonly string[], kind: BlockKind, p: number, second: { kind: BlockKind; p: number }, ruled?: string): string {
  // a rule decided after the model: say which, and what the model alone said
  if (ruled !== undefined) return `${kindId(kind)}: ${ruled}${t('; the model alone: {0} {1}%', kindId(second.kind), Math.round(second.p * 100))}`;
  const y = model.labels.indexOf(kind);
  // the strongest cues about the line's shape and place first; its words only when little else spoke
  const ranked = y >= 0 ? explain(model, features, y, 8) : [];
  const lexical = (f: string) => /^(fw|f2|lw|bow)=/.test(f);
  const chosen = [...ranked.filter(([f]) => !lexical(f)), ...ranked.filter(([f]) => lexical(f))].slice(0, 3);
  const top = chosen.map(([f]) => describeFeature(f));
  const sure = `${Math.round(p * 100)}%`;
  const alt = second.p >= 0.05 ? t('; else {0} {1}%', kindId(second.kind), Math.round(second.p * 100)) : '';
  return `${kindId(kind)} (${sure}${alt})${top.length ? `: ${top.join('; ')}` : ''}`;
}
