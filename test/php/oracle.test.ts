// Real PHP as the oracle for PHP-dump recognition (server/src/model/phpdump.ts).
//
// test/php/gen.php makes random values (nested arrays with int and string keys, stdClass and
// declared classes with public/protected/private properties and inheritance, cycles, strings with
// Vietnamese text, newlines, blank lines, `=>`, brackets and parentheses, numbers as strings,
// floats, bools, null) and prints, for each, what PHP prints: print_r, var_dump, var_export, and
// with xdebug its CLI text form and its HTML form (tags stripped and entities decoded here, as a
// browser copy gives it), plus a canonical JSON tree of the value. PHP runs twice per test file
// (a plain process and an xdebug one), each in one batch.
//
// The tests then transform the output (re-indent with NBSPs or TABs, remove the indentation, add
// trailing spaces, collapse onto one line as a browser does, strip headers, cut at either end),
// paste it into Vietnamese article text (between paragraphs, glued under a paragraph, glued on both
// sides, after prose on the same line, at the top, at the end, several dumps per article), and
// check with fast-check (fixed seed; a failure prints the seed and path to replay it with
// PHPDUMP_SEED / PHPDUMP_PATH) that findDumps finds every dump line and nothing else (exact line
// ranges, and columns for mid-line pastes), the format, and, for output that is not cut, that the
// parsed tree equals PHP's.
//
// Limits (documented, and where the assertion is weakened):
// - print_r does not delimit strings. A string value holding a line that reads like an entry
//   (`    [x] => y`), a closer (`)`), or a header, is genuinely ambiguous; so is, once collapsed onto
//   one line, a value holding ` [x] =>` or an unbalanced parenthesis. gen.php makes such values on
//   purpose (rarely); for them the test checks only that a dump of the right format starts on the
//   right line. print_r strings are compared trimmed, and with white space runs folded to one space
//   when a layout other than PHP's own changed them.
// - var_dump's string length is in bytes; when a layout changes a multi-line string's bytes, the
//   parser takes the candidate closing quote nearest to the stated length. A string that then holds
//   another candidate (a `"` at a line end, or before `[`, `}`, a quote) or a line that looks like
//   a var_dump key is ambiguous and treated as above. Likewise any string holding a line that looks
//   like a dump header (a hard stop). Without such a change var_dump and var_export must match
//   exactly.
// - xdebug's HTML form has no closers. With its indentation removed, an object's properties are
//   taken while they come, so an object followed by more properties of an enclosing object can't be
//   told apart; the tree is not compared then (the line range still is). Cut short, an HTML-form
//   object looks complete, so `truncated` is not asserted for cut HTML dumps.
// - A print_r cut open at its end runs through the prose after it to the next entry line; a
//   headerless print_r fragment later in the same article at the same indentation is taken for that
//   entry, so such a pair is not generated (the second dump is pasted whole).
// - Cuts (either end) are made only on values without multi-line strings (a cut inside one can't be
//   told from prose), at line boundaries, keeping what the parser needs to see a dump: its header
//   and first entry (cut at the end), or an entry line with enough evidence within 12 lines (cut at
//   the start: 3 entries, or a nested container with its opener). A collapsed one-line dump is cut
//   at the end inside its line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { findDumps } from '../../server/src/model/phpdump';
import type { PhpDump, PhpValue } from '../../server/src/model/types';

const SEED = Number(process.env.PHPDUMP_SEED ?? 20240611);
const VALUES = Number(process.env.PHPDUMP_VALUES ?? 2000);
const RUNS = Number(process.env.PHPDUMP_RUNS ?? 2500);
const PATH = process.env.PHPDUMP_PATH;

// ---- running PHP -------------------------------------------------------------------------------

function findUp(rel: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const p = join(dir, rel);
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) break;
  }
  return join(process.cwd(), rel);
}

const GEN = findUp('test/php/gen.php');
const XDEBUG_ARGS = [
  '-d', 'zend_extension=xdebug.so', '-d', 'xdebug.mode=develop', '-d', 'xdebug.var_display_max_depth=-1',
  '-d', 'xdebug.var_display_max_children=-1', '-d', 'xdebug.var_display_max_data=-1', '-d', 'xdebug.cli_color=0',
];
const SETUP_HINT = 'Install it with `bash scripts/setup-deps.sh` (Debian packages php-cli and php-xdebug; `npm test` runs it before the unit tests).';

function runPhp(args: string[]): string[] {
  const r = spawnSync('php', ['-n', ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) {
    throw new Error(`PHP is needed as the oracle of the PHP-dump tests, but \`php\` could not be run (${r.error.message}). ${SETUP_HINT}`);
  }
  if (r.status !== 0) throw new Error(`php ${args.join(' ')} failed (exit ${r.status}): ${r.stderr.slice(0, 2000)} ${SETUP_HINT}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

type Canon =
  | { t: 'array'; e: CEntry[] }
  | { t: 'object'; class: string; e: CEntry[] }
  | { t: 'string'; v: string }
  | { t: 'int'; v: string }
  | { t: 'float'; pr?: string; vd?: string; ve?: string; xdt?: string; xdh?: string }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'recursion'; of: 'array' | 'object'; class?: string };
interface CEntry { k: string; vis?: 'public' | 'protected' | 'private'; decl?: string; v: Canon }

type Form = 'print_r' | 'var_dump' | 'var_export' | 'xdebug_text' | 'xdebug_html';
const FORMS: Form[] = ['print_r', 'var_dump', 'var_export', 'xdebug_text', 'xdebug_html'];

interface Sample { tree: Canon; xtree: Canon; out: Record<Form, string[]> }

/** A browser's copy of xdebug's `<pre>`: tags dropped, entities decoded, the newline after `<pre>` ignored. */
function htmlToText(html: string): string {
  const pre = html.slice(html.indexOf('<pre'));
  const text = pre.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos|nbsp);/gi, (_m, e: string) => {
    const l = e.toLowerCase();
    if (l[0] === '#') return String.fromCodePoint(l[1] === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[l]!;
  });
  return text.replace(/^\n/, '');
}

function lines(s: string): string[] {
  return s.replace(/\n+$/, '').split('\n');
}

let samplesCache: Sample[] | null = null;
function samples(): Sample[] {
  if (samplesCache) return samplesCache;
  const plain = runPhp([GEN, String(SEED), String(VALUES), 'plain']).map((l) => JSON.parse(l));
  const xd = runPhp([...XDEBUG_ARGS, GEN, String(SEED), String(VALUES), 'xdebug']).map((l) => JSON.parse(l));
  assert.equal(plain.length, VALUES, 'gen.php (plain) printed one line per value');
  assert.equal(xd.length, VALUES, 'gen.php (xdebug) printed one line per value');
  samplesCache = plain.map((p, i) => {
    const x = xd[i];
    return {
      tree: p.tree,
      xtree: x.tree,
      out: {
        print_r: lines(p.print_r),
        var_dump: lines(p.var_dump),
        var_export: lines(p.var_export),
        xdebug_text: lines(x.xdebug_text),
        xdebug_html: lines(htmlToText(x.xdebug_html)),
      },
    };
  });
  return samplesCache;
}

// ---- layouts: what pasting does to the text ----------------------------------------------------

type Layout = 'plain' | 'nbsp' | 'tabs' | 'tabs2' | 'flat' | 'trail' | 'collapse';
const NB = '\u00a0';

function relead(line: string, layout: Layout): string {
  const m = /^ */.exec(line)![0].length;
  const rest = line.slice(m);
  switch (layout) {
    case 'nbsp': return NB.repeat(m) + rest;
    case 'tabs': return '\t'.repeat(Math.floor(m / 4)) + ' '.repeat(m % 4) + rest;
    case 'tabs2': return '\t'.repeat(Math.floor(m / 2)) + ' '.repeat(m % 2) + rest;
    case 'flat': return line.replace(/^[ \t]+/, '');
    default: return line;
  }
}

function collapseText(s: string): string {
  return s.replace(/[ \t\r\n]+/g, ' ');
}

/** The dump's lines after the layout. */
function applyLayout(ls: string[], layout: Layout): string[] {
  if (layout === 'plain') return ls;
  if (layout === 'collapse') return [collapseText(ls.join('\n')).trim()];
  if (layout === 'trail') return ls.map((l, i) => (i % 3 === 2 ? `${l}\t` : `${l} `));
  return ls.map((l) => relead(l, layout));
}

/** What the layout does to a string value's content (its continuation lines are dump lines too). */
function layoutString(s: string, layout: Layout): string {
  if (layout === 'plain' || !s.includes('\n')) return layout === 'collapse' ? collapseText(s) : s;
  if (layout === 'collapse') return collapseText(s);
  const parts = s.split('\n');
  if (layout === 'trail') {
    // Each dump line gets ' ' (or '\t' every third line) at its end; which dump line each of the
    // string's lines is isn't known here, so values are compared white-space-folded.
    return parts.map((p, i) => (i < parts.length - 1 ? `${p} ` : p)).join('\n');
  }
  return parts.map((p, i) => (i === 0 ? p : relead(p, layout))).join('\n');
}

// ---- expected and parsed trees, normalised ----------------------------------------------------

type N = { t: 'array' | 'object'; cls?: string; e: NE[] } | { t: 's'; v: string; ty?: string } | { t: 'rec' };
interface NE { k: string; vis?: string; decl?: string; v: N }

const foldWs = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();
const trimWs = (s: string): string => s.replace(/^[\s\u00a0\u200b]+|[\s\u00a0\u200b]+$/g, '');

function strForm(form: Form, layout: Layout, s: string): string {
  const t = layoutString(s, layout);
  if (form === 'print_r') return layout === 'plain' ? trimWs(t) : foldWs(t);
  return layout === 'trail' ? foldWs(t) : t;
}

function expected(c: Canon, form: Form, layout: Layout): N {
  switch (c.t) {
    case 'array':
    case 'object': {
      const e = c.e.map((x): NE => {
        // xdebug's text form doesn't quote property names: collapsing white space changes them.
        const k = form === 'xdebug_text' && layout === 'collapse' && c.t === 'object' ? collapseText(x.k).replace(/ $/, '') : x.k;
        const ne: NE = { k, v: expected(x.v, form, layout) };
        if (x.vis && x.vis !== 'public' && form !== 'var_export') ne.vis = x.vis;
        if (x.vis === 'private' && x.decl !== undefined) {
          if (form === 'print_r' || form === 'var_dump') ne.decl = x.decl;
          if (form === 'xdebug_html' && c.t === 'object' && x.decl !== c.class) ne.decl = x.decl;
        }
        return ne;
      });
      return c.t === 'object' ? { t: 'object', cls: c.class, e } : { t: 'array', e };
    }
    case 'recursion':
      return form === 'var_export' ? { t: 's', v: 'NULL', ty: 'null' } : { t: 'rec' };
    case 'string':
      return form === 'print_r' ? { t: 's', v: strForm(form, layout, c.v) } : { t: 's', v: strForm(form, layout, c.v), ty: 'string' };
    case 'int':
      return form === 'print_r' ? { t: 's', v: c.v } : { t: 's', v: c.v, ty: 'int' };
    case 'float': {
      const v = form === 'print_r' ? c.pr : form === 'var_dump' ? c.vd : form === 'var_export' ? c.ve
        : form === 'xdebug_text' ? c.xdt : c.xdh;
      return form === 'print_r' ? { t: 's', v: v! } : { t: 's', v: v!, ty: 'float' };
    }
    case 'bool':
      return form === 'print_r' ? { t: 's', v: c.v ? '1' : '' } : { t: 's', v: String(c.v), ty: 'bool' };
    case 'null':
      return form === 'print_r' ? { t: 's', v: '' } : { t: 's', v: 'NULL', ty: 'null' };
  }
}

function parsed(v: PhpValue, form: Form, layout: Layout): N {
  if (v.type === 'recursion') return { t: 'rec' };
  if (v.type === 'scalar') {
    if (form === 'print_r') return { t: 's', v: layout === 'plain' ? v.value : foldWs(v.value) };
    const value = v.phpType === 'string' && layout === 'trail' ? foldWs(v.value) : v.value;
    return v.phpType === undefined ? { t: 's', v: value } : { t: 's', v: value, ty: v.phpType };
  }
  const e = v.entries.map((x): NE => {
    const ne: NE = { k: x.key, v: parsed(x.value, form, layout) };
    if (x.visibility) ne.vis = x.visibility;
    if (x.declaringClass !== undefined) ne.decl = x.declaringClass;
    return ne;
  });
  return v.type === 'object' ? (v.className === undefined ? { t: 'object', e } : { t: 'object', cls: v.className, e }) : { t: 'array', e };
}

// ---- ambiguity ---------------------------------------------------------------------------------

function* strings(c: Canon): Generator<string> {
  if (c.t === 'string') yield c.v;
  if (c.t === 'array' || c.t === 'object') for (const e of c.e) yield* strings(e.v);
}

const HEADERISH = /^[\s\u00a0]*(?:Array|[^\s()[\]]+[\s\u00a0]+Object|array[\s\u00a0]*\(|array\(\d|object\(|class\s|\\?[A-Za-z_][\w\\]*::__set_state|\(object\)|\S.*\.php:\d+:\s*$|\()/;
const MID_HEADERISH = /(?:Array|Object|array\(\d+\)|object\([^()\s]+\)(?:#\d+[\s\u00a0]*\(\d+\)|\[\d+\])|array[\s\u00a0]*\((?:size=\d+\))?|__set_state\(array\(|\(object\) array\()[\s\u00a0]*[({]?[\s\u00a0]*$|(?:Array|Object)[\s\u00a0]*\([\s\u00a0]*\[|array[\s\u00a0]*\([\s\u00a0]*(?:'|\d)/;
const PR_ENTRYISH = /^[\s\u00a0]*(?:\[[^\n]*\][\s\u00a0]*=>|\))/;
const VD_KEYISH = /^[\s\u00a0]*(?:\}|\[(?:"|-?\d)|'[^\n]*'[\s\u00a0]*=>|(?:public|protected|private)[\s\u00a0]+\$)/;
const XH_KEYISH = /^[\s\u00a0]*(?:-?\d+[\s\u00a0]*=>|'[^\n]*'[\s\u00a0]*=>|(?:public|protected|private)[\s\u00a0]+')/;
const VD_FALSE_QUOTE = /"(?:\.\.\.)?[ \t\u00a0]*(?:$|[[}']|public|protected|private)/m;

/** Is the collapsed print_r value ambiguous (an entry inside it, or a parenthesis it doesn't balance)? */
function prCollapsedAmbiguous(s: string): boolean {
  const t = ` ${s} `;
  if (/[\s\u00a0]\[[^\]]*?\][\s\u00a0]*=>/.test(t) || /\[[^\n]*\][\s\u00a0]*=>/.test(s)) return true;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth > 0) depth--;
      else if (i === 0 || /[\s\u00a0]/.test(s[i - 1]!)) return true;
    }
  }
  return depth !== 0 || /^(?:Array|\S+ Object)\b/.test(s.trim());
}

/** 'range': even the line range may be off; 'tree': only the tree may be; 'ok': all must match. */
function ambiguity(c: Canon, form: Form, layout: Layout): 'ok' | 'tree' | 'range' {
  for (const s of strings(c)) {
    const rest = s.split('\n').slice(1);
    if (rest.some((l) => HEADERISH.test(l))) return 'range';
    // A header after other text, its opener and first entry following: a hard stop for scans.
    if (s.split('\n').some((l) => MID_HEADERISH.test(l))) return 'range';
    if (form === 'print_r') {
      if (layout === 'collapse' ? prCollapsedAmbiguous(collapseText(s)) : rest.some((l) => PR_ENTRYISH.test(l))) return 'range';
      if (s.includes('\n') && /^[\s\u00a0]*(?:Array|\S+ Object)\b/.test(s)) return 'range';
      if (/^[\s\u00a0]*\*RECURSION\*/.test(s)) return 'tree';
    } else {
      const after = layoutString(s, layout);
      const changed = layout !== 'plain' && after !== s;
      if (form === 'var_dump' || form === 'xdebug_text') {
        if (changed && (VD_FALSE_QUOTE.test(after) || after.split('\n').slice(1).some((l) => VD_KEYISH.test(l)))) return 'range';
        if (layout === 'collapse' && /"[ \t\u00a0]*(?:[[}']|public|protected|private)/.test(after)) return 'range';
      }
      if (form === 'xdebug_html' && changed && after.split('\n').slice(1).some((l) => XH_KEYISH.test(l))) return 'range';
    }
  }
  if (form === 'xdebug_html' && (layout === 'flat') && htmlFlatAmbiguous(c)) return 'tree';
  if (form === 'xdebug_text' && layout === 'collapse' && propNames(c).some((k) => k.includes('=>'))) return 'range';
  return 'ok';
}

/** Without indentation: does some object's last line come right before another property line? */
function htmlFlatAmbiguous(root: Canon): boolean {
  // Lines in printing order: each entry is a line; an object's own header line follows its entry.
  const kinds: Array<'prop' | 'key' | 'other'> = [];
  const objectEnds: number[] = [];
  const walk = (c: Canon): void => {
    if (c.t !== 'array' && c.t !== 'object') return;
    if (c.t === 'array' && c.e.length === 0) { kinds.push('other'); return; } // `empty`
    for (const e of c.e) {
      kinds.push(c.t === 'object' ? 'prop' : 'key');
      if (e.v.t === 'array' || e.v.t === 'object') {
        kinds.push('other'); // its header
        walk(e.v);
        if (e.v.t === 'object') objectEnds.push(kinds.length);
      }
    }
  };
  kinds.push('other');
  walk(root);
  return objectEnds.some((k) => kinds[k] === 'prop');
}

// ---- cuts --------------------------------------------------------------------------------------

function propNames(c: Canon): string[] {
  if (c.t === 'object') return c.e.flatMap((e) => [e.k, ...propNames(e.v)]);
  if (c.t === 'array') return c.e.flatMap((e) => propNames(e.v));
  return [];
}

function hasMultiline(c: Canon): boolean {
  for (const s of strings(c)) if (s.includes('\n')) return true;
  return false;
}

const ENTRY_LINE: Record<Form, RegExp> = {
  print_r: /^[\s\u00a0]*\[[^\n]*?\][\s\u00a0]*=>/,
  var_dump: /^[\s\u00a0]*\[(?:"[^\n]*"|-?\d+)(?::[^\n]*)?\]=>/,
  var_export: /^[\s\u00a0]*(?:'(?:[^'\\]|\\.)*'|-?\d+)[\s\u00a0]*=>/,
  xdebug_text: /^[\s\u00a0]*(?:'(?:[^'\\]|\\.)*'|\[-?\d+\])[\s\u00a0]*=>|^[\s\u00a0]*(?:public|protected|private)[\s\u00a0]+\$/,
  xdebug_html: /^[\s\u00a0]*(?:-?\d+|'[^\n]*'|(?:public|protected|private)[\s\u00a0]+'[^\n]*'(?:[\s\u00a0]+\([^()\s]+\))?)[\s\u00a0]*=>/,
};
const OPENER_LINE: Record<Form, RegExp> = {
  print_r: /^[\s\u00a0]*\([\s\u00a0]*$/,
  var_dump: /\{[\s\u00a0]*$/,
  var_export: /(?:^|=>)[\s\u00a0]*(?:array[\s\u00a0]*\(|\\?[\w\\]+::__set_state\(array\(|\(object\) array\()[\s\u00a0]*$/,
  xdebug_text: /\{[\s\u00a0]*$/,
  xdebug_html: /^[\s\u00a0]*&?(?:array[\s\u00a0]*\(size=\d+\)|object\([^()\s]+\)\[\d+\])[\s\u00a0]*$/,
};

/** Start lines a cut may keep: entry lines with 3 entries, or a nested opener, within 12 lines. */
function startCuts(ls: string[], form: Form): number[] {
  const out: number[] = [];
  for (let k = 1; k < ls.length; k++) {
    if (!ENTRY_LINE[form].test(ls[k]!)) continue;
    const win = ls.slice(k, k + 12);
    const entries = win.filter((l) => ENTRY_LINE[form].test(l)).length;
    // A nested container opened after the first entry (its header counts from the first entry on).
    const opener = win.some((l, j) => OPENER_LINE[form].test(l) && (j > 0 || form === 'var_dump' || form === 'xdebug_text'));
    if (entries >= 3 || opener) out.push(k);
  }
  return out;
}

/** How many lines a cut at the end must keep: through the first entry line after the header. */
function minKeep(ls: string[], form: Form): number {
  for (let k = 0; k < ls.length; k++) if (ENTRY_LINE[form].test(ls[k]!)) return k + 1;
  return ls.length;
}

// ---- articles ----------------------------------------------------------------------------------

const PROSE = [
  'Chiều nay (18/10), UBND TP.HCM tổ chức họp báo về tình hình kinh tế - xã hội.',
  'Theo Nghị định 100/2019/NĐ-CP, mức phạt (a) từ 4 đến 6 triệu đồng; (b) tước giấy phép lái xe.',
  '[1] Theo báo cáo của Bộ Y tế, số ca mắc mới đã giảm trong tuần qua.',
  'Giá vàng tăng mạnh => nhà đầu tư đổ xô đi mua, nhiều cửa hàng hết hàng.',
  'Array là một kiểu dữ liệu trong PHP, còn Object (đối tượng) thì khác.',
  'Kết quả: Array ( mảng rỗng ) và array (không có phần tử) đều hợp lệ.',
  'Điều 5 [sửa đổi] quy định rõ trách nhiệm của các bên (xem Phụ lục [2]).',
  'Ông Nguyễn Văn A (52 tuổi, ngụ quận 3) cho biết: "Tôi không ngờ sự việc lại như vậy".',
  'Hà Nội: mưa lớn kéo dài => nhiều tuyến phố ngập sâu (ảnh: TTXVN).',
  'Người dân có thể tra cứu tại địa chỉ https://dichvucong.gov.vn/p/home/dvc-trang-chu.html.',
  'Trận chung kết lượt đi giữa Malaysia và Việt Nam sẽ diễn ra vào lúc 19h45 ngày 11/12.',
  'Học sinh phổ thông thường gặp khó khăn khi quyết định nên ứng tuyển vào đâu.',
  'Bà Xuyến khai nhận (theo lời khai ban đầu) đã thuê nhà trọ tại khu phố 9 được 2 tháng.',
  'Xem thêm: object(2) là gì? class A { } và {đây là} ví dụ trong sách giáo khoa.',
  'Quy định mới có hiệu lực từ ngày 1/1/2023 ( trừ một số trường hợp đặc biệt ).',
  'Thông tin thêm [ảnh] => xem tại chuyên mục Đời sống.',
];
const PREFIX = ['…chiều nay.', 'Theo số liệu đã công bố:', 'Kết quả trả về như sau: ', 'Hà Nội (TTXVN) - ', 'Xem chi tiết.'];

type Place = 'between' | 'glued' | 'gluedBoth' | 'midline' | 'top' | 'end';
type Cut = 'none' | 'header' | 'start' | 'end';

interface Spec { value: number; form: Form; layout: Layout; cut: Cut; place: Place; pick: number; prose: number }

interface Planned {
  lines: string[];
  /** Expected dump relative to `lines`: first/last line index and columns (end exclusive). */
  startLine: number;
  endLine: number;
  startColumn: number;
  endColumn: number;
  prefix: string;
  suffix: string;
  format: 'print_r' | 'var_dump' | 'var_export';
  truncated: boolean | undefined;
  headerless: boolean;
  compareTree: boolean;
  rangeOnly: 'start' | false;
  canon: Canon;
  layout: Layout;
  form: Form;
}

const FORMAT_OF: Record<Form, 'print_r' | 'var_dump' | 'var_export'> = {
  print_r: 'print_r', var_dump: 'var_dump', var_export: 'var_export', xdebug_text: 'var_dump', xdebug_html: 'var_dump',
};

function plan(spec: Spec): Planned {
  const sm = samples()[spec.value % samples().length]!;
  const form = spec.form;
  const canon = form.startsWith('xdebug') ? sm.xtree : sm.tree;
  let layout = spec.layout;
  if (form === 'xdebug_html' && layout === 'collapse') layout = 'plain'; // a browser keeps <pre> text as it is
  let ls = sm.out[form].slice();
  let cut = spec.cut;
  let truncated: boolean | undefined = false;
  let headerless = false;
  const amb = ambiguity(canon, form, layout);
  let compareTree = amb === 'ok';
  let rangeOnly: 'start' | false = amb === 'range' ? 'start' : false;
  if (rangeOnly) cut = 'none';
  const rootEntries = canon.t === 'array' || canon.t === 'object' ? canon.e.length : 0;
  // The header: xdebug's `file.php:N:` line, or print_r's `Array` / `Foo Object` line.
  if (form === 'xdebug_text' || form === 'xdebug_html') {
    // (An HTML-form object with no properties is a dump only under its `file.php:N:` line.)
    if ((cut === 'header' || spec.pick % 2 === 0) && !(form === 'xdebug_html' && rootEntries === 0)) ls = ls.slice(1);
    if (cut === 'header') cut = 'none';
  }
  if (cut === 'header') {
    cut = 'none';
    if (form === 'print_r' && layout !== 'collapse' && ls[1]?.trim() === '(') {
      const rest = ls.slice(1);
      if (startCutsBare(rest)) { ls = rest; headerless = true; if (canon.t === 'object') compareTree = false; }
    }
  }
  if ((cut === 'start' || cut === 'end') && (hasMultiline(canon) || layout === 'collapse' && cut === 'start')) cut = 'none';
  if (cut === 'start') {
    const cuts = startCuts(applyLayout(ls, layout === 'collapse' ? 'plain' : layout), form);
    if (cuts.length > 0) {
      ls = ls.slice(cuts[spec.pick % cuts.length]!);
      truncated = true;
      headerless = true;
      compareTree = false;
    } else cut = 'none';
  }
  if (cut === 'end' && layout !== 'collapse') {
    const min = minKeep(ls, form);
    if (min < ls.length) {
      ls = ls.slice(0, min + (spec.pick % (ls.length - min)));
      while (ls.length > min && ls[ls.length - 1]!.trim() === '') ls.pop(); // a cut keeps no trailing blank line
      truncated = form === 'xdebug_html' ? undefined : true;
      compareTree = false;
    } else cut = 'none';
  }
  let dumpLines = applyLayout(ls, layout);
  if (cut === 'end' && layout === 'collapse') {
    const line = dumpLines[0]!;
    const m = /=>/.exec(line);
    if (m && line.length - m.index > 12 && rootEntries > 0) {
      const from = m.index + 3;
      const at = from + (spec.pick % (line.length - from - 2));
      dumpLines = [line.slice(0, at).replace(/[\s\u00a0]+$/, '')];
      if (dumpLines[0]!.length === line.length) cut = 'none';
      else { truncated = true; compareTree = false; }
    }
  }
  if (dumpLines.length === 1 && dumpLines[0]!.trim() === '') dumpLines = ['Array ( )'];
  // Where it goes.
  let place = spec.place;
  // A dump cut open takes a glued line of prose as its last value's continuation unless a blank line follows.
  if (truncated !== false && place === 'gluedBoth') place = 'glued';
  const firstIsHeader = !headerless && !(form.startsWith('xdebug') && /\.php:\d+:\s*$/.test(dumpLines[0]!));
  if (place === 'midline' && (!firstIsHeader || rootEntries === 0 || rangeOnly)) place = 'glued';
  const para = (k: number) => PROSE[(spec.prose + k) % PROSE.length]!;
  let prefix = '';
  let suffix = '';
  if (place === 'midline') {
    prefix = para(0).replace(/\.$/, '') + PREFIX[spec.pick % PREFIX.length]!;
    // Prose after the last line too, unless the dump ends open (its last value would take it) or
    // has no closer (xdebug's HTML form).
    if (truncated === false && form !== 'xdebug_html') suffix = spec.pick % 3 === 0 ? ' Tiếp theo là phần bình luận.' : spec.pick % 3 === 1 ? 'Tiếp theo là phần bình luận.' : '';
  }
  const before: string[] = [];
  const after: string[] = [];
  switch (place) {
    case 'between': before.push(para(0), ''); after.push('', para(1)); break;
    case 'glued': before.push(para(0)); after.push('', para(1)); break;
    case 'gluedBoth': before.push(para(0)); after.push(para(1)); break;
    case 'midline': after.push('', para(1)); break;
    case 'top': after.push('', para(1)); break;
    case 'end': before.push(para(0), ''); break;
  }
  const body = dumpLines.slice();
  body[0] = prefix + body[0]!;
  body[body.length - 1] = body[body.length - 1]! + suffix;
  const all = [...before, ...body, ...after];
  const startLine = before.length;
  const endLine = before.length + body.length - 1;
  // A dump that ends open keeps the rest of its last line; a dump that owns whole lines has 0 and the line length.
  const lastLine = all[endLine]!;
  const endColumn = suffix === '' ? lastLine.length : lastLine.slice(0, lastLine.length - suffix.length).replace(/[ \t\u00a0]+$/, '').length;
  return {
    lines: all, startLine, endLine, startColumn: prefix.length, endColumn, prefix, suffix,
    format: FORMAT_OF[form], truncated, headerless, compareTree, rangeOnly, canon, layout, form,
  };
}

/** print_r from a bare `(`: the parser wants 3 entries or a nested container within 12 lines. */
function startCutsBare(ls: string[]): boolean {
  const win = ls.slice(0, 12);
  return win.filter((l) => ENTRY_LINE.print_r.test(l)).length >= 3 || win.slice(1).some((l) => OPENER_LINE.print_r.test(l));
}

function describe(p: Planned, d: PhpDump | undefined): string {
  return `form ${p.form}, layout ${p.layout}, expected lines ${p.startLine}-${p.endLine} cols ${p.startColumn}-${p.endColumn}`
    + `${d ? `, got ${d.startLine}-${d.endLine} cols ${d.startColumn}-${d.endColumn} ${d.format}${d.truncated ? ' truncated' : ''}` : ', got none'}`
    + `\n--- text ---\n${p.lines.map((l, i) => `${String(i).padStart(3)}| ${JSON.stringify(l).slice(1, -1)}`).join('\n').slice(0, 6000)}`;
}

/** Where two normalised trees first differ. */
function firstDiff(a: unknown, b: unknown, path = '$'): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: got ${JSON.stringify(a)?.slice(0, 300)}, expected ${JSON.stringify(b)?.slice(0, 300)}`;
}

function checkOne(p: Planned, d: PhpDump | undefined, offset: number): void {
  assert.ok(d, `dump not found: ${describe(p, d)}`);
  assert.equal(d.startLine, p.startLine + offset, `startLine: ${describe(p, d)}`);
  assert.equal(d.format, p.format, `format: ${describe(p, d)}`);
  if (p.rangeOnly) return;
  assert.equal(d.endLine, p.endLine + offset, `endLine: ${describe(p, d)}`);
  assert.equal(d.startColumn, p.startColumn, `startColumn: ${describe(p, d)}`);
  assert.equal(d.endColumn, p.endColumn, `endColumn: ${describe(p, d)}`);
  if (p.truncated !== undefined) assert.equal(d.truncated, p.truncated, `truncated: ${describe(p, d)}`);
  if (p.compareTree) {
    const got = parsed(d.root, p.form, p.layout);
    const exp = expected(p.canon, p.form, p.layout);
    if (p.headerless) {
      assert.ok(got.t === 'array' || got.t === 'object');
      assert.ok(exp.t === 'array' || exp.t === 'object');
      assert.deepEqual(got.e, exp.e, `tree (entries) ${firstDiff(got.e, exp.e)}: ${describe(p, d)}`);
    } else {
      assert.deepEqual(got, exp, `tree ${firstDiff(got, exp)}: ${describe(p, d)}`);
    }
  }
}

/** Several planned dumps in one article, paragraphs between them; returns the lines and offsets. */
function assemble(ps: Planned[]): { lines: string[]; offsets: number[] } {
  const out: string[] = [];
  const offsets: number[] = [];
  for (const [i, p] of ps.entries()) {
    if (i > 0) out.push('Đoạn văn nối giữa hai phần của bài viết (tiếp theo).', '');
    offsets.push(out.length);
    out.push(...p.lines);
    if (i < ps.length - 1 && out[out.length - 1] !== '') out.push('');
  }
  return { lines: out, offsets };
}

// ---- the tests ---------------------------------------------------------------------------------

test('PHP oracle: gen.php runs and prints what the tests need', () => {
  const s = samples();
  assert.equal(s.length, VALUES);
  const all = s.map((x) => x.out.print_r.join('\n')).join('\n');
  assert.ok(all.includes(':private]'), 'private properties with their declaring class');
  assert.ok(all.includes('*RECURSION*'), 'recursion');
  assert.ok(s.some((x) => x.out.xdebug_html.some((l) => /\(size=\d+\)/.test(l))), 'xdebug HTML form');
  assert.ok(s.some((x) => x.out.xdebug_text.some((l) => /^\s*class \S+#\d+/.test(l))), 'xdebug text form');
});

let exactCases = 0;
test('PHP oracle: every value in every form, as PHP prints it, between paragraphs: found whole, tree equal', () => {
  const s = samples();
  const failures: string[] = [];
  for (let i = 0; i < s.length; i++) {
    for (const form of FORMS) {
      const p = plan({ value: i, form, layout: 'plain', cut: 'none', place: 'between', pick: 1, prose: i });
      const ds = findDumps(p.lines);
      try {
        if (!p.rangeOnly) assert.equal(ds.length, 1, `one dump expected, got ${ds.length}: ${describe(p, ds[0])}`);
        checkOne(p, ds[0], 0);
        exactCases++;
      } catch (e) {
        failures.push(`value ${i} ${form}: ${(e as Error).message.slice(0, 3000)}`);
        if (failures.length >= 3) break;
      }
    }
    if (failures.length >= 3) break;
  }
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
});

const specArb: fc.Arbitrary<Spec> = fc.record({
  value: fc.nat({ max: VALUES - 1 }),
  form: fc.constantFrom<Form>(...FORMS),
  layout: fc.constantFrom<Layout>('plain', 'nbsp', 'tabs', 'tabs2', 'flat', 'trail', 'collapse', 'collapse'),
  cut: fc.constantFrom<Cut>('none', 'none', 'header', 'start', 'end'),
  place: fc.constantFrom<Place>('between', 'glued', 'gluedBoth', 'midline', 'midline', 'top', 'end'),
  pick: fc.nat({ max: 10000 }),
  prose: fc.nat({ max: PROSE.length - 1 }),
});

let fuzzCases = 0;
let totalCases = 0;
test('PHP oracle: transformed dumps pasted into articles (fast-check) are found exactly', () => {
  samples();
  const details = fc.check(
    fc.property(fc.array(specArb, { minLength: 1, maxLength: 3 }), (specs) => {
      // Only the first dump may sit at the top and only the last at the end of the article.
      const ps: Planned[] = [];
      for (const [i, sp] of specs.entries()) {
        let cut = sp.cut;
        // A print_r cut open at its end takes what follows as its last value's continuation, through
        // prose, up to the next entry line: a headerless print_r after it at the same indentation
        // can't be told from that entry (documented limit); such a pair keeps the second whole.
        const prev = ps[i - 1];
        if (prev && prev.form === 'print_r' && prev.truncated && sp.form === 'print_r' && (cut === 'start' || cut === 'header')) cut = 'none';
        ps.push(plan({
          ...sp,
          cut,
          place: (sp.place === 'top' && i > 0) || (sp.place === 'end' && i < specs.length - 1) ? 'between' : sp.place,
        }));
      }
      const { lines, offsets } = assemble(ps);
      if (process.env.PHPDUMP_SAVE) writeFileSync(process.env.PHPDUMP_SAVE, lines.join('\n'));
      const ds = findDumps(lines);
      const text = () => lines.map((l, i) => `${String(i).padStart(3)}| ${JSON.stringify(l).slice(1, -1)}`).join('\n').slice(0, 8000);
      totalCases += ps.length;
      if (ps.some((p) => p.rangeOnly)) {
        // Ambiguous values: each dump must still be found starting on its line, with its format.
        for (const [k, p] of ps.entries()) {
          const d = ds.find((x) => x.startLine === p.startLine + offsets[k]!);
          assert.ok(d && d.format === p.format, `dump ${k} not found at its start line:\n${text()}`);
        }
        return;
      }
      assert.equal(ds.length, ps.length, `expected ${ps.length} dumps, got ${JSON.stringify(ds.map((d) => [d.startLine, d.endLine, d.startColumn, d.endColumn]))}:\n${text()}`);
      for (const [k, p] of ps.entries()) checkOne(p, ds[k], offsets[k]!);
      fuzzCases += ps.length;
    }),
    { seed: SEED, numRuns: RUNS, ...(PATH ? { path: PATH } : {}), endOnFailure: true },
  );
  if (details.failed) {
    const err = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\nReplay with PHPDUMP_SEED=${details.seed} PHPDUMP_PATH=${details.counterexamplePath}\n${err}`);
  }
  // The layouts, cuts and placements must actually have happened: report what ran.
  process.stdout.write(`# PHP oracle: ${VALUES} values x ${FORMS.length} forms checked exactly (${exactCases} cases); ${RUNS} generated articles holding ${totalCases} dumps, ${fuzzCases} of them checked in full (the rest, in articles with an ambiguous value, by start line and format)\n`);
});
