// The article model: labels every line of a scraped news article with one block kind.
// Pure: text in, Article out. Used by the language server, the rules and the CLI.
//
// Passes, in order:
//  1. split lines (any of \r\n, \r, \n), find blank lines and PHP dump blocks;
//  2. the header: leading junk, dateline, kicker, headline;
//  3. the tail: where site chrome, related teasers and dumps take over from the body;
//  4. the byline at the end of the body;
//  5. the body: paragraphs, headings, captions, boilerplate; near-duplicates of a paragraph
//     (pull quotes, repeated captions) are captions;
//  6. blocks: one per content line, one per dump, one per related run, one per blank run.
import type { Article, Block, BlockKind, LineInfo, ParsedDate } from './types';
import { findDumps } from './phpdump';
import { matchDateline } from './dates';
import {
  type Knowledge, type BoilerplateCategory, defaultKnowledge, boilerplateCategory, hasBylineCue, hasCaptionCue,
  hasCaptionTail, isSectionName, isInlineTeaser,
} from './knowledge';
import { endsSentence, endsWithQuote, fold, isAllCaps, isBlank, isTitleCase, words } from '../text/normalize';
import { candidatePairs, shingles, similarity } from '../text/similarity';

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

/** Features of one non-blank line outside dumps. */
interface Feat {
  line: number;
  folded: string;
  nWords: number;
  terminal: boolean;
  bp: BoilerplateCategory | null;
}

/** A "long paragraph": prose that only the body (or a teaser snippet) has. */
const LONG_PARAGRAPH_WORDS = 25;

function isLongParagraph(f: Feat): boolean {
  return f.bp === null && f.terminal && f.nWords >= LONG_PARAGRAPH_WORDS;
}

/** A short line naming an author or a source: `ĐỖ TRỌNG`, `Lê Toàn`, `Theo Báo Long An`. */
function bylineStrength(k: Knowledge, f: Feat): 'strong' | 'weak' | null {
  if (f.nWords === 0 || f.nWords > k.bylineMaxWords || f.folded.length > 80) return null;
  if (hasBylineCue(k, f.folded) && !/[.!?]$/.test(f.folded.replace(/\)$/, ''))) return 'strong';
  // "Minh Anh (tổng hợp)", "HẢI YẾN (TTXVN)": the name without its parenthetical note
  const bare = f.folded.replace(/\s*\([^()]{1,30}\)$/u, '').replace(/^[-–—(]+|[-–—)]+$/g, '').trim();
  if (f.nWords <= 5 && isAllCaps(bare) && !/\d/.test(bare)) return 'strong';
  if (f.nWords >= 2 && f.nWords <= 4 && isTitleCase(bare) && !/[.!?:;,]$/.test(bare)) return 'weak';
  return null;
}

function bodyKind(k: Knowledge, f: Feat, next: Feat | undefined): { kind: BlockKind; reason: string } {
  if (f.bp) return { kind: 'boilerplate', reason: `site chrome (${f.bp})` };
  const nextIsProse = next !== undefined && next.bp === null && next.nWords > f.nWords;
  if (f.nWords <= k.captionMaxWords && hasCaptionTail(k, f.folded)) {
    return { kind: 'caption', reason: 'ends with a photo credit (Ảnh: …)' };
  }
  if (isInlineTeaser(k, f.folded)) return { kind: 'related', reason: 'a related-article link inside the body' };
  if (/^[-–+•*]\s/u.test(f.folded) || /:["”»]?$/u.test(f.folded)) {
    return { kind: 'paragraph', reason: /:["”»]?$/u.test(f.folded) ? 'a lead-in to what follows' : 'a list item' };
  }
  if (f.terminal) {
    if (/\?["”»]?$/.test(f.folded) && f.nWords <= k.headingMaxWords && nextIsProse) {
      return { kind: 'heading', reason: 'a short question before the text it introduces' };
    }
    if (isShortDescription(f)) return { kind: 'caption', reason: 'one short descriptive sentence between paragraphs (a photo caption)' };
    return { kind: 'paragraph', reason: 'prose ending with final punctuation' };
  }
  if (/^[“"«].*[”"»]$/u.test(f.folded) && f.nWords >= 4) return { kind: 'caption', reason: 'a quotation standing alone (a pull quote)' };
  if (hasCaptionCue(k, f.folded)) return { kind: 'caption', reason: 'a photo caption cue (Ảnh:, Quang cảnh…)' };
  if (endsWithQuote(f.folded) && f.nWords > k.headingMaxWords) return { kind: 'paragraph', reason: 'prose ending with a closing quote' };
  if (f.nWords <= k.headingMaxWords && f.folded.length <= 120) {
    return { kind: 'heading', reason: 'a short line without final punctuation' };
  }
  if (f.nWords > k.captionMaxWords) return { kind: 'paragraph', reason: 'long prose without final punctuation' };
  return { kind: 'caption', reason: 'a descriptive line without final punctuation' };
}

/** One sentence of 6-30 words ending in a period, not a quotation: how photo captions read. */
function isShortDescription(f: Feat): boolean {
  if (f.nWords < 6 || f.nWords > 30 || !/\.$/u.test(f.folded) || /^[“"«(]/u.test(f.folded)) return false;
  // a second sentence inside means prose
  return !/[.!?…]["”»]?\s+\p{Lu}/u.test(f.folded.slice(0, -1));
}

export function parseArticle(input: string, k: Knowledge = defaultKnowledge): Article {
  const hadBom = input.charCodeAt(0) === 0xfeff;
  const text = hadBom ? input.slice(1) : input;
  const lines = splitLines(text);
  const n = lines.length;
  const kind: Array<BlockKind | undefined> = new Array(n);
  const reason: string[] = new Array(n);
  const set = (i: number, kd: BlockKind, why: string) => {
    kind[i] = kd;
    reason[i] = why;
  };

  // 1. blank lines and dumps
  const blank = lines.map((l) => isBlank(l.text));
  const dumps = findDumps(lines.map((l) => l.text));
  const dumpAt = new Map<number, (typeof dumps)[number]>();
  for (const d of dumps) {
    dumpAt.set(d.startLine, d);
    for (let i = d.startLine; i <= d.endLine; i++) set(i, 'php-dump', `PHP ${d.format} output`);
  }
  const feats: Feat[] = [];
  for (let i = 0; i < n; i++) {
    if (blank[i] || kind[i]) continue;
    const raw = lines[i].text;
    const folded = raw.length > 20000 ? fold(raw.slice(0, 20000)) : fold(raw);
    feats.push({
      line: i,
      folded,
      nWords: words(folded).length,
      terminal: endsSentence(folded),
      bp: raw.length > 2000 ? null : boilerplateCategory(k, folded),
    });
  }

  // 2. header
  let headline: number | null = null;
  let kicker: number | null = null;
  let dateline: number | null = null;
  let date: ParsedDate | null = null;
  let h = 0; // index into feats of the first body line
  for (; h < feats.length && h < 12; h++) {
    const f = feats[h];
    if (f.bp) {
      set(f.line, 'boilerplate', `site chrome (${f.bp}) before the article`);
      continue;
    }
    if (headline === null && kicker === null && isSectionLabel(k, f, feats[h + 1])) {
      set(f.line, 'boilerplate', 'a site section label above the headline');
      continue;
    }
    if (dateline === null && f.folded.length < 160) {
      const m = matchDateline(lines[f.line].text);
      if (m) {
        dateline = f.line;
        date = m.date;
        set(f.line, 'dateline', m.date ? `the date ${m.date.iso}` : 'looks like a dateline but the date is not valid');
        continue;
      }
    }
    if (headline !== null) {
      // an author line right by the dateline under the headline
      const prev = feats[h - 1], nxt = feats[h + 1];
      const nearDate = (x: Feat | undefined) => x !== undefined && kind[x.line] === 'dateline' || (x !== undefined && dateline === null && x.folded.length < 160 && matchDateline(lines[x.line].text) !== null);
      if (bylineStrength(k, f) !== null && (nearDate(prev) || nearDate(nxt))) {
        set(f.line, 'byline', 'an author line beside the dateline');
        continue;
      }
      break;
    }
    const next = feats[h + 1];
    if (kicker === null && next && !next.bp && !f.terminal && f.nWords <= k.kickerMaxWords && k.seriesPrefix.test(next.folded)) {
      kicker = f.line;
      set(f.line, 'kicker', 'the series title above a part headline (Bài 2: …)');
      continue;
    }
    if (kicker === null && /:$/.test(f.folded) && f.nWords <= k.kickerMaxWords && next && !next.bp && next.nWords <= 40) {
      kicker = f.line;
      set(f.line, 'kicker', 'a short line ending in a colon before the headline');
      continue;
    }
    if (f.nWords <= 40 && f.folded.length <= 300) {
      headline = f.line;
      set(f.line, 'headline', kicker === null && dateline === null ? 'the first line of the article' : 'the first line after the kicker/dateline');
      continue;
    }
    break; // the article starts straight with prose
  }
  // a dateline a little below the headline (after a sapo or a widget line)
  if (dateline === null) {
    for (let j = h; j < feats.length && j < h + 4; j++) {
      const f = feats[j];
      if (f.folded.length >= 160 || kind[f.line]) continue;
      const m = matchDateline(lines[f.line].text);
      if (m) {
        dateline = f.line;
        date = m.date;
        set(f.line, 'dateline', m.date ? `the date ${m.date.iso}` : 'looks like a dateline but the date is not valid');
        break;
      }
    }
  }
  // a header that ended with a kicker and no headline: the kicker was a paragraph
  if (kicker !== null && headline === null) {
    kind[kicker] = undefined;
    kicker = null;
    h = feats.findIndex((f) => kind[f.line] === undefined);
    if (h < 0) h = feats.length;
  }

  // 3. the tail: the first end-of-article marker after which the body's prose does not resume
  const isLong = feats.map(isLongParagraph);
  const longAfter: number[] = new Array(feats.length + 1).fill(0);
  for (let i = feats.length - 1; i >= 0; i--) longAfter[i] = longAfter[i + 1] + (isLong[i] ? 1 : 0);
  const longTotal = longAfter[0];
  let tail = feats.length; // index into feats
  for (let i = h; i < feats.length; i++) {
    const c = feats[i].bp;
    if (c !== 'share' && c !== 'comment' && c !== 'nav' && c !== 'teaser') continue;
    const after = longAfter[i + 1];
    const before = longTotal - longAfter[i];
    if (after <= Math.max(2, before * 0.25)) {
      tail = i;
      break;
    }
  }

  // 4. the byline: the last author/credit lines of the body; an earlier strong byline ends the body
  // and what follows (not chrome) is related teasers
  let bodyEnd = tail; // exclusive, index into feats
  let end = tail;
  while (end > h && feats[end - 1].bp !== null) end--; // chrome between byline and tail
  // a dateline at the foot of the article, by the byline (`Đăng ngày: 25/10/2023`)
  if (dateline === null && end - 1 > h && feats[end - 1].folded.length < 160) {
    const m = matchDateline(lines[feats[end - 1].line].text);
    if (m) {
      dateline = feats[end - 1].line;
      date = m.date;
      set(dateline, 'dateline', m.date ? `the date ${m.date.iso}` : 'looks like a dateline but the date is not valid');
      end--;
      if (bodyEnd > end) bodyEnd = end + 1;
    }
  }
  let bylineFirst = -1;
  for (let i = end - 1; i >= h && i >= end - 3; i--) {
    const s = bylineStrength(k, feats[i]);
    // a bare name counts as the last line, or right above a credit line (`Đanh Lam` / `Theo TTXVN`)
    if (!s || (s === 'weak' && i !== end - 1 && bylineFirst !== i + 1)) break;
    bylineFirst = i;
  }
  if (bylineFirst < 0) {
    // a strong byline followed only by teaser-like text (fewer long paragraphs than before it)
    for (let i = end - 1; i > h + 2; i--) {
      if (bylineStrength(k, feats[i]) !== 'strong') continue;
      const after = longAfter[i + 1] - longAfter[end];
      const before = longTotal - longAfter[i];
      if (after < before * 0.5 && i - h > (end - h) * 0.5) {
        bylineFirst = i;
        bodyEnd = i + 1;
      }
      break;
    }
  }
  if (bylineFirst >= 0) {
    const last = bodyEnd < tail ? bylineFirst : end - 1;
    for (let i = bylineFirst; i <= last; i++) set(feats[i].line, 'byline', 'an author or source credit at the end of the article');
    if (bodyEnd === tail) bodyEnd = end;
  }

  // 5. the body
  const bodyFeats: Feat[] = [];
  for (let i = h; i < bodyEnd; i++) {
    const f = feats[i];
    if (kind[f.line]) continue;
    bodyFeats.push(f);
  }
  bodyFeats.forEach((f, j) => {
    const r = bodyKind(k, f, bodyFeats[j + 1]);
    set(f.line, r.kind, r.reason);
  });
  markPullQuotes(bodyFeats, kind, reason);

  // the tail: chrome, teasers, dumps
  let inList = false;
  let lastTail = -1;
  for (let i = bodyEnd; i < feats.length; i++) {
    const f = feats[i];
    if (kind[f.line]) continue;
    if (dumps.some((d) => d.startLine > lastTail && d.startLine < f.line)) inList = false;
    lastTail = f.line;
    if (f.bp && f.bp !== 'teaser') {
      set(f.line, 'boilerplate', `site chrome (${f.bp}) after the article`);
      inList = false;
    } else if (f.bp === 'teaser') {
      // `Tin liên quan` heading a list is chrome; `Xem thêm` among the teasers belongs to them
      if (inList) set(f.line, 'related', 'a related-articles link');
      else set(f.line, 'boilerplate', 'the heading of a related-articles list');
    } else {
      set(f.line, 'related', 'a related-article teaser after the article');
      inList = true;
    }
  }

  // 6. blocks
  const blocks: Block[] = [];
  const joined = (a: number, b: number) => lines.slice(a, b + 1).map((l) => l.text).join('\n');
  let i = 0;
  while (i < n) {
    const d = dumpAt.get(i);
    if (d) {
      blocks.push({ kind: 'php-dump', startLine: d.startLine, endLine: d.endLine, text: joined(d.startLine, d.endLine), dump: d, reason: reason[i] });
      i = d.endLine + 1;
      continue;
    }
    if (blank[i]) {
      let j = i;
      while (j + 1 < n && blank[j + 1] && !kind[j + 1]) j++;
      blocks.push({ kind: 'blank', startLine: i, endLine: j, text: joined(i, j) });
      i = j + 1;
      continue;
    }
    const kd = kind[i] ?? 'paragraph';
    if (kd === 'related') {
      // a run of teasers: through blank lines and teaser links, up to the last related line
      let j = i;
      let k2 = i + 1;
      while (k2 < n && (blank[k2] || kind[k2] === 'related' || (kind[k2] === 'boilerplate' && isTeaserLike(feats, k2)))) {
        if (!blank[k2]) j = k2;
        k2++;
      }
      for (let x = i; x <= j; x++) if (!blank[x]) kind[x] = 'related';
      blocks.push({ kind: 'related', startLine: i, endLine: j, text: joined(i, j), reason: reason[i] });
      i = j + 1;
      continue;
    }
    const block: Block = { kind: kd, startLine: i, endLine: i, text: lines[i].text, reason: reason[i] };
    if (kd === 'dateline') block.date = date;
    blocks.push(block);
    i++;
  }

  const byStart = (line: number | null) => (line === null ? null : blocks.find((b) => b.startLine === line) ?? null);
  const headlineBlock = byStart(headline);
  if (headlineBlock) {
    const m = /^(\s*)([^:]{2,80}?)\s*:\s+(?=\S)/u.exec(headlineBlock.text);
    if (m && words(m[2]).length <= 10 && /^\p{Lu}/u.test(m[2]) && words(headlineBlock.text.slice(m[0].length)).length >= 3) {
      headlineBlock.inlineKicker = { startColumn: m[1].length, endColumn: m[1].length + m[2].length, text: m[2] };
    }
  }
  const firstParagraph = blocks.find((b) => b.kind === 'paragraph');
  if (firstParagraph) {
    const m = /^\s*(\(\s*[\p{Lu}\d][\p{L}\d .&]{0,15}\)\s*[-–—:]+)/u.exec(firstParagraph.text);
    if (m) firstParagraph.sourcePrefix = m[1].trim();
  }
  const bylineBlock = blocks.find((b) => b.kind === 'byline') ?? null;
  return {
    text, hadBom, lines, blocks,
    headline: headlineBlock,
    kicker: byStart(kicker),
    dateline: byStart(dateline),
    byline: bylineBlock,
    date,
  };
}

/** A lone site-section name (`Sức khỏe`, `Thời sự`) above a longer headline. */
function isSectionLabel(k: Knowledge, f: Feat, next: Feat | undefined): boolean {
  if (f.terminal || f.nWords > 4 || !next || next.bp || next.terminal) return false;
  if (isSectionName(k, f.folded)) return true;
  return f.nWords <= 2 && !/\d/.test(f.folded) && next.nWords >= 6 && next.nWords <= 40 && matchDateline(next.folded) === null;
}

function isTeaserLike(feats: Feat[], line: number): boolean {
  // linear scan is fine: called only inside related runs, which are short
  const f = feats.find((x) => x.line === line);
  return f?.bp === 'teaser';
}

/**
 * A later block that repeats an earlier paragraph (a pull quote, a caption restating the body, a
 * truncated copy) is not body text: label it a caption. Exact copies keep their kind.
 */
function markPullQuotes(body: Feat[], kind: Array<BlockKind | undefined>, reason: string[]): void {
  const prose = body.filter((f) => (kind[f.line] === 'paragraph' || kind[f.line] === 'caption') && f.nWords >= 6);
  const sets = prose.map((f) => shingles(f.folded, 2));
  const keys = prose.map((f) => f.folded.toLowerCase());
  for (const [a, b] of candidatePairs(sets)) {
    const fa = prose[a], fb = prose[b];
    if (keys[a] === keys[b]) continue;
    const s = similarity(sets[a], sets[b]);
    if (Math.max(s.jaccard, s.aInB, s.bInA) < 0.7) continue;
    const later = fa.line < fb.line ? fb : fa;
    const earlier = later === fa ? fb : fa;
    if (kind[earlier.line] !== 'paragraph') continue;
    // an excerpt (clearly shorter) or an unfinished quote is a caption; a reworded copy of the same
    // length that ends like prose stays a paragraph (a duplicate, flagged by the rules)
    const excerpt = later.nWords <= earlier.nWords * 0.85 || !later.terminal;
    if (excerpt && kind[later.line] === 'paragraph') {
      kind[later.line] = 'caption';
      reason[later.line] = `repeats the paragraph at line ${earlier.line + 1} (a pull quote or caption)`;
    }
  }
}
