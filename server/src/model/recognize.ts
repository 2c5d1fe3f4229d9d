// The line recognizer: which block kind each line of an article is.
//
//  1. Deterministic parts: line splitting, blank lines, and PHP dumps (parsed by phpdump.ts, so a
//     dump is recognized from its grammar, not guessed).
//  2. Every other line (a "content line") gets features (features.ts) and a trained linear-chain
//     CRF (crf.ts, weights in server/data/recognizer.vi.json) labels the sequence of content
//     lines with block kinds, reading each line together with its neighbours' kinds.
//  3. The marginal probability of each line's kind is kept: hovers show it with the features that
//     weighed most, and rules speak more softly where the model is unsure.
import type { BlockKind, LineInfo, PhpDump } from './types';
import { allLineFacts, type LineFacts } from './lines';
import { findDumps } from './phpdump';
import { lineFeatures, type LineCues, type LineFrequency } from './features';
import { decodePosterior, explain, type Constraints, type CrfModel } from './crf';
import type { Knowledge } from './knowledge';

/** The kinds the CRF chooses from (blank lines and parsed dumps are decided before it runs). */
export const RECOGNIZED_KINDS: readonly BlockKind[] = [
  'kicker', 'headline', 'dateline', 'heading', 'paragraph', 'caption', 'byline', 'boilerplate', 'related',
];

export interface Prepared {
  lines: LineInfo[];
  facts: LineFacts[];
  dumps: PhpDump[];
  /** 1 for lines inside a parsed dump. */
  inDump: Uint8Array;
  /** Line indexes of the content lines, in order. */
  content: number[];
  features: string[][];
  cues: LineCues[];
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
export function prepare(text: string, knowledge: Knowledge, frequency?: LineFrequency, dumpLines?: ReadonlySet<number>): Prepared {
  const lines = splitLines(text);
  const facts = allLineFacts(lines);
  const dumps = findDumps(lines.map((l) => l.text));
  const inDump = new Uint8Array(lines.length);
  for (const d of dumps) for (let i = d.startLine; i <= d.endLine; i++) inDump[i] = 1;
  if (dumpLines) for (const i of dumpLines) if (i < lines.length) inDump[i] = 1;
  const content: number[] = [];
  for (let i = 0; i < lines.length; i++) if (!facts[i].blank && !inDump[i]) content.push(i);
  const { features, cues } = lineFeatures({
    lines, facts, content, inDump: (i) => inDump[i] === 1, knowledge, frequency,
  });
  return { lines, facts, dumps, inDump, content, features, cues };
}

export interface Recognition {
  /** Kind of each content line (parallel to Prepared.content). */
  kinds: BlockKind[];
  /** Probability of that kind. */
  confidence: number[];
  /** The runner-up kind and its probability. */
  second: Array<{ kind: BlockKind; p: number }>;
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
const CONTENT_TIE = 0.1;

export function recognize(p: Prepared, model: CrfModel): Recognition {
  const L = model.labels.length;
  const { path, marginals } = decodePosterior(model, p.features, constraintsFor(model));
  const kinds: BlockKind[] = [];
  const confidence: number[] = [];
  const second: Recognition['second'] = [];
  for (let t = 0; t < path.length; t++) {
    const y = path[t];
    kinds.push(model.labels[y] as BlockKind);
    confidence.push(marginals[t * L + y]);
    let s = -1;
    for (let z = 0; z < L; z++) if (z !== y && (s < 0 || marginals[t * L + z] > marginals[t * L + s])) s = z;
    second.push({ kind: model.labels[s] as BlockKind, p: marginals[t * L + s] });
    // junk or the article's text? decided on the summed probabilities of each side, with the tie
    // going to the text; then the most probable kind of that side
    if (JUNK.has(kinds[t]) && p.cues[t].boilerplate === null) { // a known chrome phrase is chrome
      let junk = 0, bestContent = -1;
      for (let z = 0; z < L; z++) {
        const pz = marginals[t * L + z];
        if (JUNK.has(model.labels[z] as BlockKind)) junk += pz;
        else if (bestContent < 0 || pz > marginals[t * L + bestContent]) bestContent = z;
      }
      if (bestContent >= 0 && junk < 1 - junk + CONTENT_TIE) {
        second[t] = { kind: kinds[t], p: confidence[t] };
        kinds[t] = model.labels[bestContent] as BlockKind;
        confidence[t] = marginals[t * L + bestContent];
      }
    }
  }
  return { kinds, confidence, second };
}

/** Words for the features that weighed most (hovers): "ends with a period", "3 words", … */
export function describeFeature(f: string): string {
  const [name, value] = f.split('=');
  const parts = f.split('|');
  if (parts.length > 1) return parts.map(describeFeature).join(' and ');
  switch (name) {
    case 'w': return `${value} words`;
    case 'end': return `ends with ${value === 'none' ? 'nothing' : value === 'period' ? 'a period' : value === 'quest' ? 'a question mark' : value === 'colon' ? 'a colon' : value === 'excl' ? 'an exclamation mark' : value === 'upper' || value === 'lower' ? 'a letter' : value === 'digit' ? 'a digit' : value}`;
    case 'start': return `starts with ${value === 'upper' ? 'a capital' : value === 'lower' ? 'a small letter' : value}`;
    case 'zone': return value === 'head' ? 'before the first long paragraph' : value === 'tail' ? 'after the last long paragraph' : 'between long paragraphs';
    case 'lb': return `${value} long paragraphs above`;
    case 'la': return `${value} long paragraphs below`;
    case 'long': return 'a long paragraph';
    case 'sent': return `${value === '3' ? '3 or more' : value} sentence${value === '1' ? '' : 's'}`;
    case 'caps': return value === 'all' ? 'every word capitalised' : `${value} share of capitalised words`;
    case 'allcaps': return 'in capitals';
    case 'lead': return `leading ${value === 'none' ? 'nothing' : value}`;
    case 'trail': return `trailing ${value === 'none' ? 'nothing' : value}`;
    case 'indent': return value === 'body' ? "indented like the body's paragraphs" : "indented unlike the body's paragraphs";
    case 'pos': return `content line ${value} of the article`;
    case 'rpos': return value === '0' ? 'the last content line' : 'near the end';
    case 'rel': return `at ${Number(value) * 10}–${Number(value) * 10 + 10}% of the article`;
    case 'vsmed': return `${value} compared with the article's lines`;
    case 'shorterThanBoth': return 'shorter than both neighbours';
    case 'muchShorterThanBoth': return 'much shorter than both neighbours';
    case 'gapB': return `gap above: ${value}`;
    case 'gapA': return `gap below: ${value}`;
    case 'bp': return `a site-chrome phrase (${value})`;
    case 'dateline': return 'a date line';
    case 'dateline:valid': return 'a valid date';
    case 'dateline:first': return 'the first date line';
    case 'dateline:notFirst': return 'not the first date line';
    case 'reltime': return 'a relative time (… giờ trước)';
    case 'cap:tail': return 'ends with a photo credit';
    case 'cap:cue': return 'a photo caption cue';
    case 'byl:cue': return 'an author/source cue (Theo, Nguồn…)';
    case 'section': return 'a site section name';
    case 'inlineTeaser': return 'a "Xem thêm" link';
    case 'nameLike': return 'looks like a name';
    case 'nameSlash': return 'name/source (as in Hoàng Phạm/VOV.VN)';
    case 'repeat:later': return 'repeats an earlier line';
    case 'near:earlier': return 'restates an earlier line';
    case 'near:adjacent': return 'restates a neighbouring line';
    case 'df': return `${value} other articles of the corpus have this line`;
    case 'run': return `in a run of ${value} short lines`;
    case 'fw': return `first word "${value}"`;
    case 'f2': return `first words "${value}"`;
    case 'lw': return `last word "${value}"`;
    case 'dumpShape': return 'shaped like PHP dump output';
    default:
      if (/^[pn][12]:/.test(f)) {
        const side = f.startsWith('p') ? 'previous' : 'next';
        return `${side} line ${f.slice(3).replace('len=', 'length ').replace('term=1', 'ends a sentence').replace('term=0', 'does not end a sentence')}`;
      }
      return f;
  }
}

/** Why a line got its kind: the probability and the strongest features, in words. */
export function reasonFor(model: CrfModel, features: readonly string[], kind: BlockKind, p: number, second: { kind: BlockKind; p: number }): string {
  const y = model.labels.indexOf(kind);
  const top = y >= 0 ? explain(model, features, y, 3).map(([f]) => describeFeature(f)) : [];
  const sure = `${Math.round(p * 100)}%`;
  const alt = second.p >= 0.05 ? `; else ${second.kind} ${Math.round(second.p * 100)}%` : '';
  return `${kind} (${sure}${alt})${top.length ? `: ${top.join('; ')}` : ''}`;
}
