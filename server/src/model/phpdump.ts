// PHP debug output ("dumps") pasted into scraped articles: detection and parsing of print_r,
// var_dump (plus xdebug's plain-text variant) and var_export blocks. Pure: no `vscode` import.
//
// Design notes
// - Everything works on the document's lines (0-based) through a cursor, never on a joined copy
//   of the rest of the document, so trying a candidate costs only the lines it looks at.
// - A line is a dump *start* only when a header (`Array`, `Foo Object`, `array(2) {`,
//   `object(Foo)#1 (2) {`, `array (`, `\Foo::__set_state(array(`, ...) begins the line, its
//   opener follows, and the first token after the opener is an entry or the closer. Prose that
//   merely mentions "Array" or "=>" never passes this probe.
// - Scans that can run across lines (print_r string values, quoted strings) stop at any later
//   line that is itself a dump start (a "hard stop"); this keeps the whole scan linear and keeps
//   an unclosed dump from running into the next one.
// - An unclosed or garbled dump ends at the last line holding a token that parsed
//   (`truncated: true`); continuation lines of an unterminated print_r value are dropped then, so
//   prose after a cut-off dump is never swallowed.
// - Nothing here throws: the entry points catch defensively and nesting depth is capped.

import type { PhpDump, PhpDumpFormat, PhpEntry, PhpValue } from './types';

const MAX_DEPTH = 200;
/** How many line breaks a probe may cross between a header, its opener and the first token. */
const PROBE_BREAKS = 3;
/** After a var_dump string's first plausible closing quote, how many more lines to try for an exact length match. */
const STRING_LOOKAHEAD_LINES = 64;

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

// Horizontal white space inside tokens (NBSP and the other Unicode spaces included).
const H = '[ \\t\\u00a0\\u2000-\\u200b\\u202f\\u3000]';

// print_r
const PR_HEAD = new RegExp(`(?:Array|([^\\s()\\[\\]]{1,200})${H}+Object)(?![^\\s(])`, 'y');
const PR_ENTRY = new RegExp(`\\[([^\\]]{0,256})\\]${H}{0,16}=>`, 'y');
// var_dump
const VD_ARRAY = new RegExp(`array\\((\\d{1,10})\\)${H}*\\{`, 'y');
const VD_OBJECT = new RegExp(`object\\(([^()\\s]{1,300})\\)#(\\d{1,10})${H}*\\((\\d{1,10})\\)${H}*\\{`, 'y');
const XD_CLASS = new RegExp(`class${H}+([^\\s#]{1,300})#(\\d{1,10})${H}*\\((\\d{1,10})\\)${H}*\\{`, 'y');
const VD_KEY = new RegExp(
  `\\[(?:"(.{0,4096}?)"|(-?\\d{1,20}))(?::(protected)|:"([^"]{0,512})":private|:(private))?\\]${H}{0,16}=>`, 'y');
const XD_KEY = new RegExp(`'((?:[^'\\\\]|\\\\.){0,4096})'${H}{0,16}=>`, 'y');
const XD_PROP = new RegExp(`(public|protected|private)${H}+\\$([^\\s=]{1,512})${H}{0,16}=>`, 'y');
const VD_STRING = new RegExp(`string\\((\\d{1,12})\\)${H}*"`, 'y');
const VD_SCALAR = /(int|float|double|bool)\(([^()\n]{0,64})\)/y;
const VD_NULL = /NULL(?![\w])/y;
const VD_RESOURCE = /resource\((\d{1,12})\) of type \(([^()]{0,100})\)/y;
const VD_ENUM = /enum\(([^()\s]{1,300})\)/y;
const VD_UNINIT = /uninitialized\(([^()]{0,200})\)/y;
const RECURSION = /\*RECURSION\*/y;
const XD_PREFIX = /^[\s\u200b]*\S{0,1000}\.php:\d{1,9}:[\s\u200b]*$/;
const VD_STRUCTURAL = new RegExp(
  `^[\\s\\u200b]*(?:\\}|\\[(?:"|-?\\d)|'(?:[^'\\\\]|\\\\.){0,512}'${H}*=>|(?:public|protected|private)${H}+\\$)`);
// var_export
const VE_ARRAY = new RegExp(`array${H}*\\(`, 'y');
const VE_SETSTATE = new RegExp(
  `\\\\?([A-Za-z_\\u0080-\\uffff][\\w\\u0080-\\uffff\\\\]{0,300})::__set_state\\(${H}*array${H}*\\(`, 'y');
const VE_OBJCAST = new RegExp(`\\(object\\)${H}*array${H}*\\(`, 'y');
const VE_KEY = new RegExp(`(?:'((?:[^'\\\\]|\\\\.){0,4096})'|(-?\\d{1,20}))${H}{0,16}=>`, 'y');
const VE_NUM = /-?(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|INF|NAN)(?![\w.])/y;
const VE_BOOL = /(?:true|false|TRUE|FALSE)(?![\w])/y;
const VE_NULL = /(?:NULL|null)(?![\w])/y;
const VE_ENUM = /\\?[A-Za-z_][\w\\]{0,300}::[A-Za-z_]\w{0,200}(?![\w(])/y;

// ---- cursor ----------------------------------------------------------------------------------

interface PendingString {
  value: { type: 'scalar'; value: string; phpType?: string };
  pieces: Array<[line: number, text: string]>;
  structured: boolean;
}

class Cursor {
  li: number;
  col: number;
  /** The last line holding a consumed token. */
  last: number;
  /** Set once the dump cannot be continued (garbage, end of input, depth limit). */
  failed = false;
  /** The most recent print_r string value, in case its continuation lines must be dropped. */
  pending: PendingString | null = null;

  constructor(readonly lines: readonly string[], li: number, col: number, readonly startLine: number) {
    this.li = li;
    this.col = col;
    this.last = li;
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
    if (this.li > this.last) this.last = this.li;
  }

  save(): [number, number] {
    return [this.li, this.col];
  }

  restore(p: [number, number]): void {
    this.li = p[0];
    this.col = p[1];
  }

  /** Is line i (after the dump's start) the start of another dump? */
  isHardStop(i: number): boolean {
    return i > this.startLine && probe(this.lines, i) !== null;
  }
}

// ---- probing: is there a dump starting here? ------------------------------------------------

interface Head {
  format: PhpDumpFormat;
  /** First line of the dump (an xdebug `file.php:12:` line when there is one). */
  startLine: number;
  /** Where the header itself begins. */
  li: number;
  col: number;
}

function probe(lines: readonly string[], i: number): Head | null {
  const s = lineAt(lines, i);
  const col = firstNonWs(s);
  if (col >= s.length) return null;
  const cur = new Cursor(lines, i, col, i);
  const fmt = openAny(cur, 0);
  if (fmt && firstTokenOk(cur, fmt.format)) return { format: fmt.format, startLine: i, li: i, col };
  if (XD_PREFIX.test(s) && i + 1 < lines.length) {
    const next = lineAt(lines, i + 1);
    const c2 = firstNonWs(next);
    if (c2 < next.length) {
      const cur2 = new Cursor(lines, i + 1, c2, i);
      const o2 = openAny(cur2, 0);
      if (o2 && o2.format === 'var_dump' && firstTokenOk(cur2, 'var_dump')) {
        return { format: 'var_dump', startLine: i, li: i + 1, col: c2 };
      }
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
      const structured = alone;
      return className === undefined
        ? { format: 'print_r', type: 'array', structured, closeTwice: false }
        : { format: 'print_r', type: 'object', className, structured, closeTwice: false };
    }
    return null;
  }
  if ((m = cur.at(VD_ARRAY))) {
    cur.eat(m[0].length);
    return { format: 'var_dump', type: 'array', structured: false, closeTwice: false };
  }
  if ((m = cur.at(VD_OBJECT)) || (m = cur.at(XD_CLASS))) {
    cur.eat(m[0].length);
    return { format: 'var_dump', type: 'object', className: m[1]!, structured: false, closeTwice: false };
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

/** After an opener: is the next token (within a few lines) an entry or the closer? Does not move the cursor. */
function firstTokenOk(cur: Cursor, format: PhpDumpFormat): boolean {
  const saved = cur.save();
  const savedLast = cur.last;
  let ok = false;
  if (cur.ws(PROBE_BREAKS)) {
    const c = cur.ch();
    switch (format) {
      case 'print_r':
        ok = c === 41 || cur.at(PR_ENTRY) !== null;
        break;
      case 'var_dump':
        ok = c === 125 || cur.at(VD_KEY) !== null || cur.at(XD_KEY) !== null || cur.at(XD_PROP) !== null;
        break;
      case 'var_export':
        ok = c === 41 || cur.at(VE_KEY) !== null;
        break;
    }
  }
  cur.restore(saved);
  cur.last = savedLast;
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

// ---- print_r ---------------------------------------------------------------------------------

function prContainer(cur: Cursor, open: Opened, depth: number): PhpValue {
  const entries: PhpEntry[] = [];
  const v: PhpValue = open.type === 'object'
    ? { type: 'object', className: open.className, entries }
    : { type: 'array', entries };
  for (;;) {
    if (!cur.ws()) { cur.failed = true; break; }
    if (cur.ch() === 41) { cur.eat(1); return v; }
    const m = cur.at(PR_ENTRY);
    if (!m) { cur.failed = true; break; }
    cur.eat(m[0].length);
    const entry = prKey(m[1]!) as PhpEntry;
    entry.value = prValue(cur, open.structured, depth);
    entries.push(entry);
    if (cur.failed) break;
  }
  return v;
}

function prValue(cur: Cursor, structured: boolean, depth: number): PhpValue {
  cur.hws();
  const beforeHead = cur.save();
  // Collapsed text wrapped irregularly: `[key] =>` may end a line and `Array (` start the next.
  if (!structured && cur.ch() < 0 && !(cur.ws(PROBE_BREAKS) && cur.at(PR_HEAD))) cur.restore(beforeHead);
  if (cur.at(PR_HEAD)) {
    const saved = beforeHead;
    const savedLast = cur.last;
    const open = openAny(cur, depth + 1);
    if (open && open.format === 'print_r' && firstTokenOk(cur, 'print_r')) {
      // A child of a collapsed dump is collapsed too, whatever its line breaks look like.
      return prContainer(cur, { ...open, structured: structured && open.structured }, depth + 1);
    }
    cur.restore(saved);
    cur.last = savedLast;
    if (depth + 1 > MAX_DEPTH) { cur.failed = true; return { type: 'scalar', value: '' }; }
  }
  const value = prString(cur, structured);
  const t = value.value;
  if (t === '*RECURSION*' || /^(?:Array|\S+ Object)\s+\*RECURSION\*$/.test(t)) return { type: 'recursion' };
  return value;
}

function isH(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

/** Does `=>` follow at s[k] after at most 16 horizontal spaces? */
function arrowAt(s: string, k: number): boolean {
  let i = k;
  while (i < s.length && i - k < 16 && isH(s.charCodeAt(i))) i++;
  return s.charCodeAt(i) === 61 && s.charCodeAt(i + 1) === 62;
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
 * alone between white space (parentheses opened inside the value are balanced first).
 */
function prString(cur: Cursor, structured: boolean): { type: 'scalar'; value: string } {
  const pieces: Array<[number, string]> = [];
  const startLi = cur.li;
  let li = cur.li;
  let from = cur.col;
  let depth = 0;
  for (;;) {
    const s = cur.text(li);
    const lineStart = firstNonWs(s);
    // The next ']' on the line and whether `=>` follows it: checked once per ']', so a line full
    // of brackets stays linear (an entry is `[` + up to 256 non-']' + `]` + spaces + `=>`).
    let closeAt = -1;
    let closeOk = false;
    let end = -1;
    for (let j = from; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 40) { if (!structured) depth++; continue; }
      if (c !== 41 && c !== 91) continue;
      const prevWs = j === from || j === 0 || isWs(s.charCodeAt(j - 1));
      if (!prevWs) { if (c === 41 && depth > 0) depth--; continue; }
      if (c === 91) {
        if (structured && j !== lineStart) continue; // structured: one entry per line
        if (closeAt < j) {
          closeAt = s.indexOf(']', j);
          if (closeAt < 0) closeAt = s.length;
          closeOk = closeAt < s.length && arrowAt(s, closeAt + 1);
        }
        if (closeOk && closeAt - j <= 257) { end = j; break; }
      } else if (structured) {
        if ((j === lineStart && li > startLi) || j === from) {
          if (isBlankFrom(s, j + 1)) { end = j; break; }
        }
      } else if (depth > 0) {
        depth--;
      } else if (closerFollows(s, j)) {
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
    if (cur.isHardStop(li + 1)) { cur.li = li + 1; cur.col = 0; break; }
    li++;
    from = 0;
  }
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
  const entries: PhpEntry[] = [];
  const v: PhpValue = open.type === 'object'
    ? { type: 'object', className: open.className, entries }
    : { type: 'array', entries };
  for (;;) {
    if (!cur.ws()) { cur.failed = true; break; }
    if (cur.ch() === 125) { cur.eat(1); return v; }
    const lastBefore = cur.last;
    let head: Omit<PhpEntry, 'value'>;
    let m: RegExpExecArray | null;
    if ((m = cur.at(VD_KEY))) {
      const key = m[1] ?? m[2]!;
      head = m[3] ? { key, visibility: 'protected' }
        : m[4] !== undefined ? { key, visibility: 'private', declaringClass: m[4] }
        : m[5] ? { key, visibility: 'private' }
        : { key };
    } else if ((m = cur.at(XD_PROP))) {
      const vis = m[1];
      head = vis === 'public' ? { key: m[2]! } : { key: m[2]!, visibility: vis as 'protected' | 'private' };
    } else if ((m = cur.at(XD_KEY))) {
      head = { key: unescapeSingle(m[1]!) };
    } else {
      cur.failed = true;
      break;
    }
    cur.eat(m[0].length);
    const value = vdValue(cur, depth);
    if (!value) { cur.last = lastBefore; cur.failed = true; break; }
    entries.push({ ...head, value });
    if (cur.failed) break;
  }
  return v;
}

function vdValue(cur: Cursor, depth: number): PhpValue | null {
  if (!cur.ws()) return null;
  let m: RegExpExecArray | null;
  if (cur.at(VD_ARRAY) || cur.at(VD_OBJECT) || cur.at(XD_CLASS)) {
    const open = openAny(cur, depth + 1);
    if (!open) return null;
    return vdContainer(cur, open, depth + 1);
  }
  if ((m = cur.at(VD_STRING))) {
    const n = Number(m[1]);
    const saved = cur.save();
    cur.col += m[0].length;
    const s = vdString(cur, n);
    if (!s) cur.restore(saved);
    return s;
  }
  if ((m = cur.at(VD_SCALAR))) {
    cur.eat(m[0].length);
    const t = m[1] === 'double' ? 'float' : m[1]!;
    return { type: 'scalar', value: trimWs(m[2]!), phpType: t };
  }
  if ((m = cur.at(VD_NULL))) { cur.eat(m[0].length); return { type: 'scalar', value: 'NULL', phpType: 'null' }; }
  if ((m = cur.at(RECURSION))) { cur.eat(m[0].length); return { type: 'recursion' }; }
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
  const k = firstNonWs(s, j + 1);
  if (k >= s.length) return true;
  const c = s.charCodeAt(k);
  return c === 91 || c === 125;
}

/**
 * The body of `string(n) "…"`, cursor just after the opening quote. Prefers the quote found at
 * exactly n UTF-8 bytes (newlines count one); scraped text may have changed the byte count, so it
 * falls back to the first quote that ends a line or precedes the next key / closing brace.
 */
function vdString(cur: Cursor, n: number): PhpValue | null {
  const li0 = cur.li;
  const col0 = cur.col;
  let li = li0;
  let j = col0;
  let bytes = 0;
  let exact: [number, number] | null = null;
  let cand: [number, number] | null = null;
  let extraLines = 0;
  outer: for (;;) {
    const s = cur.text(li);
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 34) {
        if (bytes === n) { exact = [li, j]; break outer; }
        if (!cand && quoteCloses(s, j)) {
          cand = [li, j];
          if (bytes > n) break outer;
        }
      }
      bytes += utf8Len(c);
      if (bytes > n && cand) break outer;
    }
    bytes += 1;
    if (li + 1 >= cur.lines.length) break;
    if (cand || bytes > n) {
      if (++extraLines > STRING_LOOKAHEAD_LINES || VD_STRUCTURAL.test(cur.text(li + 1))) break;
    }
    if (cur.isHardStop(li + 1)) break;
    li++;
    j = 0;
  }
  const end = exact ?? cand;
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

// ---- var_export ------------------------------------------------------------------------------

function veContainer(cur: Cursor, open: Opened, depth: number): PhpValue {
  const entries: PhpEntry[] = [];
  const v: PhpValue = open.type === 'object'
    ? { type: 'object', className: open.className, entries }
    : { type: 'array', entries };
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
    const lastBefore = cur.last;
    const m = cur.at(VE_KEY);
    if (!m) { cur.failed = true; break; }
    cur.eat(m[0].length);
    const key = m[1] !== undefined ? unescapeSingle(m[1]) : m[2]!;
    const value = veValue(cur, depth);
    if (!value) { cur.last = lastBefore; cur.failed = true; break; }
    entries.push({ key, value });
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
    if (!open) return null;
    return veContainer(cur, open, depth + 1);
  }
  if (cur.ch() === 39) return veString(cur);
  if ((m = cur.at(VE_NUM))) {
    cur.eat(m[0].length);
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

// ---- entry points ----------------------------------------------------------------------------

/** Parse the dump that starts at `startLine` (its header line, or an xdebug `file.php:N:` line); null when none does. */
export function parseDumpAt(lines: string[], startLine: number): PhpDump | null {
  try {
    if (!Array.isArray(lines) || !Number.isInteger(startLine) || startLine < 0 || startLine >= lines.length) return null;
    const head = probe(lines, startLine);
    if (!head) return null;
    const cur = new Cursor(lines, head.li, head.col, head.startLine);
    const open = openAny(cur, 0);
    if (!open) return null;
    let root: PhpValue;
    switch (open.format) {
      case 'print_r': root = prContainer(cur, open, 0); break;
      case 'var_dump': root = vdContainer(cur, open, 0); break;
      case 'var_export': {
        root = veContainer(cur, open, 0);
        if (!cur.failed) {
          cur.hws();
          const c = cur.ch();
          if (c === 44 || c === 59) cur.eat(1); // trailing `,` or `;` on the closing line
        }
        break;
      }
    }
    const truncated = cur.failed;
    const endLine = Math.max(cur.last, head.li);
    if (truncated && cur.pending) {
      // An unterminated print_r value ran past the last line that parsed: keep only what fits.
      const p = cur.pending;
      if (p.pieces.some(([l]) => l > endLine)) {
        p.value.value = joinPieces(p.pieces.filter(([l]) => l <= endLine), p.structured);
      }
    }
    return { format: open.format, startLine: head.startLine, endLine, root, truncated };
  } catch {
    return null;
  }
}

/** Scan a whole document's lines (0-based) and return its dumps, non-overlapping and in order. */
export function findDumps(lines: string[]): PhpDump[] {
  const out: PhpDump[] = [];
  if (!Array.isArray(lines)) return out;
  let i = 0;
  while (i < lines.length) {
    const d = parseDumpAt(lines, i);
    if (d && d.endLine >= i) {
      out.push(d);
      i = d.endLine + 1;
    } else {
      i++;
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
