// Paragraphs wrapped into lines. A page saved hard-wrapped (pretty-printed HTML, a text view cut at
// 80 columns) breaks every block of the page into lines of a few words: a paragraph, a caption, a
// teaser's title and summary. Read line by line, each piece looks like a short title-like line,
// which is what teasers and menus look like. So before the recognizer reads an article, the lines
// that go on from one to the next are joined into one "unit": the line does not end a sentence,
// the next starts in lower case, and nothing (no blank line, no dump) stands between them. The
// recognizer reads units (a joined paragraph is long prose again, a joined teaser a title and its
// summary), and every line of a unit takes the unit's kind. An article without such lines is read
// exactly as before: each unit is one line.
import type { LineInfo } from './types';
import { lineFacts, type LineFacts } from './lines';
import { matchDateline } from './dates';
import { boilerplateCategory, type Knowledge } from './knowledge';

export interface Units {
  /** The article's lines with each chain joined into its first line (the lines of the units). */
  lines: LineInfo[];
  facts: LineFacts[];
  inDump: Uint8Array;
  /** Indexes (into `lines`) of the units that are content. */
  content: number[];
  /** For each content line j of the article (Prepared.content[j]), its unit (an index into `content`). */
  unitOf: Int32Array;
  /** How many content lines each unit holds. */
  size: Int32Array;
}

/**
 * Does content line `next` go on from line `i` (the line after it)? Not when line i is a date line,
 * ends with a colon or is a chrome phrase, nor when the next line is a chrome phrase (a tag list, a
 * "từ khóa" line under a teaser) or a web address: those are separate blocks however they start.
 */
export function goesOn(facts: readonly LineFacts[], i: number, next: number, k?: Knowledge, fills = false, inner = false): boolean {
  if (next !== i + 1 || facts[i].terminal) return false;
  // the next line starts in lower case, or this one was cut because the next word did not fit
  // (a text wrapped at a fixed width: a name or a number can start the next line)
  if (!fills && !/^\p{Ll}/u.test(facts[next].folded)) return false;
  if (fills && !/^[\p{L}\p{N}"“'(]/u.test(facts[next].folded)) return false;
  // a line cut by wrapping is long, or a lone word the page's markup put on a line of its own, or
  // (`inner`) a link's few words the markup put on a line of their own inside a sentence
  if (!inner && facts[i].nWords > 1 && facts[i].nWords < WRAPPED_MIN_WORDS) return false;
  const a = facts[i].folded, b = facts[next].folded;
  if (a.endsWith(':') || /^(?:https?:|www\.)/i.test(b) || matchDateline(a) !== null || matchDateline(b) !== null) return false;
  // (a line that reaches the column goes on whatever the next piece says: `cơ quan chủ quản …` there
  // is the paragraph's words, not a footer)
  return !k || (boilerplateCategory(k, a) === null && (fills || boilerplateCategory(k, b) === null));
}

/** The fewest words of a line cut by wrapping (of a continuation that ends the block without a sentence end). */
const WRAPPED_MIN_WORDS = 5;
const CONTINUATION_MIN_WORDS = 4;

/** The width of a line's indentation. */
function leadOf(text: string): number {
  return text.length - text.trimStart().length;
}

/**
 * The column a text was wrapped at, or 0 when it was not: a page saved pretty-printed or a text view
 * cut at a fixed width has many lines ending just short of one column (counted with their
 * indentation, as a printer counts) and almost none past it. Told from the lines' lengths: the
 * longest lines (the 97th percentile) set the column; at least WRAP_MIN_LINES lines, a fifth of the
 * lines at least half as long (a menu's items are not text), end within WRAP_BAND columns of it; and
 * a fifth of those (3 at least) are seen to break a sentence: the next line starts with a small letter.
 */
export function wrapWidth(lines: readonly LineInfo[], content: readonly number[]): number {
  if (content.length < WRAP_MIN_LINES) return 0;
  // (most texts have no line broken before a small letter at all: no lengths to sort then)
  let breaks = 0;
  for (let j = 0; j + 1 < content.length && breaks < 3; j++) if (content[j + 1] === content[j] + 1 && /^\s*\p{Ll}/u.test(lines[content[j + 1]].text)) breaks++;
  if (breaks < 3) return 0;
  const lens = content.map((i) => lines[i].text.trimEnd().length);
  const len = lens.slice().sort((a, b) => a - b);
  const w = len[Math.floor(0.97 * (len.length - 1))];
  if (w < WRAP_MIN_WIDTH) return 0;
  // and the text is seen wrapped: among the lines near the column, a good part break a sentence
  // before a small letter (titles of a list of about one length do not)
  let near = 0, broken = 0;
  for (let j = 0; j < content.length; j++) {
    if (lens[j] > w || lens[j] <= w - WRAP_BAND) continue;
    near++;
    if (j + 1 < content.length && content[j + 1] === content[j] + 1 && /^\s*\p{Ll}/u.test(lines[content[j + 1]].text)) broken++;
  }
  let longish = 0;
  for (const x of lens) if (2 * x >= w) longish++;
  return near >= WRAP_MIN_LINES && near >= 0.2 * longish && broken >= Math.max(3, 0.2 * near) ? w : 0;
}

const WRAP_MIN_LINES = 8;
const WRAP_MIN_WIDTH = 40;
const WRAP_BAND = 12;
/** Printers count columns their own way (bytes, tabs): a line this close to the column reaches it. */
const WRAP_SLACK = 4;

/** Line i reaches the wrapping column: the next line's first word would not have fitted after it. */
function fillsWidth(lines: readonly LineInfo[], i: number, next: number, width: number): boolean {
  if (width === 0) return false;
  const here = lines[i].text.trimEnd().length;
  const word = /^\S+/u.exec(lines[next].text.trimStart());
  return word !== null && here + 1 + word[0].length > width - WRAP_SLACK;
}

/**
 * For each content line j, does the chain go on to j+1: j+1 goes on from j and is itself a wrapped
 * line, or a block's last. Each pair is looked at once.
 */
function links(lines: readonly LineInfo[], facts: readonly LineFacts[], content: readonly number[], k?: Knowledge): Uint8Array {
  const n = content.length;
  const width = wrapWidth(lines, content);
  const on = new Uint8Array(n);
  for (let j = 0; j + 1 < n; j++) {
    // a short piece inside a sentence: the line before goes on to it (it starts in lower case), the
    // line after starts in lower case too, all three set in alike (`…có lẽ chỉ` / `mua nhà` / `ở ngoại
    // thành…`: a link's words the page's markup put on a line of their own)
    // (not a piece that opens a parenthesis: `…người dùng(Dân` / `trí) - …` is a teaser's title ending
    // where its summary's source prefix starts)
    const inner = j > 0 && on[j - 1] === 1 && /^\p{Ll}[^()]*$/u.test(facts[content[j]].folded) && leadOf(lines[content[j]].text) === leadOf(lines[content[j - 1]].text) && leadOf(lines[content[j + 1]].text) === leadOf(lines[content[j]].text);
    on[j] = goesOn(facts, content[j], content[j + 1], k, fillsWidth(lines, content[j], content[j + 1], width), inner) ? 1 : 0;
  }
  const linked = new Uint8Array(n);
  for (let j = 0; j + 1 < n; j++) {
    if (!on[j]) continue;
    const next = facts[content[j + 1]];
    // a short piece that ends nothing ("từ khóa", "by", a tag list's start) is a block of its own
    linked[j] = next.terminal || next.nWords >= CONTINUATION_MIN_WORDS || on[j + 1] ? 1 : 0;
  }
  return linked;
}

/**
 * A text whose sentences start in lower case (a crawl that lower-cased everything) gives no sign of
 * where a block goes on: its lines are not joined. Told by the lines that follow a sentence end:
 * in a wrapped text they start a new paragraph, with a capital.
 */
function lowerCased(facts: readonly LineFacts[], content: readonly number[]): boolean {
  let after = 0, lower = 0;
  for (let j = 0; j + 1 < content.length; j++) {
    if (!facts[content[j]].terminal) continue;
    const next = facts[content[j + 1]].folded;
    if (!/^\p{L}/u.test(next)) continue;
    after++;
    if (/^\p{Ll}/u.test(next)) lower++;
  }
  return after >= 3 && lower > 0.5 * after;
}

/**
 * The units of an article, or null when no line goes on from the one before (most articles: a
 * paragraph per line). `content` are the content lines (not blank, not in a dump).
 */
export function joinWrapped(lines: readonly LineInfo[], facts: readonly LineFacts[], inDump: Uint8Array, content: readonly number[], k?: Knowledge): Units | null {
  const n = content.length;
  const linked = links(lines, facts, content, k);
  if (!linked.includes(1)) return null;
  if (lowerCased(facts, content)) return null;
  const ulines: LineInfo[] = [];
  const ufacts: LineFacts[] = [];
  const uInDump: number[] = [];
  const ucontent: number[] = [];
  const unitOf = new Int32Array(n);
  const sizes: number[] = [];
  let j = 0; // next content line
  for (let i = 0; i < lines.length; i++) {
    if (j < n && content[j] === i) {
      let e = j;
      while (linked[e]) e++;
      const u = ucontent.length;
      for (let x = j; x <= e; x++) unitOf[x] = u;
      sizes.push(e - j + 1);
      ucontent.push(ulines.length);
      if (e === j) {
        ulines.push(lines[i]);
        ufacts.push(facts[i]);
      } else {
        const parts = [lines[i].text.trimEnd()];
        for (let x = j + 1; x <= e; x++) parts.push(lines[content[x]].text.trim());
        const text = parts.join(' ');
        const last = lines[content[e]];
        ulines.push({ text, start: lines[i].start, end: last.end, eol: last.eol });
        ufacts.push(lineFacts(text));
      }
      uInDump.push(0);
      i = content[e];
      j = e + 1;
    } else {
      ulines.push(lines[i]);
      ufacts.push(facts[i]);
      uInDump.push(inDump[i]);
    }
  }
  return { lines: ulines, facts: ufacts, inDump: Uint8Array.from(uInDump), content: ucontent, unitOf, size: Int32Array.from(sizes) };
}
