// PHP debug output ("dumps") pasted into scraped articles: detection and parsing of print_r,
// var_dump (plain, xdebug's CLI text form and xdebug's HTML form as copied from a browser) and
// var_export blocks. Pure: no `vscode` import.
//
// Design notes
// - Everything works on the document's lines (0-based) through a cursor, never on a joined copy
//   of the rest of the document, so trying a candidate costs only the lines it looks at.
// - A dump *start* is a header (`Array`, `Foo Object`, `array(2) {`, `array(2)` + `{` on a later
//   line, `object(Foo)#1 (2) {`, `class Foo#1 (2) {`, `array (size=3)`, `object(Foo)[3]`,
//   `array (`, `\Foo::__set_state(array(`, ...) followed by its opener, where the first token
//   after the opener is an entry or the closer; or an xdebug `file.php:12:` line above such a
//   header. Prose that merely mentions "Array" or "=>" never passes this probe. A header may
//   begin the line or follow prose on it (`…chiều nay.Array ( [a] => 1 )`); in the middle of a
//   line the first token must be an entry.
// - A headerless fragment (a dump cut at its top, or pasted from a bare `(` line) starts where a
//   line begins with an entry (`[key] =>`, `["key"]=>`, `'key' =>`, `0 =>`, `public 'x' =>`, ...)
//   and is accepted only on evidence found within FRAGMENT_WINDOW lines: a nested container with
//   its opener, or at least FRAGMENT_MIN_ENTRIES entries (2 for var_dump, whose typed entries are
//   evidence enough). `[0] => Việt Nam` in prose is no dump.
// - Scans that can run across lines (print_r string values, quoted strings) stop at any later
//   line that begins with a dump header or holds one after prose (a "hard stop"); this keeps the
//   whole scan linear and keeps an unclosed dump from running into the next one.
// - An unclosed or garbled dump ends at the last line holding a token that parsed
//   (`truncated: true`); continuation lines of an unterminated print_r value are dropped then, so
//   prose after a cut-off dump is never swallowed.
// - xdebug's HTML form has no closers: an array ends after its `size=N` entries, an object after
//   the last property line indented deeper than its header (or, when the indentation was removed,
//   after the last property line in a row).
// - Nothing here throws: the entry points catch defensively and nesting depth is capped.

import type { PhpDump, PhpDumpFormat, PhpEntry, PhpValue } from './types';

const MAX_DEPTH = 200;
/** How many line breaks a probe may cross between a header, its opener and the first token. */
const PROBE_BREAKS = 3;
/** After a var_dump string's first plausible closing quote, how many more lines to try for an exact length match. */
const STRING_LOOKAHEAD_LINES = 64;
/** A headerless fragment must show its evidence within this many lines... */
const FRAGMENT_WINDOW = 12;
/** ...at least this many entries, or a nested container with its opener. */
const FRAGMENT_MIN_ENTRIES = 3;
/** ...or, for var_dump (`["key"]=>` over `string(19) "…"`, never prose), this many. */
const VAR_DUMP_FRAGMENT_MIN_ENTRIES = 2;
/** Tab stops used to compare indentation (xdebug's HTML form). */
const TAB_WIDTH = 4;

// ---- characters and small helpers ------------------------------------------------------------

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 13 || c === 10 || c === 11 || c === 12 ||
    c === 0x200b || c === 0xfeff || c === 0x3000 || c === 0x202f || c === 0x205f || c === 0x1680 ||
    c === 0x85 || (c >= 0x2000 && c <= 0x200a);
}

function firstNonWs(s: string, from = 0): number {
  let i = from;
  while (i < s.length && isWs(s.charCodeAt(i))) i++;
  return i;
}

function isBlankFrom(s: string, from: number): boolean {
  return firstNonWs(s, from) >= s.length;
}

function rtrimWs(s: string): string {
  let e = s.length;
  while (e > 0 && isWs(s.charCodeAt(e - 1))) e--;
  return e === s.length ? s : s.slice(0, e);
}

function trimWs(s: string): string {
  return rtrimWs(s.slice(firstNonWs(s)));
}

function lineAt(lines: readonly string[], i: number): string {
  const s = lines[i];
  return typeof s === 'string' ? s : '';
}

/** Width of a line's leading white space, tabs advancing to the next multiple of TAB_WIDTH. */
function indentOf(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9) w = (Math.floor(w / TAB_WIDTH) + 1) * TAB_WIDTH;
    else if (isWs(c)) w++;
    else break;
  }
  return w;
}

function isWordAscii(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

// Horizontal white space inside tokens (NBSP and the other Unicode spaces included).
const H = '[ \\t\\u00a0\\u2000-\\u200b\\u202f\\u3000]';

// print_r
const PR_HEAD = new RegExp(`(?:Array|([^\\s()\\[\\]]{1,200})${H}+Object)(?![^\\s(])`, 'y');
// A key may hold `]` (`[a]b] =>`): it ends at the first `]` followed by ` =>`; it holds no `[` after
// white space (`[1] Theo … [0] =>` is prose, then an entry). print_r always spaces `] =>`, unlike
// var_dump's `["k"]=>`.
const PR_ENTRY = new RegExp(`\\[((?:[^\\n\\[]|(?<![\\s\\u00a0])\\[){0,256}?)\\]${H}{1,16}=>`, 'y');
// var_dump (plain and xdebug's text form)
const VD_ARRAY = /array\((\d{1,10})\)/y;
const VD_OBJECT = new RegExp(`object\\(([^()\\s]{1,300})\\)#(\\d{1,10})${H}*\\((\\d{1,10})\\)`, 'y');
const XD_CLASS = new RegExp(`class${H}+([^\\s#]{1,300})#(\\d{1,10})${H}*\\((\\d{1,10})\\)`, 'y');
const VD_KEY = new RegExp(
  `\\[(?:"(.{0,4096}?)"|(-?\\d{1,20}))(?::(protected)|:"([^"]{0,512})":private|:(private))?\\]${H}{0,16}=>`, 'y');
const XD_KEY = new RegExp(`'((?:[^'\\\\]|\\\\.){0,4096})'${H}{0,16}=>`, 'y');
// xdebug does not quote property names (`public $key with spaces =>`, `public $ =>`): the name runs
// to the ` =>` that ends the line, or (collapsed text) to the first `=>`.
const XD_PROP_EOL = new RegExp(`(public|protected|private)${H}+\\$([^\\n]{0,512}?) =>(?=[\\s\\u00a0]*$)`, 'y');
const XD_PROP = new RegExp(`(public|protected|private)${H}+\\$([^\\n]{0,512}?)${H}{0,16}=>`, 'y');
const VD_STRING = new RegExp(`string\\((\\d{1,12})\\)${H}*"`, 'y');
const VD_SCALAR = /(int|float|double|bool)\(([^()\n]{0,64})\)/y;
const VD_NULL = /NULL(?![\w])/y;
const VD_RESOURCE = /resource\((\d{1,12})\) of type \(([^()]{0,100})\)/y;
const VD_ENUM = /enum\(([^()\s]{1,300})\)/y;
const VD_UNINIT = /uninitialized\(([^()]{0,200})\)/y;
const RECURSION = /\*RECURSION\*/y;
/** xdebug: `...` where it stopped (recursion, depth or length limit), `(more elements)...`. */
const XD_ELIDED = /(?:\(more elements\))?\.\.\.(?![^\s])/y;
/** xdebug: `&array` (a reference to an array being printed). */
const XD_REF_ARRAY = /&array(?![\w(])/y;
const XD_PREFIX = /^[\s\u200b]*(?:\S[^\n]{0,1000}?\.(?:php|inc|phtml)|Command line code):\d{1,9}:[\s\u200b]*$/;
const VD_STRUCTURAL = new RegExp(
  `^[\\s\\u200b]*(?:\\}|\\[(?:"|-?\\d)|'(?:[^'\\\\]|\\\\.){0,512}'${H}*=>|(?:public|protected|private)${H}+\\$)`);
// xdebug's HTML form, as a browser shows it (tags dropped, entities decoded)
const XH_ARRAY = new RegExp(`array${H}*\\(size=(\\d{1,10})\\)`, 'y');
const XH_OBJECT = /object\(([^()\s]{1,300})\)\[(\d{1,10})\]/y;
const XH_KEY = new RegExp(
  `(?:(-?\\d{1,20})|'([^\\n]{0,4096}?)'|(public|protected|private)${H}+'([^\\n]{0,512}?)'(?:${H}+\\(([^()\\s]{1,300})\\))?)${H}{0,16}=>`, 'y');
const XH_STRING = new RegExp(`string${H}+'`, 'y');
const XH_SCALAR = new RegExp(`(int|float|boolean)${H}+([^\\s]{1,64})`, 'y');
const XH_NULL = /null(?![\w])/y;
const XH_EMPTY = /empty(?![\w])/y;
const XH_MORE = /more elements\.\.\./y;
const XH_STRUCTURAL = new RegExp(
  `^[\\s\\u200b]*(?:-?\\d{1,20}${H}{0,16}=>|'[^\\n]{0,512}?'${H}{0,16}=>|(?:public|protected|private)${H}+')`);
// var_export
const VE_ARRAY = new RegExp(`array${H}*\\(`, 'y');
const VE_SETSTATE = new RegExp(
  `\\\\?([A-Za-z_\\u0080-\\uffff][\\w\\u0080-\\uffff\\\\]{0,300})::__set_state\\(${H}*array${H}*\\(`, 'y');
const VE_OBJCAST = new RegExp(`\\(object\\)${H}*array${H}*\\(`, 'y');
const VE_KEY = new RegExp(`(?:'((?:[^'\\\\]|\\\\.){0,4096})'|(-?\\d{1,20}))${H}{0,16}=>`, 'y');
// PHP_INT_MIN has no literal: var_export prints it as `-9223372036854775807-1`.
const VE_NUM = /-9223372036854775807-1(?![\w.])|-?(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|INF|NAN)(?![\w.])/y;
const VE_BOOL = /(?:true|false|TRUE|FALSE)(?![\w])/y;
const VE_NULL = /(?:NULL|null)(?![\w])/y;
const VE_ENUM = /\\?[A-Za-z_][\w\\]{0,300}::[A-Za-z_]\w{0,200}(?![\w(])/y;

/** A letter or digit right before a mid-line header: it is part of a word (`mớiObject`, `mới Object`'s `i`). */
const LETTER_BEFORE = /[\p{L}\p{N}_]$/u;
/** Where a header may begin in the middle of a line (class names are found by walking back). */
const MID_CANDIDATE = /Array|Object|array|object\(|class[ \t]|__set_state\(|\(object\)/g;

// ---- cursor ----------------------------------------------------------------------------------

interface PendingString {
  value: { type: 'scalar'; value: string; phpType?: string };
  pieces: Array<[line: number, text: string]>;
  structured: boolean;
}

class Cursor {
  li: number;
  col: number;
  /** The last line holding a consumed token, and where on it the last such token ends. */
  last: number;
  lastCol: number;
  /** Set once the dump cannot be continued (garbage, end of input, depth limit). */
  failed = false;
  /** The most recent print_r string value, in case its continuation lines must be dropped. */
  pending: PendingString | null = null;
  /** Evidence for fragments: entries parsed, and whether a nested container with an opener was. */
  entries = 0;
  opened = false;
  /** xdebug's text form was seen (`class Foo#1`, `'key' =>`, `public $x =>`, `...`). */
  xdebug = false;

  constructor(readonly lines: readonly string[], li: number, col: number, readonly startLine: number) {
    this.li = li;
    this.col = col;
    this.last = li;
    this.lastCol = col;
  }

  text(i = this.li): string {
    return lineAt(this.lines, i);
  }

  ch(): number {
    const s = this.text();
    return this.col < s.length ? s.charCodeAt(this.col) : -1;
  }

  /** Skip white space, crossing at most `maxBreaks` line ends. False when no token follows within reach. */
  ws(maxBreaks = Infinity): boolean {
    let breaks = 0;
    for (;;) {
      const s = this.text();
      this.col = firstNonWs(s, this.col);
      if (this.col < s.length) return true;
      if (this.li + 1 >= this.lines.length || breaks >= maxBreaks) return false;
      this.li++;
      this.col = 0;
      breaks++;
    }
  }

  /** Skip white space on the current line only. */
  hws(): void {
    this.col = firstNonWs(this.text(), this.col);
  }

  at(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.col;
    return re.exec(this.text());
  }

  eat(n: number): void {
    this.col += n;
    this.mark();
  }

  mark(): void {
    this.markAt(this.li, this.col);
  }

  markAt(li: number, col: number): void {
    if (li > this.last) {
      this.last = li;
      this.lastCol = col;
    } else if (li === this.last && col > this.lastCol) {
      this.lastCol = col;
    }
  }

  save(): [number, number] {
    return [this.li, this.col];
  }

  restore(p: [number, number]): void {
    this.li = p[0];
    this.col = p[1];
  }

  /**
   * Does line i (after the dump's start) begin another dump, or (`midLine`) hold one's header after
   * prose? Collapsed print_r text wrapped irregularly has headers mid-line (`Nam ) [1] => Array (`).
   */
  isHardStop(i: number, midLine = true): boolean {
    return i > this.startLine && (probeLineStart(this.lines, i) !== null || bareOpenerAt(this.lines, i) ||
      (midLine && probeMidLine(this.lines, i, 0, -1) !== null) || fragmentStop(this.lines, i));
  }
}

// ---- probing: is there a dump starting here? ------------------------------------------------

interface Head {
  /** First line of the dump (an xdebug `file.php:12:` line when there is one). */
  startLine: number;
  /** Where the header (or the fragment's first entry) itself begins. */
  li: number;
  col: number;
  /** Where the dump begins on startLine when that is before the header (an xdebug `file.php:N:` glued before it). */
  from?: number;
}

/** xdebug's `file.php:12:` glued before a header on the same line (collapsed text). */
// A path begins at its drive letter or first slash (`…chiều nay./var/www/x.php:3:`).
const XD_PREFIX_INLINE =
  /((?:(?:[A-Za-z]:)?[\\/]\S{0,1000}?|[\w.-]{1,200})\.(?:php|inc|phtml)|Command line code):\d{1,9}:[\s\u00a0]*$/;

/** A header at exactly (i, col) whose opener and first token follow; `entryFirst` demands an entry (mid-line). */
function probeAt(lines: readonly string[], i: number, col: number, entryFirst: boolean): boolean {
  const cur = new Cursor(lines, i, col, i);
  const open = openAny(cur, 0);
  return open !== null && firstTokenOk(cur, open, entryFirst);
}

/** A print_r whose header was cut off: a line holding only `(`, an entry on the next line. */
function bareOpenerAt(lines: readonly string[], i: number): boolean {
  const s = lineAt(lines, i);
  const col = firstNonWs(s);
  if (s.charCodeAt(col) !== 40 || !isBlankFrom(s, col + 1) || i + 1 >= lines.length) return false;
  const next = new Cursor(lines, i + 1, 0, i);
  return next.ws(0) && next.at(PR_ENTRY) !== null;
}

/** A dump header at the line's first non-blank character, or an xdebug `file.php:12:` line above one. */
function probeLineStart(lines: readonly string[], i: number): Head | null {
  const s = lineAt(lines, i);
  const col = firstNonWs(s);
  if (col >= s.length) return null;
  if (probeAt(lines, i, col, false)) return { startLine: i, li: i, col };
  if (i + 1 < lines.length && XD_PREFIX.test(s)) {
    const next = lineAt(lines, i + 1);
    const c2 = firstNonWs(next);
    if (c2 < next.length) {
      const cur = new Cursor(lines, i + 1, c2, i);
      const open = openAny(cur, 0);
      // Under its `file.php:N:` line even an object without properties (`object(Foo)[3]`) is a dump.
      if (open && open.format === 'var_dump' && (firstTokenOk(cur, open, false) || (open.html && open.type === 'object'))) {
        return { startLine: i, li: i + 1, col: c2 };
      }
    }
  }
  return null;
}

/** Headers that begin after other text on line i, from column `from`. */
function probeMidLine(lines: readonly string[], i: number, from: number, skip: number): Head | null {
  const s = lineAt(lines, i);
  MID_CANDIDATE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = MID_CANDIDATE.exec(s))) {
    let col = m.index;
    const w = m[0];
    if (w === 'Object' || w === '__set_state(') {
      // Walk back over the class name (and the spaces before `Object`, or the `::` before `__set_state`).
      let k = col;
      if (w === 'Object') {
        while (k > 0 && k > col - 16 && isH(s.charCodeAt(k - 1))) k--;
        if (k === col) continue;
      } else {
        if (k < 2 || s.charCodeAt(k - 1) !== 58 || s.charCodeAt(k - 2) !== 58) continue;
        k -= 2;
      }
      let j = k;
      while (j > 0 && k - j < 200 && (isWordAscii(s.charCodeAt(j - 1)) || s.charCodeAt(j - 1) === 92)) j--;
      if (j === k) continue;
      col = j;
    }
    if (col < from || col === skip) continue;
    if (col > 0 && (isWordAscii(s.charCodeAt(col - 1)) || LETTER_BEFORE.test(s.slice(Math.max(0, col - 2), col)))) continue;
    // After xdebug's `file.php:N:` even an empty container counts; otherwise the first token must be an entry.
    const x = XD_PREFIX_INLINE.exec(s.slice(Math.max(from, col - 1100), col));
    if (probeAt(lines, i, col, x === null)) {
      if (x) return { startLine: i, li: i, col, from: col - x[0].length };
      return { startLine: i, li: i, col };
    }
  }
  return null;
}

interface Opened {
  format: PhpDumpFormat;
  type: 'array' | 'object';
  className?: string;
  /** print_r: the opener ends its line, one entry per line. */
  structured: boolean;
  /** var_export `__set_state(array(` closes with `))`. */
  closeTwice: boolean;
  /** xdebug's HTML form: the array's size, and the header line's indentation. */
  html?: { count: number; indent: number };
  /** A fragment's stand-in for the container whose opener was cut off. */
  implicit?: boolean;
  /** xdebug's HTML form: `&object(Foo)[1]`, a reference (a cycle prints this way, without properties). */
  ref?: boolean;
}

/** Consume a header and its opener at the cursor; null (cursor unspecified) when there is none. */
function openAny(cur: Cursor, depth: number): Opened | null {
  if (depth > MAX_DEPTH) return null;
  let m: RegExpExecArray | null;
  if ((m = cur.at(PR_HEAD))) {
    const className = m[1];
    cur.eat(m[0].length);
    if (cur.ws(PROBE_BREAKS) && cur.ch() === 40) {
      // Structured (PHP's own layout): the `(` stands alone on its line.
      const alone = firstNonWs(cur.text()) === cur.col && isBlankFrom(cur.text(), cur.col + 1);
      cur.eat(1);
      return className === undefined
        ? { format: 'print_r', type: 'array', structured: alone, closeTwice: false }
        : { format: 'print_r', type: 'object', className, structured: alone, closeTwice: false };
    }
    return null;
  }
  if ((m = cur.at(VD_ARRAY))) {
    cur.eat(m[0].length);
    if (!braceOpens(cur)) return null;
    return { format: 'var_dump', type: 'array', structured: false, closeTwice: false };
  }
  if ((m = cur.at(VD_OBJECT)) || (m = cur.at(XD_CLASS))) {
    if (m[0].charCodeAt(0) === 99) cur.xdebug = true; // `class Foo#1 (2) {`
    const className = m[1]!;
    cur.eat(m[0].length);
    if (!braceOpens(cur)) return null;
    return { format: 'var_dump', type: 'object', className, structured: false, closeTwice: false };
  }
  if ((m = cur.at(XH_ARRAY))) {
    const indent = indentOf(cur.text());
    cur.eat(m[0].length);
    return { format: 'var_dump', type: 'array', structured: false, closeTwice: false, html: { count: Number(m[1]), indent } };
  }
  if ((m = cur.at(XH_OBJECT))) {
    const indent = indentOf(cur.text());
    cur.eat(m[0].length);
    return { format: 'var_dump', type: 'object', className: m[1]!, structured: false, closeTwice: false, html: { count: -1, indent } };
  }
  if ((m = cur.at(VE_SETSTATE))) {
    cur.eat(m[0].length);
    return { format: 'var_export', type: 'object', className: m[1]!, structured: false, closeTwice: true };
  }
  if ((m = cur.at(VE_OBJCAST))) {
    cur.eat(m[0].length);
    return { format: 'var_export', type: 'object', className: 'stdClass', structured: false, closeTwice: false };
  }
  if ((m = cur.at(VE_ARRAY))) {
    cur.eat(m[0].length);
    return { format: 'var_export', type: 'array', structured: false, closeTwice: false };
  }
  return null;
}

/** var_dump's `{`, on the header's line or (as some people paste it) on a later one. */
function braceOpens(cur: Cursor): boolean {
  if (!cur.ws(PROBE_BREAKS) || cur.ch() !== 123) return false;
  cur.eat(1);
  skipBraceJunk(cur);
  return true;
}

/** A stray word glued to a `{` (`{ExtractedAddresses`) is skipped when the next line goes on with an entry. */
function skipBraceJunk(cur: Cursor): void {
  const s = cur.text();
  const k = firstNonWs(s, cur.col);
  if (k >= s.length || s.charCodeAt(k) === 125) return;
  const saved = cur.save();
  cur.col = k;
  const isToken = vdKeyAt(cur);
  cur.restore(saved);
  if (isToken) return;
  const rest = rtrimWs(s.slice(k));
  if (!/^[A-Za-z_][\w-]{0,63}$/.test(rest) || cur.li + 1 >= cur.lines.length) return;
  const next = new Cursor(cur.lines, cur.li + 1, 0, cur.startLine);
  if (!next.ws(0)) return;
  if (next.ch() === 125 || vdKeyAt(next)) cur.col = s.length;
}

function vdKeyAt(cur: Cursor): boolean {
  return cur.at(VD_KEY) !== null || cur.at(XD_KEY) !== null || cur.at(XD_PROP_EOL) !== null || cur.at(XD_PROP) !== null;
}

/** After an opener: is the next token (within a few lines) an entry or the closer? Does not move the cursor. */
function firstTokenOk(cur: Cursor, open: Opened, entryFirst: boolean): boolean {
  const saved = cur.save();
  const savedLast = cur.last;
  const savedLastCol = cur.lastCol;
  let ok = false;
  if (open.html) {
    // xdebug's HTML form: the first entry is on the next line (`empty` for an empty array).
    const li = cur.li;
    if (cur.ws(PROBE_BREAKS) && cur.li > li) {
      if (open.type === 'array') {
        ok = open.html.count === 0 ? !entryFirst && cur.at(XH_EMPTY) !== null
          : cur.at(XH_KEY) !== null || cur.at(XH_MORE) !== null;
      } else {
        const m = cur.at(XH_KEY);
        ok = m !== null && m[3] !== undefined;
      }
    }
  } else if (cur.ws(PROBE_BREAKS)) {
    const c = cur.ch();
    switch (open.format) {
      case 'print_r':
        ok = (!entryFirst && c === 41) || cur.at(PR_ENTRY) !== null;
        break;
      case 'var_dump':
        ok = (!entryFirst && c === 125) || vdKeyAt(cur);
        break;
      case 'var_export':
        ok = (!entryFirst && c === 41) || cur.at(VE_KEY) !== null;
        break;
    }
  }
  cur.restore(saved);
  cur.last = savedLast;
  cur.lastCol = savedLastCol;
  return ok;
}

// ---- keys ------------------------------------------------------------------------------------

function prKey(raw: string): Omit<PhpEntry, 'value'> {
  let m = /^(.*):([^:\s]+):private$/s.exec(raw);
  if (m) return { key: m[1]!, visibility: 'private', declaringClass: m[2]! };
  m = /^(.*):(protected|private)$/s.exec(raw);
  if (m) return { key: m[1]!, visibility: m[2] as 'protected' | 'private' };
  return { key: raw };
}

function unescapeSingle(s: string): string {
  return s.indexOf('\\') < 0 ? s : s.replace(/\\([\\'])/g, '$1');
}

function newContainer(open: Opened): Extract<PhpValue, { entries: PhpEntry[] }> {
  return open.type === 'object'
    ? (open.className === undefined ? { type: 'object', entries: [] } : { type: 'object', className: open.className, entries: [] })
    : { type: 'array', entries: [] };
}

// ---- print_r ---------------------------------------------------------------------------------

function prContainer(cur: Cursor, open: Opened, depth: number): PhpValue {
  const v = newContainer(open);
  for (;;) {
    if (!cur.ws()) { cur.failed = true; break; }
    if (cur.ch() === 41) { cur.eat(1); return v; }
    const m = cur.at(PR_ENTRY);
    if (!m) { cur.failed = true; break; }
    cur.eat(m[0].length);
    cur.entries++;
    const entry = prKey(m[1]!) as PhpEntry;
    entry.value = prValue(cur, open.structured, depth);
    v.entries.push(entry);
    if (cur.failed) break;
  }
  return v;
}

function prValue(cur: Cursor, structured: boolean, depth: number): PhpValue {
  cur.hws();
  const beforeHead = cur.save();
  // Collapsed text wrapped irregularly: `[key] =>` may end a line and `Array (` start the next.
  if (!structured && cur.ch() < 0 && !(cur.ws(PROBE_BREAKS) && cur.at(PR_HEAD))) cur.restore(beforeHead);
  let hm: RegExpExecArray | null;
  if ((hm = cur.at(PR_HEAD))) {
    // `Array` / `Foo Object` then ` *RECURSION*` (on the next line, or the same once collapsed).
    const atHead = cur.save();
    cur.col += hm[0].length;
    let r: RegExpExecArray | null;
    if (cur.ws(1) && (r = cur.at(RECURSION))) { cur.eat(r[0].length); return { type: 'recursion' }; }
    cur.restore(atHead);
  }
  if (cur.at(PR_HEAD)) {
    const saved = beforeHead;
    const savedLast = cur.last;
    const savedLastCol = cur.lastCol;
    const open = openAny(cur, depth + 1);
    // PHP's own layout (`Array` ending the entry's line, `(` alone on the next) opens a container
    // even when nothing parseable follows (a dump cut right after it).
    if (open && open.format === 'print_r' && ((structured && open.structured) || firstTokenOk(cur, open, false))) {
      cur.opened = true;
      // A child of a collapsed dump is collapsed too, whatever its line breaks look like.
      return prContainer(cur, { ...open, structured: structured && open.structured }, depth + 1);
    }
    cur.restore(saved);
    cur.last = savedLast;
    cur.lastCol = savedLastCol;
    if (depth + 1 > MAX_DEPTH) { cur.failed = true; return { type: 'scalar', value: '' }; }
  }
  const value = prString(cur, structured, depth === 0);
  const t = value.value;
  if (t === '*RECURSION*' || /^(?:Array|\S+ Object)\s+\*RECURSION\*$/.test(t)) return { type: 'recursion' };
  return value;
}

function isH(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

/** Does `=>` follow at s[k] after 1 to 16 horizontal spaces? */
function arrowAt(s: string, k: number): boolean {
  let i = k;
  while (i < s.length && i - k < 16 && isH(s.charCodeAt(i))) i++;
  return i > k && s.charCodeAt(i) === 61 && s.charCodeAt(i + 1) === 62;
}

/** The first `]` at or after `from` that `=>` follows; s.length when there is none. */
function arrowCloseFrom(s: string, from: number): number {
  for (let k = s.indexOf(']', from); k >= 0; k = s.indexOf(']', k + 1)) {
    if (arrowAt(s, k + 1)) return k;
  }
  return s.length;
}

/** The first `[` at or after `from` that white space precedes; s.length when there is none. */
function nextWsBracket(s: string, from: number): number {
  for (let k = s.indexOf('[', from); k >= 0; k = s.indexOf('[', k + 1)) {
    if (k > 0 && isWs(s.charCodeAt(k - 1))) return k;
  }
  return s.length;
}

/** Is `s[j]` (a ')') followed by the end of the line, white space or another ')'? */
function closerFollows(s: string, j: number): boolean {
  if (j + 1 >= s.length) return true;
  const c = s.charCodeAt(j + 1);
  return c === 41 || isWs(c);
}

/**
 * A print_r string value: it runs until the next `[key] =>` (after white space), or the closer
 * of its array: in structured mode a line holding only `)`, in collapsed mode a `)` standing
 * alone between white space (parentheses opened inside the value are balanced first). The
 * outermost array's closer may have prose glued after it (`… ) Tiếp theo`, `)Tiếp theo`).
 */
function prString(cur: Cursor, structured: boolean, isRoot: boolean): { type: 'scalar'; value: string } {
  const pieces: Array<[number, string]> = [];
  const startLi = cur.li;
  const startCol = cur.col;
  let li = cur.li;
  let from = cur.col;
  let depth = 0;
  let crossedBlank = false;
  for (;;) {
    const s = cur.text(li);
    const lineStart = firstNonWs(s);
    // The next `]` that `=>` follows: found once per position, so a line full of brackets stays
    // linear (an entry is `[` + up to 256 characters + `]` + spaces + `=>`).
    let closeAt = -1;
    let nextWsB = -1;
    let end = -1;
    for (let j = from; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 40) { if (!structured) depth++; continue; }
      if (c !== 41 && c !== 91) continue;
      const prevWs = j === from || j === 0 || isWs(s.charCodeAt(j - 1));
      if (!prevWs) { if (c === 41 && depth > 0) depth--; continue; }
      if (c === 91) {
        if (structured && j !== lineStart) continue; // structured: one entry per line
        if (closeAt < j) closeAt = arrowCloseFrom(s, j);
        if (closeAt < s.length && closeAt - j <= 257) {
          // `… [1] Theo [next] =>`: the entry is the later `[` (a key holds no ` [`, as in PR_ENTRY).
          if (nextWsB <= j) nextWsB = nextWsBracket(s, j + 1);
          if (nextWsB < closeAt) continue;
          end = j;
          break;
        }
      } else if (structured) {
        // (`[a] => )` is the value `)`: in PHP's layout a closer stands on its own line.)
        if (j === lineStart && li > startLi) {
          // The outermost closer may have prose glued after it (`)Tiếp theo`), not `),` / `);` / `))`.
          if (isBlankFrom(s, j + 1) || (isRoot && !/^[,;)]/.test(s.slice(firstNonWs(s, j + 1), firstNonWs(s, j + 1) + 1)))) { end = j; break; }
        }
      } else if (depth > 0) {
        depth--;
      } else if (closerFollows(s, j) || isRoot) {
        end = j;
        break;
      }
    }
    if (end >= 0) {
      pieces.push([li, s.slice(from, end)]);
      cur.li = li;
      cur.col = end;
      break;
    }
    pieces.push([li, s.slice(from)]);
    if (li + 1 >= cur.lines.length) { cur.li = li; cur.col = s.length; break; }
    if (structured && !crossedBlank && isBlankFrom(s, 0)) crossedBlank = true;
    // Past a blank line, a value that ran on may be a cut-off one running through prose: a headerless
    // print_r fragment (with its evidence) indented unlike this value's entry is another dump then.
    // (At the entry's own indentation it is the next entry, after a multi-line value.)
    if (crossedBlank && indentOf(cur.text(li + 1)) !== indentOf(cur.text(startLi)) && printRFragmentStop(cur.lines, li + 1)) {
      cur.li = li + 1;
      cur.col = 0;
      cur.failed = true;
      break;
    }
    // Collapsed text has no blank lines: one ends it (the paragraph after an open dump is prose).
    if (cur.isHardStop(li + 1, structured) || (!structured && isBlankFrom(cur.text(li + 1), 0))) { cur.li = li + 1; cur.col = 0; break; }
    li++;
    from = 0;
  }
  // The value's first piece belongs to its entry's line; continuation lines count only once a
  // later token is found (an unterminated value's continuation may be prose).
  const first = pieces[0]!;
  const firstText = rtrimWs(first[1]);
  if (firstText !== '') cur.markAt(startLi, startCol + firstText.length);
  const value = { type: 'scalar' as const, value: joinPieces(pieces, structured) };
  cur.pending = { value, pieces, structured };
  return value;
}

function joinPieces(pieces: Array<[number, string]>, structured: boolean): string {
  if (pieces.length === 1) return trimWs(pieces[0]![1]);
  if (structured) return trimWs(pieces.map((p) => p[1]).join('\n'));
  return pieces.map((p) => trimWs(p[1])).filter((t) => t !== '').join(' ');
}

// ---- var_dump --------------------------------------------------------------------------------

function vdContainer(cur: Cursor, open: Opened, depth: number): PhpValue {
  const v = newContainer(open);
  for (;;) {
    if (!cur.ws()) { cur.failed = true; break; }
    if (cur.ch() === 125) { cur.eat(1); return v; }
    let m: RegExpExecArray | null;
    if ((m = cur.at(XD_ELIDED))) { cur.xdebug = true; cur.eat(m[0].length); continue; }
    let head: Omit<PhpEntry, 'value'>;
    if ((m = cur.at(VD_KEY))) {
      const key = m[1] ?? m[2]!;
      head = m[3] ? { key, visibility: 'protected' }
        : m[4] !== undefined ? { key, visibility: 'private', declaringClass: m[4] }
        : m[5] ? { key, visibility: 'private' }
        : { key };
    } else if ((m = cur.at(XD_PROP_EOL)) || (m = cur.at(XD_PROP))) {
      cur.xdebug = true;
      const vis = m[1];
      head = vis === 'public' ? { key: m[2]! } : { key: m[2]!, visibility: vis as 'protected' | 'private' };
    } else if ((m = cur.at(XD_KEY))) {
      cur.xdebug = true;
      head = { key: unescapeSingle(m[1]!) };
    } else {
      cur.failed = true;
      break;
    }
    cur.eat(m[0].length);
    cur.entries++;
    const value = vdValue(cur, depth);
    if (!value) { cur.failed = true; break; }
    v.entries.push({ ...head, value });
    if (cur.failed) break;
  }
  return v;
}

function vdValue(cur: Cursor, depth: number): PhpValue | null {
  if (!cur.ws()) return null;
  let m: RegExpExecArray | null;
  if ((m = cur.at(XD_REF_ARRAY))) { cur.xdebug = true; cur.eat(m[0].length); return { type: 'recursion' }; }
  if (cur.ch() === 38) { // `&` before a referenced value (xdebug)
    cur.col++;
    cur.xdebug = true;
  }
  if (cur.at(VD_ARRAY) || cur.at(VD_OBJECT) || cur.at(XD_CLASS)) {
    const open = openAny(cur, depth + 1);
    if (!open) return null;
    cur.opened = true;
    return vdContainer(cur, open, depth + 1);
  }
  if ((m = cur.at(VD_STRING))) {
    const n = Number(m[1]);
    const saved = cur.save();
    cur.col += m[0].length;
    const s = vdString(cur, n);
    if (!s) { cur.restore(saved); return null; }
    if ((m = cur.at(XD_ELIDED))) { cur.xdebug = true; cur.eat(m[0].length); } // `"abc"...` (xdebug's length limit)
    return s;
  }
  if ((m = cur.at(VD_SCALAR))) {
    cur.eat(m[0].length);
    const t = m[1] === 'double' ? 'float' : m[1]!;
    return { type: 'scalar', value: trimWs(m[2]!), phpType: t };
  }
  if ((m = cur.at(VD_NULL))) { cur.eat(m[0].length); return { type: 'scalar', value: 'NULL', phpType: 'null' }; }
  if ((m = cur.at(RECURSION))) { cur.eat(m[0].length); return { type: 'recursion' }; }
  if ((m = cur.at(XD_ELIDED))) { cur.xdebug = true; cur.eat(m[0].length); return { type: 'recursion' }; }
  if ((m = cur.at(VD_ENUM))) { cur.eat(m[0].length); return { type: 'scalar', value: m[1]!, phpType: 'enum' }; }
  if ((m = cur.at(VD_RESOURCE))) {
    cur.eat(m[0].length);
    return { type: 'scalar', value: `resource(${m[1]}) of type (${m[2]})`, phpType: 'resource' };
  }
  if ((m = cur.at(VD_UNINIT))) {
    cur.eat(m[0].length);
    return { type: 'scalar', value: `uninitialized(${m[1]})`, phpType: 'uninitialized' };
  }
  return null;
}

function utf8Len(c: number): number {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return 4; // high surrogate carries the pair
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return 3;
}

/** Could the `"` at s[j] close a var_dump string? (end of line, or the next token follows) */
function quoteCloses(s: string, j: number): boolean {
  let k = j + 1;
  if (s.startsWith('...', k)) k += 3; // xdebug's length limit
  const k0 = k;
  k = firstNonWs(s, k);
  if (k >= s.length) return true;
  if (k === k0) return false; // the next token is after white space (`"x" }`, `"x" ["k"]=>`), never glued
  const c = s.charCodeAt(k);
  return c === 91 || c === 125 || c === 39 || (c === 112 && /^(?:public|protected|private)\s/.test(s.slice(k, k + 10)));
}

/** Pick the candidate end nearest to the stated byte length (an exact match wins; ties go to the earlier). */
function nearest(cands: Array<[li: number, col: number, bytes: number]>, n: number): [number, number] | null {
  let best: [number, number, number] | null = null;
  for (const c of cands) if (!best || Math.abs(c[2] - n) < Math.abs(best[2] - n)) best = c;
  return best ? [best[0], best[1]] : null;
}

/**
 * The body of `string(n) "…"`, cursor just after the opening quote. Prefers the quote found at
 * exactly n UTF-8 bytes (newlines count one); scraped text may have changed the byte count (NBSP
 * re-indentation, removed indentation), so it falls back to the candidate quote (one that ends a
 * line or precedes the next key / closing brace) nearest to n bytes, looking at most
 * STRING_LOOKAHEAD_LINES lines past the first candidate.
 */
function vdString(cur: Cursor, n: number): PhpValue | null {
  const li0 = cur.li;
  const col0 = cur.col;
  let li = li0;
  let j = col0;
  let bytes = 0;
  const cands: Array<[number, number, number]> = [];
  let extraLines = 0;
  outer: for (;;) {
    const s = cur.text(li);
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 34 && quoteCloses(s, j)) {
        if (bytes === n) { cands.length = 0; cands.push([li, j, bytes]); break outer; }
        {
          cands.push([li, j, bytes]);
          if (bytes > n) break outer;
        }
      }
      bytes += utf8Len(c);
    }
    bytes += 1;
    if (li + 1 >= cur.lines.length) break;
    if (cands.length > 0 || bytes > n) {
      // Past n bytes, a line that reads like the next entry ends the search (before n, PHP's own
      // output may hold such lines inside the string).
      if (++extraLines > STRING_LOOKAHEAD_LINES || (bytes > n && cands.length > 0 && VD_STRUCTURAL.test(cur.text(li + 1)))) break;
    }
    if (cur.isHardStop(li + 1)) break;
    li++;
    j = 0;
  }
  const end = nearest(cands, n);
  if (!end) return null;
  const value = sliceLines(cur.lines, li0, col0, end[0], end[1]);
  cur.li = end[0];
  cur.col = end[1] + 1;
  cur.mark();
  return { type: 'scalar', value, phpType: 'string' };
}

function sliceLines(lines: readonly string[], l0: number, c0: number, l1: number, c1: number): string {
  if (l0 === l1) return lineAt(lines, l0).slice(c0, c1);
  const parts = [lineAt(lines, l0).slice(c0)];
  for (let i = l0 + 1; i < l1; i++) parts.push(lineAt(lines, i));
  parts.push(lineAt(lines, l1).slice(0, c1));
  return parts.join('\n');
}

// ---- xdebug's HTML form ----------------------------------------------------------------------

/**
 * An `array (size=N)` takes its N entries (`empty` when N is 0; `more elements...` ends it early);
 * an `object(Foo)[3]` takes the property lines that follow, while they are indented deeper than its
 * header (when the first one is; otherwise, indentation having been removed, while they come). A
 * fragment's stand-in container takes any entries while they come.
 */
function xhContainer(cur: Cursor, open: Opened, depth: number): PhpValue {
  const v = newContainer(open);
  const html = open.html ?? { count: -1, indent: -1 };
  if (open.type === 'array' && !open.implicit) {
    const n = html.count;
    if (n === 0) {
      const saved = cur.save();
      let m: RegExpExecArray | null;
      if (cur.ws() && (m = cur.at(XH_EMPTY))) { cur.eat(m[0].length); return v; }
      cur.restore(saved);
      cur.failed = true;
      return v;
    }
    while (v.entries.length < n) {
      if (!cur.ws()) { cur.failed = true; break; }
      let m: RegExpExecArray | null;
      if ((m = cur.at(XH_MORE)) || (m = cur.at(XD_ELIDED))) { cur.eat(m[0].length); return v; }
      if (!xhEntry(cur, depth, v.entries)) { cur.failed = true; break; }
      if (cur.failed) break;
    }
    return v;
  }
  let indented: boolean | undefined;
  for (;;) {
    const saved = cur.save();
    // Each entry begins a line (a fragment's first one is where the cursor stands).
    if (!cur.ws() || (cur.li === saved[0] && !(open.implicit && v.entries.length === 0))) { cur.restore(saved); break; }
    let m: RegExpExecArray | null;
    if (!open.implicit && (m = cur.at(XD_ELIDED))) { cur.eat(m[0].length); break; }
    m = cur.at(XH_KEY);
    if (!m || (!open.implicit && m[3] === undefined)) { cur.restore(saved); break; }
    if (!open.implicit) {
      // Deeper than the header: indented text. Level with it: indentation removed, take what comes.
      // Shallower: the property belongs to an enclosing object (this one has none).
      const ind = indentOf(cur.text());
      if (indented === undefined) {
        if (ind < html.indent) { cur.restore(saved); break; }
        indented = ind > html.indent;
        // Without indentation, a reference's properties can't be told from its parent's: a cycle has none.
        if (!indented && open.ref) { cur.restore(saved); break; }
      }
      if (indented && ind <= html.indent) { cur.restore(saved); break; }
    }
    if (!xhEntry(cur, depth, v.entries)) { cur.failed = true; break; }
    if (cur.failed) break;
  }
  return v;
}

function xhEntry(cur: Cursor, depth: number, entries: PhpEntry[]): boolean {
  const m = cur.at(XH_KEY);
  if (!m) return false;
  let head: Omit<PhpEntry, 'value'>;
  if (m[1] !== undefined) head = { key: m[1] };
  else if (m[2] !== undefined) head = { key: m[2] };
  else {
    const vis = m[3]!;
    head = vis === 'public' ? { key: m[4]! }
      : m[5] !== undefined ? { key: m[4]!, visibility: vis as 'protected' | 'private', declaringClass: m[5] }
      : { key: m[4]!, visibility: vis as 'protected' | 'private' };
  }
  cur.eat(m[0].length);
  cur.entries++;
  const value = xhValue(cur, depth);
  if (!value) return false;
  entries.push({ ...head, value });
  return true;
}

function xhValue(cur: Cursor, depth: number): PhpValue | null {
  if (!cur.ws()) return null;
  let m: RegExpExecArray | null;
  let ref = false;
  if (cur.ch() === 38) { // `&array`, `&object(Foo)[1]`: a reference (xdebug prints a cycle this way)
    cur.col++;
    ref = true;
    if ((m = cur.at(/array(?![\w(]|\s*\(size=)/y))) { cur.eat(m[0].length); return { type: 'recursion' }; }
  }
  if (cur.at(XH_ARRAY) || cur.at(XH_OBJECT)) {
    const open = openAny(cur, depth + 1);
    if (!open) return null;
    cur.opened = true;
    if (ref) open.ref = true;
    const v = xhContainer(cur, open, depth + 1);
    if (ref && v.type === 'object' && v.entries.length === 0) return { type: 'recursion' };
    return v;
  }
  if (ref) return null;
  if ((m = cur.at(XH_STRING))) {
    const saved = cur.save();
    cur.col += m[0].length;
    const s = xhString(cur);
    if (!s) cur.restore(saved);
    return s;
  }
  if ((m = cur.at(XH_SCALAR))) {
    cur.eat(m[0].length);
    const t = m[1] === 'boolean' ? 'bool' : m[1]!;
    return { type: 'scalar', value: m[2]!, phpType: t };
  }
  if ((m = cur.at(XH_NULL))) { cur.eat(m[0].length); return { type: 'scalar', value: 'NULL', phpType: 'null' }; }
  if ((m = cur.at(XD_ELIDED))) { cur.eat(m[0].length); return { type: 'recursion' }; }
  return null;
}

const XH_LENGTH = new RegExp(`^'(?:\\.\\.\\.)?${H}*\\(length=(\\d{1,12})\\)`);

/**
 * The body of `string 'abc' (length=3)`, cursor after the opening quote: the string ends at a `'`
 * followed by `(length=N)` and the end of the line; the one whose byte count is N wins, else the
 * one nearest to its N (text changed by re-indentation), looking a bounded number of lines ahead.
 */
function xhString(cur: Cursor): PhpValue | null {
  const li0 = cur.li;
  const col0 = cur.col;
  let li = li0;
  let j = col0;
  let bytes = 0;
  let best: [number, number, number, number] | null = null; // line, col, |diff|, end col
  let extraLines = 0;
  outer: for (;;) {
    const s = cur.text(li);
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 39) {
        const m = XH_LENGTH.exec(s.slice(j, j + 40));
        if (m && isBlankFrom(s, j + m[0].length)) {
          const n = Number(m[1]);
          const diff = Math.abs(bytes - n);
          if (!best || diff < best[2]) best = [li, j, diff, j + m[0].length];
          if (diff === 0 || bytes > n) break outer;
        }
      }
      bytes += utf8Len(c);
    }
    bytes += 1;
    if (li + 1 >= cur.lines.length) break;
    if (best) {
      if (++extraLines > STRING_LOOKAHEAD_LINES || XH_STRUCTURAL.test(cur.text(li + 1))) break;
    }
    if (cur.isHardStop(li + 1)) break;
    li++;
    j = 0;
  }
  if (!best) return null;
  const value = sliceLines(cur.lines, li0, col0, best[0], best[1]);
  cur.li = best[0];
  cur.col = best[3];
  cur.mark();
  return { type: 'scalar', value, phpType: 'string' };
}

// ---- var_export ------------------------------------------------------------------------------

function veContainer(cur: Cursor, open: Opened, depth: number): PhpValue {
  const v = newContainer(open);
  for (;;) {
    if (!cur.ws()) { cur.failed = true; break; }
    if (cur.ch() === 41) {
      cur.eat(1);
      if (open.closeTwice) {
        const saved = cur.save();
        if (cur.ws(PROBE_BREAKS) && cur.ch() === 41) cur.eat(1);
        else cur.restore(saved);
      }
      return v;
    }
    const m = cur.at(VE_KEY);
    if (!m) { cur.failed = true; break; }
    cur.eat(m[0].length);
    cur.entries++;
    const key = m[1] !== undefined ? unescapeSingle(m[1]) : m[2]!;
    const value = veValue(cur, depth);
    if (!value) { cur.failed = true; break; }
    v.entries.push({ key, value });
    if (cur.failed) break;
    const saved = cur.save();
    if (cur.ws() && cur.ch() === 44) cur.eat(1);
    else cur.restore(saved);
  }
  return v;
}

function veValue(cur: Cursor, depth: number): PhpValue | null {
  if (!cur.ws()) return null;
  let m: RegExpExecArray | null;
  if (cur.at(VE_SETSTATE) || cur.at(VE_OBJCAST) || cur.at(VE_ARRAY)) {
    const open = openAny(cur, depth + 1);
    if (!open || open.format !== 'var_export') return null;
    cur.opened = true;
    return veContainer(cur, open, depth + 1);
  }
  if (cur.ch() === 39) return veString(cur);
  if ((m = cur.at(VE_NUM))) {
    cur.eat(m[0].length);
    if (m[0] === '-9223372036854775807-1') return { type: 'scalar', value: '-9223372036854775808', phpType: 'int' };
    return { type: 'scalar', value: m[0], phpType: /^-?\d+$/.test(m[0]) ? 'int' : 'float' };
  }
  if ((m = cur.at(VE_BOOL))) { cur.eat(m[0].length); return { type: 'scalar', value: m[0].toLowerCase(), phpType: 'bool' }; }
  if ((m = cur.at(VE_NULL))) { cur.eat(m[0].length); return { type: 'scalar', value: 'NULL', phpType: 'null' }; }
  if ((m = cur.at(VE_ENUM))) {
    cur.eat(m[0].length);
    return { type: 'scalar', value: m[0].replace(/^\\/, ''), phpType: 'enum' };
  }
  if ((m = cur.at(RECURSION))) { cur.eat(m[0].length); return { type: 'recursion' }; }
  return null;
}

/** A single-quoted var_export string (escapes: \\ and \'), possibly spanning lines. */
function veString(cur: Cursor): PhpValue | null {
  const chunks: string[] = [];
  let li = cur.li;
  let j = cur.col + 1;
  for (;;) {
    const s = cur.text(li);
    let from = j;
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 92 && j + 1 < s.length) {
        const d = s.charCodeAt(j + 1);
        if (d === 92 || d === 39) {
          chunks.push(s.slice(from, j));
          from = j + 1;
          j++;
        }
      } else if (c === 39) {
        chunks.push(s.slice(from, j));
        cur.li = li;
        cur.col = j + 1;
        cur.mark();
        return { type: 'scalar', value: chunks.join(''), phpType: 'string' };
      }
    }
    chunks.push(s.slice(from), '\n');
    if (li + 1 >= cur.lines.length || cur.isHardStop(li + 1)) return null;
    li++;
    j = 0;
  }
}

// ---- containers of any format, fragments -----------------------------------------------------

function parseContainer(cur: Cursor, open: Opened, depth: number): PhpValue {
  if (open.html) return xhContainer(cur, open, depth);
  switch (open.format) {
    case 'print_r': return prContainer(cur, open, depth);
    case 'var_dump': return vdContainer(cur, open, depth);
    case 'var_export': return veContainer(cur, open, depth);
  }
}

type FragmentKind = 'var_dump' | 'xdebug-html' | 'var_export' | 'print_r' | 'bare';

/** Which kind of entry (if any) begins at (i, col)? A cheap gate before a fragment is tried. */
function fragmentKinds(lines: readonly string[], i: number, col: number): FragmentKind[] {
  const s = lineAt(lines, i);
  const c = s.charCodeAt(col);
  const cur = new Cursor(lines, i, col, i);
  const kinds: FragmentKind[] = [];
  if (c === 40) {
    if (isBlankFrom(s, col + 1)) kinds.push('bare');
    return kinds;
  }
  if (c === 91 || c === 39 || c === 112) { if (vdKeyAt(cur)) kinds.push('var_dump'); }
  if (c === 39 || c === 45 || c === 112 || (c >= 48 && c <= 57)) { if (cur.at(XH_KEY)) kinds.push('xdebug-html'); }
  if (c === 39 || c === 45 || (c >= 48 && c <= 57)) { if (cur.at(VE_KEY)) kinds.push('var_export'); }
  if (c === 91) { if (cur.at(PR_ENTRY)) kinds.push('print_r'); }
  return kinds;
}

/** Does a fragment's first line hold more than one print_r entry (a collapsed dump)? */
function prCollapsedLine(s: string, from: number): boolean {
  const re = new RegExp(`${H}\\[[^\\]\\n]{0,256}\\]${H}{1,16}=>|(?:Array|Object)${H}*\\(${H}`, 'g');
  re.lastIndex = from;
  return re.test(s);
}

interface Parsed {
  format: PhpDumpFormat;
  root: PhpValue;
  cur: Cursor;
  truncated: boolean;
  variant?: 'xdebug' | 'xdebug-html';
}

/**
 * Parse a fragment of the given kind at (i, col): the entries of a container whose opener was cut
 * off, then, at each closer, the rest of the enclosing containers (each wraps the one before under
 * the key ''). Null when its first entry does not parse.
 */
function parseFragment(lines: readonly string[], i: number, col: number, kind: FragmentKind, startLine: number): Parsed | null {
  const cur = new Cursor(lines, i, col, startLine);
  if (kind === 'bare') {
    cur.eat(1);
    const open: Opened = { format: 'print_r', type: 'array', structured: true, closeTwice: false };
    if (!firstTokenOk(cur, open, true)) return null;
    const root = prContainer(cur, open, 0);
    return { format: 'print_r', root, cur, truncated: cur.failed };
  }
  const format: PhpDumpFormat = kind === 'xdebug-html' ? 'var_dump' : kind;
  const open: Opened = {
    format, type: 'array', structured: true, closeTwice: false, implicit: true,
    ...(kind === 'xdebug-html' ? { html: { count: -1, indent: -1 } } : {}),
  };
  if (kind === 'print_r') {
    const first = cur.at(PR_ENTRY);
    open.structured = !prCollapsedLine(lineAt(lines, i), col + (first ? first[0].length : 0));
  }
  let root = parseContainer(cur, open, 0) as Extract<PhpValue, { entries: PhpEntry[] }>;
  if (root.entries.length === 0) return null;
  const closer = kind === 'var_dump' ? 125 : 41;
  while (!cur.failed && kind !== 'xdebug-html') {
    // The implicit container was closed: go on if the enclosing one visibly continues.
    if (kind === 'var_export') {
      const saved = cur.save();
      if (cur.ws(PROBE_BREAKS) && (cur.ch() === 44 || cur.ch() === 59)) cur.eat(1);
      else cur.restore(saved);
    }
    const saved = cur.save();
    if (!cur.ws(PROBE_BREAKS)) { cur.restore(saved); break; }
    const c = cur.ch();
    const more = c === closer || (kind === 'var_dump' ? vdKeyAt(cur) : kind === 'var_export' ? cur.at(VE_KEY) !== null : cur.at(PR_ENTRY) !== null);
    cur.restore(saved);
    if (!more) break;
    const next = parseContainer(cur, { ...open }, 0) as Extract<PhpValue, { entries: PhpEntry[] }>;
    next.entries.unshift({ key: '', value: root });
    root = next;
  }
  if (root.entries.some((e) => e.visibility !== undefined) && root.type === 'array') {
    root = { type: 'object', entries: root.entries };
  }
  const variant = kind === 'xdebug-html' ? 'xdebug-html' as const : cur.xdebug ? 'xdebug' as const : undefined;
  return { format, root, cur, truncated: true, ...(variant ? { variant } : {}) };
}

/** Is a fragment probe running (its own scans then look for no fragments: no recursion)? */
let probingFragment = false;

/** Does the fragment of this kind at (i, col) show enough evidence within FRAGMENT_WINDOW lines? */
function fragmentEvidence(lines: readonly string[], i: number, col: number, kind: FragmentKind): boolean {
  const outer = probingFragment;
  probingFragment = true;
  try {
    const probe = parseFragment(lines.slice(i, i + FRAGMENT_WINDOW), 0, col, kind, 0);
    if (probe === null) return false;
    // a var_dump entry is its own evidence (a typed value, a string's exact byte count): two will do
    const min = kind === 'var_dump' ? VAR_DUMP_FRAGMENT_MIN_ENTRIES : FRAGMENT_MIN_ENTRIES;
    return probe.cur.entries >= min || probe.cur.opened;
  } finally {
    probingFragment = outer;
  }
}

/** A fragment at line i's first non-blank column that shows enough evidence within FRAGMENT_WINDOW lines. */
function fragmentAt(lines: readonly string[], i: number, col: number): Parsed | null {
  for (const kind of fragmentKinds(lines, i, col)) {
    if (fragmentEvidence(lines, i, col, kind)) return parseFragment(lines, i, col, kind, i);
  }
  return null;
}

/** A headerless print_r fragment (with its evidence) at line i. */
function printRFragmentStop(lines: readonly string[], i: number): boolean {
  if (probingFragment) return false;
  const s = lineAt(lines, i);
  const col = firstNonWs(s);
  return col < s.length && s.charCodeAt(col) === 91 && fragmentKinds(lines, i, col).includes('print_r') &&
    fragmentEvidence(lines, i, col, 'print_r');
}

/**
 * A hard stop at a fragment of var_dump, xdebug or var_export (`["k"]=>`, `'k' =>`, `0 => `…
 * with its evidence): a cut-off print_r value must not run into it. (print_r's own `[k] =>` lines
 * are its entries, found by its scan.)
 */
function fragmentStop(lines: readonly string[], i: number): boolean {
  if (probingFragment) return false;
  const s = lineAt(lines, i);
  const col = firstNonWs(s);
  if (col >= s.length) return false;
  for (const kind of fragmentKinds(lines, i, col)) {
    if (kind !== 'print_r' && kind !== 'bare' && fragmentEvidence(lines, i, col, kind)) return true;
  }
  return false;
}

// ---- entry points ----------------------------------------------------------------------------

function parseHead(lines: readonly string[], head: Head): Parsed | null {
  const cur = new Cursor(lines, head.li, head.col, head.startLine);
  const open = openAny(cur, 0);
  if (!open) return null;
  const root = parseContainer(cur, open, 0);
  if (open.format === 'var_export' && !cur.failed) {
    cur.hws();
    const c = cur.ch();
    if (c === 44 || c === 59) cur.eat(1); // trailing `,` or `;` on the closing line
  }
  const variant = open.html ? 'xdebug-html' as const : (cur.xdebug || head.startLine < head.li) ? 'xdebug' as const : undefined;
  return { format: open.format, root, cur, truncated: cur.failed, ...(variant ? { variant } : {}) };
}

function finish(lines: readonly string[], head: Head, p: Parsed, headerless: boolean): PhpDump {
  const cur = p.cur;
  const endLine = Math.max(cur.last, head.li);
  if (p.truncated && cur.pending) {
    // An unterminated print_r value ran past the last line that parsed: keep only what fits.
    const pend = cur.pending;
    if (pend.pieces.some(([l]) => l > endLine)) {
      pend.value.value = joinPieces(pend.pieces.filter(([l]) => l <= endLine), pend.structured);
    }
  }
  const first = lineAt(lines, head.startLine);
  const begin = head.from ?? head.col;
  const startColumn = head.startLine === head.li && firstNonWs(first) < begin ? begin : 0;
  const last = lineAt(lines, endLine);
  // A cut-off or garbled dump keeps the rest of its last line (the debris goes with it).
  const endCol = endLine === cur.last && !p.truncated ? cur.lastCol : last.length;
  const endColumn = isBlankFrom(last, endCol) ? last.length : endCol;
  const d: PhpDump = {
    format: p.format, startLine: head.startLine, endLine, startColumn, endColumn, root: p.root, truncated: p.truncated,
  };
  if (p.variant) d.variant = p.variant;
  if (headerless) d.headerless = true;
  return d;
}

/** The first dump that starts on line i at or after column `from`. */
function dumpFrom(lines: readonly string[], i: number, from: number): PhpDump | null {
  const s = lineAt(lines, i);
  const c0 = firstNonWs(s, from);
  if (c0 >= s.length) return null;
  const atLineStart = c0 === firstNonWs(s);
  if (atLineStart) {
    const head = probeLineStart(lines, i);
    if (head) {
      const p = parseHead(lines, head);
      if (p) return finish(lines, head, p, false);
    }
    const f = fragmentAt(lines, i, c0);
    if (f) return finish(lines, { startLine: i, li: i, col: c0 }, f, true);
  }
  const head = probeMidLine(lines, i, c0, atLineStart ? c0 : -1);
  if (head) {
    const p = parseHead(lines, head);
    if (p) return finish(lines, head, p, false);
  }
  return null;
}

/**
 * Parse the dump that starts on `startLine` (its header line, an xdebug `file.php:N:` line, or a
 * headerless fragment's first line), at or after `startColumn`; null when none does.
 */
export function parseDumpAt(lines: string[], startLine: number, startColumn = 0): PhpDump | null {
  try {
    if (!Array.isArray(lines) || !Number.isInteger(startLine) || startLine < 0 || startLine >= lines.length) return null;
    const from = Number.isInteger(startColumn) && startColumn > 0 ? startColumn : 0;
    return dumpFrom(lines, startLine, from);
  } catch {
    return null;
  }
}

/** Scan a whole document's lines (0-based) and return its dumps, non-overlapping and in order. */
export function findDumps(lines: string[]): PhpDump[] {
  const out = findDumpsIn(lines);
  if (!Array.isArray(lines) || !lines.some((l) => l.includes('=&gt;'))) return out;
  // A dump copied from a page's HTML source, where htmlspecialchars() wrote `[id] =&gt; 5`: read
  // with the entities decoded. Only dumps owning whole lines count (the decoded text's columns are
  // not the file's), on lines no other dump holds, with an escaped arrow among them.
  const taken = new Uint8Array(lines.length);
  for (const d of out) for (let l = d.startLine; l <= d.endLine; l++) taken[l] = 1;
  const decoded = lines.map((l) => (l.includes('&') ? l.replace(HTML_ENTITIES, (e) => ENTITY_CHAR[e] ?? e) : l));
  let added = false;
  for (const d of findDumpsIn(decoded)) {
    if (d.startColumn !== 0 || d.endColumn !== lineAt(decoded, d.endLine).length) continue;
    let clash = false, escaped = false;
    for (let l = d.startLine; l <= d.endLine; l++) {
      if (taken[l]) clash = true;
      if (lines[l].includes('=&gt;')) escaped = true;
    }
    if (clash || !escaped) continue;
    out.push({ ...d, endColumn: lineAt(lines, d.endLine).length });
    added = true;
  }
  if (added) out.sort((a, b) => a.startLine - b.startLine);
  return out;
}

const HTML_ENTITIES = /&(?:gt|lt|quot|amp|apos|#0?39);/g;
const ENTITY_CHAR: Record<string, string> = { '&gt;': '>', '&lt;': '<', '&quot;': '"', '&amp;': '&', '&apos;': "'", '&#39;': "'", '&#039;': "'" };

function findDumpsIn(lines: string[]): PhpDump[] {
  const out: PhpDump[] = [];
  if (!Array.isArray(lines)) return out;
  let i = 0;
  let from = 0;
  while (i < lines.length) {
    let d: PhpDump | null = null;
    try {
      d = dumpFrom(lines, i, from);
    } catch {
      d = null;
    }
    if (d && (d.endLine > i || (d.endLine === i && d.endColumn > from))) {
      out.push(d);
      i = d.endLine;
      from = d.endColumn;
      if (from >= lineAt(lines, i).length) { i++; from = 0; }
    } else {
      i++;
      from = 0;
    }
  }
  return out;
}

// ---- records, previews, JSON -----------------------------------------------------------------

export interface DumpRecord {
  key: string;
  title?: string;
  fields: Record<string, string>;
}

const TITLE_KEYS = [
  'news_title', 'title', 'name', 'headline', 'post_title', 'subject', 'tieu_de', 'tieude',
  'heading', 'news_name', 'caption', 'label',
];

function isContainer(v: PhpValue): v is Extract<PhpValue, { entries: PhpEntry[] }> {
  return v.type === 'array' || v.type === 'object';
}

function scalarText(v: PhpValue): string {
  if (v.type === 'recursion') return '*RECURSION*';
  if (v.type === 'scalar') return v.phpType === 'null' ? '' : v.value;
  return '';
}

function setField(o: Record<string, string>, key: string, value: string): void {
  let k = key;
  for (let n = 2; Object.prototype.hasOwnProperty.call(o, k); n++) k = `${key}#${n}`;
  Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
}

function flatten(v: PhpValue, prefix: string, out: Record<string, string>, depth: number): void {
  if (!isContainer(v)) { setField(out, prefix, scalarText(v)); return; }
  if (v.entries.length === 0 || depth > MAX_DEPTH) {
    if (prefix !== '') setField(out, prefix, '');
    return;
  }
  for (const e of v.entries) flatten(e.value, prefix === '' ? e.key : `${prefix}.${e.key}`, out, depth + 1);
}

function findTitle(v: PhpValue): { key: string; title: string } | undefined {
  if (!isContainer(v)) return undefined;
  const byLower = new Map<string, { key: string; title: string }>();
  for (const e of v.entries) {
    if (e.value.type !== 'scalar') continue;
    const t = trimWs(scalarText(e.value));
    const lk = e.key.toLowerCase();
    if (t !== '' && !byLower.has(lk)) byLower.set(lk, { key: e.key, title: t });
  }
  for (const k of TITLE_KEYS) {
    const hit = byLower.get(k);
    if (hit) return hit;
  }
  for (const [lk, hit] of byLower) if (/title|headline|tieu_?de/.test(lk)) return hit;
  return undefined;
}

interface RecordInfo extends DumpRecord { titleKey?: string }

function recordsOf(dump: PhpDump): { perChild: boolean; records: RecordInfo[] } {
  const root = dump.root;
  const make = (key: string, v: PhpValue): RecordInfo => {
    const fields: Record<string, string> = {};
    flatten(v, '', fields, 0);
    const t = findTitle(v);
    return t ? { key, title: t.title, titleKey: t.key, fields } : { key, fields };
  };
  if (isContainer(root) && root.entries.length > 0 && root.entries.every((e) => isContainer(e.value))) {
    return { perChild: true, records: root.entries.map((e) => make(e.key, e.value)) };
  }
  return { perChild: false, records: [make('', root)] };
}

/**
 * The dump's records: for an array/object whose children are all arrays/objects, one record per
 * child (key = the child's key); otherwise a single record with key ''. Fields are the scalar
 * leaves, nested ones under dotted paths (`pictures.0`); NULL becomes ''. The title is the first
 * non-empty news_title / title / name / headline / … field.
 */
export function dumpRecords(dump: PhpDump): DumpRecord[] {
  try {
    return recordsOf(dump).records.map((r) => (r.title === undefined
      ? { key: r.key, fields: r.fields }
      : { key: r.key, title: r.title, fields: r.fields }));
  } catch {
    return [];
  }
}

function clip(s: string, max = 72): string {
  const t = trimWs(s.replace(/[\s\u200b]+/g, ' '));
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/**
 * A short preview for hovers: a summary line (`print_r Array, 8 entries`), then one line per
 * record (`[0] news_title: …`) or, for a flat dump, per field (`news_id: 263820`), at most
 * `maxLines` of them (default 5), then `… N more` when some were left out.
 */
export function dumpPreview(dump: PhpDump, maxLines = 5): string {
  try {
    const max = Number.isFinite(maxLines) && maxLines >= 1 ? Math.floor(maxLines) : 5;
    const root = dump.root;
    let kind: string;
    if (isContainer(root)) {
      const name = root.type === 'object'
        ? (dump.format === 'var_dump' ? `object(${root.className ?? '?'})` : `${root.className ?? 'stdClass'} Object`)
        : (dump.format === 'print_r' ? 'Array' : 'array');
      const n = root.entries.length;
      kind = `${name}, ${n} ${n === 1 ? 'entry' : 'entries'}`;
    } else {
      kind = root.type;
    }
    const head = `${dump.format} ${kind}${dump.truncated ? ' (truncated)' : ''}`;
    const { perChild, records } = recordsOf(dump);
    let items: string[];
    if (perChild) {
      items = records.map((r) => {
        if (r.titleKey !== undefined && r.title !== undefined) return `[${r.key}] ${r.titleKey}: ${clip(r.title)}`;
        const f = Object.entries(r.fields).slice(0, 3).map(([k, v]) => `${k}: ${v}`).join(', ');
        return `[${r.key}] ${clip(f)}`;
      });
    } else {
      items = Object.entries(records[0]?.fields ?? {}).map(([k, v]) => clip(`${k}: ${v}`));
    }
    const lines = [head, ...items.slice(0, max)];
    if (items.length > max) lines.push(`… ${items.length - max} more`);
    return lines.join('\n');
  } catch {
    return '';
  }
}

function setProp(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Plain JSON for a sidecar file: an array whose keys are exactly 0..n-1 in order becomes a JSON
 * array, any other array or object a JSON object (a repeated key keeps its last value); var_dump /
 * var_export ints, floats, booleans and NULL become numbers, booleans and null (INF/NAN and
 * integers beyond 2^53 stay strings); print_r values stay strings; recursion is "*RECURSION*".
 */
export function dumpToJson(value: PhpValue): unknown {
  return toJson(value, 0);
}

function toJson(value: PhpValue, depth: number): unknown {
  if (!value || typeof value !== 'object') return null;
  if (value.type === 'recursion') return '*RECURSION*';
  if (value.type === 'scalar') {
    const t = value.value;
    switch (value.phpType) {
      case 'int': {
        const n = Number(t);
        return Number.isSafeInteger(n) ? n : t;
      }
      case 'float': {
        const n = Number(t);
        return t.trim() !== '' && Number.isFinite(n) ? n : t;
      }
      case 'bool': return t.toLowerCase() === 'true';
      case 'null': return null;
      default: return t;
    }
  }
  if (depth > MAX_DEPTH) return null;
  const es = value.entries;
  if (value.type === 'array' && es.every((e, i) => e.key === String(i))) {
    return es.map((e) => toJson(e.value, depth + 1));
  }
  const o: Record<string, unknown> = {};
  for (const e of es) setProp(o, e.key, toJson(e.value, depth + 1));
  return o;
}
