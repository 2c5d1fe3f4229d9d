// Tables rendered one cell per line. A page's table (tax paid per bank, the round's results) comes
// out of a scraper as runs of short lines: a header row of words, then rows of a rank, a name, an
// amount. Read line by line, the cells look like the site's chrome (a pager, a calendar, a comment
// widget's counters), and a fix would delete the article's data. A table is told from chrome by its
// shape: the cells repeat a pattern of columns (words, numbers) for three rows or more, one column
// holds figures, its words are short (names, not a teaser's title), and no column repeats one value
// row after row (a widget's `Thích`, `|`, `0` counters do). Pure: no I/O.
import type { LineInfo } from './types';

/** The shortest table: rows of its period. */
const MIN_ROWS = 3;
/** Columns a row may have (a period of the cells' pattern). */
const MIN_COLUMNS = 2;
const MAX_COLUMNS = 8;
/** A cell: a short line (its words), without a sentence's end. */
const MAX_CELL_WORDS = 8;
/** A name column's words (letters only) at most, by their median: teaser titles are longer. */
const MAX_NAME_WORDS = 4;
/** A column of figures: this share of its cells hold a digit. */
const FIGURES_SHARE = 0.8;
/** A column is constant (a widget's label) when one value fills this share of its rows. */
const CONSTANT_SHARE = 0.5;

type Cell = 'N' | 'T';

function cellClass(text: string): Cell {
  return /\p{L}/u.test(text) ? 'T' : 'N';
}

function letterWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/u)) if (/\p{L}/u.test(w)) n++;
  return n;
}

/** Longest a cell may be (UTF-16 units): a longer line is not looked at further. */
const MAX_CELL_CHARS = 120;

function isCell(text: string): boolean {
  if (text.length > MAX_CELL_CHARS * 2) return false;
  const t = text.trim();
  if (t === '' || t.length > MAX_CELL_CHARS || /[.!?…]["”»)]?$/u.test(t)) return false;
  let words = 1;
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) <= 32 && i > 0 && t.charCodeAt(i - 1) > 32 && ++words > MAX_CELL_WORDS) return false;
  return true;
}

/**
 * How many rows from `from` (up to `to`) repeat the first row's pattern of `p` columns and read as a
 * table's data; 0 when they are fewer than MIN_ROWS or do not.
 */
function tableRows(cells: readonly string[], cls: readonly Cell[], from: number, to: number, p: number): number {
  let rows = 0;
  while (from + (rows + 1) * p <= to) {
    let same = true;
    for (let c = 0; c < p && same; c++) same = cls[from + rows * p + c] === cls[from + c];
    if (!same) break;
    rows++;
  }
  return rows >= MIN_ROWS && isTable(cells, cls, from, rows, p) ? rows : 0;
}

/** Do `rows` rows of `p` columns from `from` read as a table's data? */
function isTable(cells: readonly string[], cls: readonly Cell[], from: number, rows: number, p: number): boolean {
  // a column of figures and a column of words (a pager or a calendar is figures only, a list of
  // months words only)
  let kinds = 0;
  for (let c = 0; c < p; c++) kinds |= cls[from + c] === 'N' ? 1 : 2;
  if (kinds !== 3) return false;
  let figures = false;
  for (let c = 0; c < p; c++) {
    const values = new Map<string, number>();
    let names = 0;
    const nameWords: number[] = [];
    for (let r = 0; r < rows; r++) {
      const x = from + r * p + c;
      const v = cells[x].trim();
      values.set(v, (values.get(v) ?? 0) + 1);
      if (cls[x] === 'T') { names++; nameWords.push(letterWords(v)); }
    }
    for (const n of values.values()) if (n >= 2 && n >= CONSTANT_SHARE * rows) return false;
    if (names > 0) {
      nameWords.sort((a, b) => a - b);
      if (nameWords[nameWords.length >> 1] > MAX_NAME_WORDS) return false;
    }
    let digits = 0;
    for (let r = 0; r < rows; r++) if (/\d/.test(cells[from + r * p + c])) digits++;
    if (digits >= FIGURES_SHARE * rows) figures = true;
  }
  return figures;
}

/**
 * The content lines (indexes into `content`) that are cells of a table in the text, as 1s. A run of
 * short lines is a table when, from its start or after one header row of words, its cells' classes
 * (words or figures) repeat with a period of 2 to 8 columns for 3 rows or more and isTable holds.
 */
export function tableCells(lines: readonly LineInfo[], content: readonly number[]): Uint8Array {
  const n = content.length;
  const out = new Uint8Array(n);
  const cells = content.map((i) => lines[i].text);
  // classes only of the lines in a run long enough to be a table (most articles have none)
  const cls: Cell[] = new Array(n);
  for (let j = 0; j < n;) {
    if (!isCell(cells[j])) { j++; continue; }
    let e = j;
    while (e < n && isCell(cells[e])) e++;
    if (e - j >= MIN_ROWS * MIN_COLUMNS) {
      for (let x = j; x < e; x++) cls[x] = cellClass(cells[x]);
      found: for (let p = MIN_COLUMNS; p <= MAX_COLUMNS; p++) {
        for (const header of [0, p]) {
          const from = j + header;
          // the header row: words only
          if (header > 0 && cls.slice(j, from).some((c) => c !== 'T')) continue;
          const rows = tableRows(cells, cls, from, e, p);
          if (rows === 0) continue;
          for (let x = j; x < from + rows * p; x++) out[x] = 1;
          break found;
        }
      }
    }
    j = e;
  }
  return out;
}

/** A table's row number: `1`, `01`, `1.` alone on its line. */
function rowNumber(text: string): number {
  const m = /^\s*(\d{1,3})\.?\s*$/.exec(text);
  return m ? Number(m[1]) : -1;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 };
/** A group row's number, a Roman numeral alone on its line (`I`, `IV`, `XII.`: up to 39); -1 otherwise. */
function groupNumber(text: string): number {
  const m = /^\s*(X{0,3}(?:IX|IV|V?I{0,3}))\.?\s*$/.exec(text);
  if (!m || m[1] === '') return -1;
  let v = 0;
  const r = m[1];
  for (let i = 0; i < r.length; i++) {
    const a = ROMAN[r[i]], b = i + 1 < r.length ? ROMAN[r[i + 1]] : 0;
    v += a < b ? -a : a;
  }
  return v;
}

/** The first cell of a line, as headers compares it: trimmed, lower case, no final colon or full stop. */
function headerKey(text: string): string {
  return text.trim().replace(/[.:]+$/u, '').replace(/\s+/gu, ' ').toLocaleLowerCase('vi');
}

/** Header rows hold this many cells at most (two rows of MAX_COLUMNS: a header and its sub-header). */
const MAX_HEADER_CELLS = 2 * MAX_COLUMNS;

/**
 * Marks in `out` (1s) the content lines of tables whose rows are numbered: a header that starts
 * with a row-number column (`STT`, `TT`, `No.`: `headers`, lower case; `Số` and `TT` may stand on
 * lines of their own) and has at least one more cell of words (a second header row under it
 * included), then a row that starts with `1`, or a group row with `I`. Such a table's rows span
 * several lines each (merged cells, a long cell of prose), so they are not of one period
 * (tableCells); the table goes on, row after row, as long as the blank lines between its lines are
 * at most one wider than those already seen inside it (an empty cell prints a blank line more; a
 * row's number opens a row after any gap: the next number, the next Roman numeral of a group row,
 * or 1 again under a group row), while no more lines than the header has cells (one more in a
 * group row: its title and a merged item) follow one another without a blank line or a row's
 * number (not the byline under it), and until a Markdown heading. Pure.
 */
export function numberedTableCells(lines: readonly LineInfo[], content: readonly number[], headers: ReadonlySet<string>, out: Uint8Array): void {
  const n = content.length;
  if (headers.size === 0) return;
  const text = (x: number) => lines[content[x]].text;
  for (let j = 0; j < n; j++) {
    if (text(j).length > 40) continue;
    // the header word, or its two words on two lines (`Số` / `TT`)
    let from = j;
    if (!headers.has(headerKey(text(j)))) {
      if (j + 1 >= n || text(j + 1).length > 40 || !headers.has(`${headerKey(text(j))} ${headerKey(text(j + 1))}`)) continue;
      j++;
    }
    // the header's other cells (and a sub-header's): short, not a row's number, some of words
    let h = j + 1;
    let words = false;
    while (h < n && h - j <= MAX_HEADER_CELLS && isCell(text(h)) && rowNumber(text(h)) < 0 && groupNumber(text(h)) < 0) {
      if (/\p{L}/u.test(text(h))) words = true;
      h++;
    }
    if (!words || h >= n || (rowNumber(text(h)) !== 1 && groupNumber(text(h)) !== 1)) { j = from; continue; }
    const columns = h - j;
    let widest = 0;
    for (let x = from + 1; x <= h; x++) widest = Math.max(widest, content[x] - content[x - 1] - 1);
    let end = h;
    let expect = rowNumber(text(h)) === 1 ? 2 : 1;
    let group = groupNumber(text(h)) === 1 ? 2 : 1;
    let afterGroup = group === 2;
    let run = 1;
    // lines a row may hold without a blank line: the header's cells (a group row, its title and
    // one merged item, one more)
    let limit = groupNumber(text(h)) === 1 ? columns + 1 : columns;
    for (let x = h + 1; x < n; x++) {
      const t = text(x);
      if (/^\s*#/u.test(t) && !headers.has(headerKey(t))) break;
      const gap = content[x] - content[x - 1] - 1;
      const num = rowNumber(t), grp = groupNumber(t);
      // (1 again only as the first row under a group row: a cell's value 1 elsewhere is no row)
      const row = num === expect || (num === 1 && afterGroup) || grp === group;
      if (gap > widest + 1 && !row) break;
      run = gap > 0 || row ? 1 : run + 1;
      if (row) limit = grp === group ? columns + 1 : columns;
      // (a table without a blank line anywhere cannot show where a row ends, and a cell's value may
      // read as the next row's number: twice the header's cells)
      if (run > (widest === 0 ? 2 * columns : limit)) break;
      widest = Math.max(widest, gap);
      if (grp === group && num !== expect) { group++; expect = 1; afterGroup = true; }
      else if (num === expect) { expect++; afterGroup = false; }
      else if (num === 1 && afterGroup) { expect = 2; afterGroup = false; }
      end = x;
    }
    for (let x = from; x <= end; x++) out[x] = 1;
    j = end;
  }
}

/** An operator alone on its line: a formula laid out one term per line (a table's cells in the page). */
const OPERATOR = /^\s*(?:=|\+|-|–|−|x|X|×|\*|\/|÷)\s*$/u;

/**
 * Marks in `out` (1s) the lines of formulas laid out one term per line, as a page's table prints
 * them (`Mức lương` / `=` / `Mức lương cơ sở` / `x` / `Hệ số lương`): terms of words alternating with
 * operators alone on their lines, at least one of them `=`. Read line by line, each operator is a
 * lone punctuation line and each term a short line without a sentence's end: chrome, which a fix
 * would delete. Pure.
 */
export function formulaLines(lines: readonly LineInfo[], content: readonly number[], out: Uint8Array): void {
  const n = content.length;
  const text = (x: number) => lines[content[x]].text;
  const isOp = (x: number) => text(x).length <= 8 && OPERATOR.test(text(x));
  const isTerm = (x: number) => !isOp(x) && text(x).length <= 300 && /\p{L}/u.test(text(x));
  for (let j = 0; j + 2 < n; j++) {
    if (!isTerm(j) || !isOp(j + 1) || !isTerm(j + 2)) continue;
    // the run: term (op term)+
    let end = j + 2;
    let equals = text(j + 1).trim() === '=';
    while (end + 2 < n && isOp(end + 1) && isTerm(end + 2)) {
      if (text(end + 1).trim() === '=') equals = true;
      end += 2;
    }
    if (equals) for (let x = j; x <= end; x++) out[x] = 1;
    j = end;
  }
}

/**
 * The content lines (indexes into `content`) that are a table's cells or a formula's lines, as 1s:
 * tables of one period (tableCells), tables of numbered rows (numberedTableCells, whose header
 * words are `headers`) and formulas laid out one term per line (formulaLines). Pure.
 */
export function tableLines(lines: readonly LineInfo[], content: readonly number[], headers: ReadonlySet<string>): Uint8Array {
  const out = tableCells(lines, content);
  numberedTableCells(lines, content, headers, out);
  formulaLines(lines, content, out);
  markdownTableRows(lines, content, out);
  return out;
}

/** A Markdown table's delimiter row (`|---|:---:|`, `--- | ---`): dashes between pipes, one pipe at least. */
const MD_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/u;

/**
 * A table in a Markdown scrape (GitHub's table syntax: a header row of cells between pipes, a
 * delimiter row of dashes, then a row per line): its header and its rows are the article's data. Read
 * line by line, a row (`| 1 | Loại B2 | 48.4 | 3 căn |`) has no sentence, figures and bars, and looked
 * like a widget's counters, which a fix would delete. The delimiter row is the table's markup, left
 * as read, and so is a row of an image's markup alone. Pure.
 */
/** A row holds words or figures, not only an image's markup (a converter lays an image out as a one-cell table). */
function holdsData(row: string): boolean {
  return /[\p{L}\p{N}]/u.test(row.replace(/!\[[^\]]*\]\([^)]*\)/gu, ''));
}

export function markdownTableRows(lines: readonly LineInfo[], content: readonly number[], out: Uint8Array): void {
  for (let j = 1; j < content.length; j++) {
    const text = lines[content[j]].text;
    if (!text.includes('|') || !MD_DELIMITER.test(text)) continue;
    // the header: the line just above, with a pipe
    const h = j - 1;
    if (content[h] !== content[j] - 1 || !lines[content[h]].text.includes('|') || MD_DELIMITER.test(lines[content[h]].text)) continue;
    if (holdsData(lines[content[h]].text)) out[h] = 1;
    let k = j + 1;
    for (; k < content.length && content[k] === content[k - 1] + 1; k++) {
      const row = lines[content[k]].text;
      if (!row.includes('|') || MD_DELIMITER.test(row)) break;
      if (holdsData(row)) out[k] = 1;
    }
    j = k - 1;
  }
}
