// The document outline and folding ranges of a parsed article. Pure: no `vscode` and no LSP import,
// so the language server, the CLI and unit tests can all use it. Lines are 0-based and inclusive.
import type { Article, Block, PhpDump } from './types';
import { dumpRecords } from './phpdump';
import { t } from '../l10n';

export type OutlineKind =
  | 'article'
  | 'kicker'
  | 'dateline'
  | 'byline'
  | 'section'
  | 'paragraph'
  | 'caption'
  | 'junk'
  | 'boilerplate'
  | 'related'
  | 'php-dump'
  | 'record'
  | 'heading'
  | 'headline'
  | 'more';

export interface OutlineNode {
  kind: OutlineKind;
  /** Non-empty, single line (LSP rejects empty symbol names). */
  name: string;
  detail?: string;
  startLine: number;
  endLine: number;
  /** The line to reveal/select when the node is picked; within [startLine, endLine]. */
  selectionStartLine: number;
  children: OutlineNode[];
}

/** A fold, structurally compatible with LSP's `FoldingRange` (line-only). */
export interface OutlineFold {
  startLine: number;
  endLine: number;
  kind?: 'region' | 'comment';
}

/** The kinds that are not part of the article proper; they are grouped under one "Junk" node. */
export const JUNK_KINDS: ReadonlySet<string> = new Set(['boilerplate', 'related', 'php-dump']);

const NAME_MAX = 120;
const PARAGRAPH_WORDS = 8;

// C0/C1 controls (NUL included), zero-width and bidi marks, line/paragraph separators, BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);
/** Whitespace that collapsing changes: a run of two, or any other than a plain space. */
const UNCOLLAPSED = /\s\s|[^\S ]/;

/** One printable line: controls and invisibles removed, all whitespace runs collapsed to one space. */
export function cleanName(text: string, max = NAME_MAX): string {
  // (each replacement only where it changes something: most names are plain text, and the outline
  // of a 1 MB article names some 2,000 blocks)
  const visible = HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, ' ') : text;
  const s = (UNCOLLAPSED.test(visible) ? visible.replace(/\s+/g, ' ') : visible).trim();
  return truncate(s, max);
}

function truncate(s: string, max: number): string {
  // no longer in UTF-16 units than the limit: no longer in code points either (a block's name is cut
  // from a long text for every block of an outline: code points only where a cut is needed)
  if (s.length <= max) return s;
  // code points: never split a surrogate pair (a copy of the text in code points only when one
  // stands where the cut falls: names have almost none)
  let plain = true;
  for (let i = 0; i < max && plain; i++) plain = (s.charCodeAt(i) & 0xf800) !== 0xd800;
  let cut: string;
  if (plain) cut = s.slice(0, max - 1);
  else {
    const chars = Array.from(s);
    if (chars.length <= max) return s;
    cut = chars.slice(0, max - 1).join('');
  }
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.7) cut = cut.slice(0, space); // end on a word boundary when close
  return cut.trimEnd() + '…';
}

/**
 * The first `n` words of a cleaned name (single spaces, trimmed), and whether more follow: what
 * splitting it on spaces and taking n words gives, without making a string per word.
 */
function firstWords(s: string, n: number): { head: string; more: boolean } {
  if (n <= 0) return { head: '', more: s !== '' };
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = s.indexOf(' ', at + 1);
    if (at < 0) return { head: s, more: false };
  }
  return { head: s.slice(0, at), more: true };
}

/** The first ~8 words of a block, with `…` when there is more. */
export function shortName(text: string, words = PARAGRAPH_WORDS): string {
  // the name is the first words: read the beginning of a long text; when a further word starts
  // there, those words are whole and the name is the one the whole text gives
  for (let len = 256; len < text.length; len *= 4) {
    const head = firstWords(cleanName(text.slice(0, len), Number.MAX_SAFE_INTEGER), words);
    if (head.more) return truncate(head.head, NAME_MAX - 1) + '…';
  }
  const all = firstWords(cleanName(text, Number.MAX_SAFE_INTEGER), words);
  return all.more ? truncate(all.head, NAME_MAX - 1) + '…' : truncate(all.head, NAME_MAX);
}

function nameOr(name: string, fallback: string): string {
  return name || fallback;
}

function leaf(kind: OutlineKind, block: Block, name: string, detail?: string): OutlineNode {
  const node: OutlineNode = {
    kind,
    name,
    startLine: block.startLine,
    endLine: block.endLine,
    selectionStartLine: block.startLine,
    children: [],
  };
  if (detail) node.detail = detail;
  return node;
}

/** "1 line", "5 lines": the l10n keys are "1 <one>" and "{0} <one>s". */
function plural(n: number, one: string): string {
  return n === 1 ? t(`1 ${one}`) : t(`{0} ${one}s`, n);
}

// ---- PHP dump records ----------------------------------------------------------------------------

/** A top-level entry of a dump as found in the text: its key and 0-based inclusive line range. */
export interface DumpEntry {
  key: string;
  startLine: number;
  endLine: number;
}

// `[key] => …` (print_r), `[key]=>` / `["key"]=>` / `["p":protected]=>` (var_dump),
// `'key' => …` / `0 => …` (var_export).
const ENTRY_RE = /^([ \t]*)(?:\[("?)((?:[^\]"\\]|\\.)*)\2(?::[^\]]*)?\]\s*=>|'((?:[^'\\]|\\.)*)'\s*=>|(-?\d+)\s*=>)/;

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].length;
}

/**
 * The top-level entries of a dump, located in the text: the entry lines with the smallest indentation
 * (not shallower than the dump's first line); each runs until the next one, without trailing blank lines and
 * without the closing line(s) of the root.
 */
export function locateDumpEntries(article: Article, dump: PhpDump): DumpEntry[] {
  const lines = article.lines;
  const first = Math.max(0, dump.startLine);
  const last = Math.min(lines.length - 1, dump.endLine);
  if (first > last) return [];
  const rootIndent = indentOf(lines[first].text);
  const found: { line: number; indent: number; key: string }[] = [];
  let minIndent = Infinity;
  for (let i = first + 1; i <= last; i++) {
    const m = ENTRY_RE.exec(lines[i].text);
    if (!m) continue;
    const indent = m[1].length;
    if (indent < rootIndent) continue; // text outside the dump's structure
    found.push({ line: i, indent, key: m[3] ?? m[4] ?? m[5] ?? '' });
    if (indent < minIndent) minIndent = indent;
  }
  const top = found.filter((f) => f.indent === minIndent);
  const out: DumpEntry[] = [];
  for (let k = 0; k < top.length; k++) {
    const start = top[k].line;
    let end = k + 1 < top.length ? top[k + 1].line - 1 : last;
    // Drop trailing blank lines and closers of enclosing structures (less indented than the entry).
    while (end > start) {
      const t = lines[end].text;
      if (!t.trim() || (k + 1 === top.length && indentOf(t) < minIndent)) end--;
      else break;
    }
    out.push({ key: top[k].key, startLine: start, endLine: end });
  }
  return out;
}

interface RecordInfo {
  key: string;
  title?: string;
}

function safeRecords(dump: PhpDump): RecordInfo[] | null {
  try {
    return dumpRecords(dump).map((r) => ({ key: String(r.key), title: r.title }));
  } catch {
    return null; // a bug in the dump reader must not take the outline down
  }
}

function recordNodes(article: Article, block: Block, dump: PhpDump): OutlineNode[] {
  const entries = locateDumpEntries(article, dump);
  const records: RecordInfo[] = safeRecords(dump) ?? entries.map((e) => ({ key: e.key }));
  const whole = { startLine: block.startLine, endLine: block.endLine };
  let cursor = 0;
  return records.map((r, i) => {
    let range: { startLine: number; endLine: number } = whole;
    if (records.length === entries.length) range = entries[i];
    else {
      // Counts disagree: match by key, in order; else the whole dump.
      const j = entries.findIndex((e, idx) => idx >= cursor && e.key === r.key);
      if (j >= 0) {
        range = entries[j];
        cursor = j + 1;
      }
    }
    const title = r.title ? cleanName(r.title) : '';
    const key = cleanName(r.key, 60);
    const keyLabel = key ? `[${key}]` : t('(record)'); // key '' = the whole dump is one record
    return {
      kind: 'record' as const,
      name: title || keyLabel,
      ...(title ? { detail: keyLabel } : {}),
      startLine: range.startLine,
      endLine: range.endLine,
      selectionStartLine: range.startLine,
      children: [],
    };
  });
}

function dumpNode(article: Article, block: Block): OutlineNode {
  const dump = block.dump;
  if (!dump) return leaf('php-dump', block, t('PHP dump'), plural(block.endLine - block.startLine + 1, 'line'));
  const children = recordNodes(article, block, dump);
  const detail = plural(children.length, 'record') + (dump.truncated ? t(', truncated') : '');
  const node = leaf('php-dump', block, t('PHP {0} dump', dump.format), detail);
  node.children = children;
  return node;
}

// ---- The outline ---------------------------------------------------------------------------------

function firstLine(text: string): string {
  for (const l of text.split(/\r\n|\r|\n/)) if (cleanName(l, Number.MAX_SAFE_INTEGER)) return l;
  return '';
}

function blockNode(article: Article, block: Block): OutlineNode | null {
  switch (block.kind) {
    case 'blank':
      return null;
    case 'kicker':
      return leaf('kicker', block, nameOr(cleanName(block.text), t('(kicker)')));
    case 'dateline':
      return leaf(
        'dateline',
        block,
        nameOr(cleanName(block.text), t('(dateline)')),
        block.date ? block.date.iso : t('date not understood'),
      );
    case 'byline':
      return leaf('byline', block, nameOr(cleanName(block.text), t('(byline)')));
    case 'headline':
      return leaf('headline', block, nameOr(cleanName(block.text), t('(headline)')));
    case 'heading':
      return leaf('heading', block, nameOr(cleanName(block.text), t('(heading)')));
    case 'caption':
      return leaf('caption', block, nameOr(shortName(block.text), t('(caption)')));
    case 'boilerplate':
      return leaf('boilerplate', block, nameOr(cleanName(firstLine(block.text), 60), t('(boilerplate)')));
    case 'related': {
      const items = block.text.split(/\r\n|\r|\n/).filter((l) => cleanName(l)).length;
      return leaf('related', block, t('Related'), plural(items, 'line'));
    }
    case 'php-dump':
      return dumpNode(article, block);
    case 'paragraph':
    default:
      return leaf('paragraph', block, nameOr(shortName(block.text), t('(paragraph)')));
  }
}

function spanOf(node: OutlineNode): void {
  for (const c of node.children) {
    if (c.startLine < node.startLine) node.startLine = c.startLine;
    if (c.endLine > node.endLine) node.endLine = c.endLine;
  }
}

/**
 * The outline: one root "article" node (named by the headline, detail = ISO date) spanning the whole
 * document; under it, in document order, kicker, dateline, lead paragraphs and captions, one "section"
 * per heading (holding its paragraphs and captions), the byline; and last one "Junk" group holding
 * boilerplate, related blocks and PHP dumps (each dump listing its records).
 */
export function buildOutline(article: Article): OutlineNode[] {
  const lastLine = Math.max(0, article.lines.length - 1);
  const headline = article.headline;
  const root: OutlineNode = {
    kind: 'article',
    name: nameOr(headline ? cleanName(headline.text) : '', t('(no headline)')),
    startLine: 0,
    endLine: lastLine,
    selectionStartLine: headline ? clamp(headline.startLine, 0, lastLine) : 0,
    children: [],
  };
  const iso = article.date?.iso ?? article.dateline?.date?.iso;
  if (iso) root.detail = iso;

  const junk: OutlineNode[] = [];
  let section: OutlineNode | null = null;
  const hasKickerBlock = article.blocks.some((b) => b.kind === 'kicker');

  for (const block of article.blocks) {
    if (headline && block.kind === 'headline' && block.startLine === headline.startLine) {
      // The headline names the root; an inline kicker (`Long An: …`) becomes the kicker node.
      if (block.inlineKicker && !hasKickerBlock) {
        const name = cleanName(block.inlineKicker.text);
        if (name) root.children.push(leaf('kicker', block, name));
      }
      continue;
    }
    if (JUNK_KINDS.has(block.kind)) {
      const node = blockNode(article, block);
      if (node) junk.push(node);
      continue;
    }
    if (block.kind === 'heading') {
      section = {
        kind: 'section',
        name: nameOr(cleanName(block.text), t('(heading)')),
        startLine: block.startLine,
        endLine: block.endLine,
        selectionStartLine: block.startLine,
        children: [],
      };
      root.children.push(section);
      continue;
    }
    const node = blockNode(article, block);
    if (!node) continue;
    if ((block.kind === 'paragraph' || block.kind === 'caption') && section) {
      section.children.push(node);
    } else {
      // Anything else (kicker, dateline, byline, a second headline) ends the current section.
      if (block.kind !== 'paragraph' && block.kind !== 'caption') section = null;
      root.children.push(node);
    }
  }
  for (const n of root.children) {
    if (n.kind === 'section') {
      spanOf(n);
      const paras = n.children.filter((c) => c.kind === 'paragraph').length;
      n.detail = plural(paras, 'paragraph');
    }
  }
  if (junk.length) {
    const group: OutlineNode = {
      kind: 'junk',
      name: t('Junk'),
      detail: plural(junk.length, 'block'),
      startLine: junk[0].startLine,
      endLine: junk[0].endLine,
      selectionStartLine: junk[0].startLine,
      children: junk,
    };
    spanOf(group);
    root.children.push(group);
  }
  // Keep every node inside the document (a defensive clamp; the parser should never exceed it).
  clampTree(root, lastLine);
  bound(root);
  return [root];
}

/**
 * An outline has at most about this many nodes. A text that is no article (a data dump, a log, a
 * word list: millions of short lines) or a book-length one would otherwise get one node per line or
 * per block, thousands of them, which no one reads in an outline and which cost the editor a large
 * answer after every edit (a 1 MB article: 2,257 symbols, 537 KB of JSON). Articles stay below it
 * (the longest of the 374 real labelled pages has 516 nodes; their outlines are unchanged); past
 * it, runs of RUN_GROUP or more consecutive leaves of one kind become one node ("17 paragraph
 * blocks", lines a–b), and if that is not enough, the nodes past the cap, in document order, are
 * summed up in one "… more" node per level (their count and lines).
 */
export const MAX_OUTLINE_NODES = 1000;
const RUN_GROUP = 10;

function countNodes(node: OutlineNode): number {
  let n = 1;
  for (const c of node.children) n += countNodes(c);
  return n;
}

/** A run of nodes of one kind, grouped: "1,200 paragraphs" (l10n keys "{0} <kind> blocks"…). */
function groupName(kind: OutlineKind, n: number): string {
  const count = n.toLocaleString('en');
  if (kind === 'php-dump') return t('{0} PHP dumps', count);
  if (kind === 'related') return t('{0} related blocks', count);
  return t(`{0} ${kind} blocks`, count);
}

function bound(root: OutlineNode): void {
  if (countNodes(root) <= MAX_OUTLINE_NODES) return;
  const grouped = (node: OutlineNode): void => {
    const out: OutlineNode[] = [];
    const kids = node.children;
    for (let i = 0; i < kids.length; ) {
      let j = i;
      if (kids[i].children.length === 0) while (j + 1 < kids.length && kids[j + 1].kind === kids[i].kind && kids[j + 1].children.length === 0) j++;
      if (j - i + 1 >= RUN_GROUP) {
        out.push({
          kind: kids[i].kind,
          name: groupName(kids[i].kind, j - i + 1),
          detail: t('lines {0}–{1}', (kids[i].startLine + 1).toLocaleString('en'), (kids[j].endLine + 1).toLocaleString('en')),
          startLine: kids[i].startLine,
          endLine: kids[j].endLine,
          selectionStartLine: kids[i].selectionStartLine,
          children: [],
        });
      } else for (let x = i; x <= j; x++) out.push(kids[x]);
      i = j + 1;
    }
    node.children = out;
    for (const c of out) grouped(c);
  };
  grouped(root);
  let budget = MAX_OUTLINE_NODES - 1;
  const capped = (node: OutlineNode): void => {
    for (let i = 0; i < node.children.length; i++) {
      if (budget <= 1) {
        const rest = node.children.splice(i);
        const count = rest.reduce((n, c) => n + countNodes(c), 0);
        node.children.push({
          kind: 'more',
          name: count === 1 ? t('… 1 more entry') : t('… {0} more entries', count.toLocaleString('en')),
          detail: t('lines {0}–{1}', (rest[0].startLine + 1).toLocaleString('en'), (rest[rest.length - 1].endLine + 1).toLocaleString('en')),
          startLine: rest[0].startLine,
          endLine: rest[rest.length - 1].endLine,
          selectionStartLine: rest[0].startLine,
          children: [],
        });
        budget--;
        return;
      }
      budget--;
      capped(node.children[i]);
    }
  };
  capped(root);
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}

function clampTree(node: OutlineNode, lastLine: number): void {
  node.startLine = clamp(node.startLine, 0, lastLine);
  node.endLine = clamp(node.endLine, node.startLine, lastLine);
  node.selectionStartLine = clamp(node.selectionStartLine, node.startLine, node.endLine);
  for (const c of node.children) clampTree(c, lastLine);
}

// ---- Folding ------------------------------------------------------------------------------------

/**
 * Folding ranges: each section (heading to its last content line), each related block, each PHP dump
 * and each multi-line record inside it, and each run of junk blocks (blank lines between allowed).
 * Only ranges spanning more than one line; sorted by start line, no duplicates.
 */
export function foldingRanges(article: Article, outline: OutlineNode[] = buildOutline(article)): OutlineFold[] {
  const folds: OutlineFold[] = [];
  const add = (startLine: number, endLine: number, kind?: OutlineFold['kind']): void => {
    if (endLine > startLine) folds.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  const walk = (node: OutlineNode): void => {
    switch (node.kind) {
      case 'section':
        add(node.startLine, node.endLine);
        break;
      case 'related':
      case 'php-dump':
        add(node.startLine, node.endLine, 'region');
        break;
      case 'record':
        if (node.startLine !== node.endLine) add(node.startLine, node.endLine, 'region');
        break;
      default:
        break;
    }
    for (const c of node.children) walk(c);
  };
  for (const n of outline) walk(n);

  // Runs of consecutive junk blocks.
  let runStart = -1;
  let runEnd = -1;
  let runBlocks = 0;
  const flush = (): void => {
    if (runBlocks > 1) add(runStart, runEnd, 'region');
    runStart = runEnd = -1;
    runBlocks = 0;
  };
  for (const b of article.blocks) {
    if (b.kind === 'blank') continue;
    if (JUNK_KINDS.has(b.kind)) {
      if (runStart < 0) runStart = b.startLine;
      runEnd = b.endLine;
      runBlocks++;
    } else flush();
  }
  flush();

  const seen = new Set<string>();
  return folds
    .filter((f) => {
      const k = `${f.startLine}:${f.endLine}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
