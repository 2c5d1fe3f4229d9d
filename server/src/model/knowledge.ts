// Language and site knowledge, loaded from data files (server/data/*.json) and extended by the
// project file (.corpus-curator.json). Code asks questions; the data holds the phrases.
import data from '../../data/article.vi.json';
import recognizerData from '../../data/recognizer.vi.json';
import { fold } from '../text/normalize';
import { modelFromJson, type CrfJson, type CrfModel } from './crf';

export type BoilerplateCategory = 'widget' | 'share' | 'comment' | 'nav' | 'footer' | 'teaser' | 'punct' | 'markup' | 'code' | 'custom';

interface PhraseSet {
  exact: Set<string>;
  /** The exact phrases without the arrows, bullets or colon a header carries (`tags:` → `tags`). */
  bareExact: Set<string>;
  prefix: string[];
  contains: string[];
  /** For captions: phrases that mark a caption when found near the end of a line. */
  tailContains?: string[];
}

export interface Knowledge {
  boilerplate: Array<{ category: BoilerplateCategory; phrases: PhraseSet }>;
  captionCues: PhraseSet;
  bylineCues: PhraseSet;
  /** Site section labels (Thời sự, Sức khỏe…) that stand alone above a headline. */
  sectionNames: Set<string>;
  /** Series part markers that start a headline (`Bài 2:`): the line above is a kicker. */
  seriesPrefix: RegExp;
  /** Phrases that start an inline related-article link inside the body (`Xem thêm: …`). */
  inlineTeaserPrefixes: string[];
  /** Whole-line chrome phrases split into tokens, by category, for lines made of several widgets. */
  chromeTokens: Map<string, Array<{ tokens: string[]; category: BoilerplateCategory }>>;
  /** The boilerplate lists' phrases as one index (phraseCategory), built with them. */
  boilerplateIndex: PhraseIndex;
  kickerMaxWords: number;
  headingMaxWords: number;
  captionMaxWords: number;
  bylineMaxWords: number;
  /** A credit of both the text and the photos (`tin, ảnh:`), the start of a byline (phraseKey form). */
  textAndPhotoCredit: string[];
  /** Words that open an organisation's or an administrative unit's name (`sở`, `chi cục`, `huyện`: phraseKey form). */
  organisationWords: string[];
  /** Function words (lower case): their share of a line's syllables tells prose from chrome. */
  functionWords: Set<string>;
  /** Words of classified ads (lower case phrases). */
  commerceCues: string[];
  /** The first cell of a table's header row (`stt`, `tt`: the row-number column), lower case. */
  tableHeaders: ReadonlySet<string>;
  /** A crawler's URL field, the whole line (`URL: https://…`, `# Link: https://…`). */
  urlField: RegExp;
  /** A line that opens with a quantity and its unit (`30g hạt kê`, `2 muỗng bột năng`): a recipe's ingredient. */
  quantityLine: RegExp;
  /** The Wayback Machine's toolbar saved atop a page: the lines (phraseKey form) that open and close it. */
  webArchiveToolbar: { opens: ReadonlySet<string>; closes: ReadonlySet<string> };
  /** Verse meters: the words (syllables) of a poem's lines in turn (lục bát: 6, 8), and how many lines in a row make a poem. */
  verse: { meters: ReadonlyArray<readonly number[]>; minLines: number };
  /** The trained line recognizer (server/data/recognizer.vi.json; scripts: npm run train). */
  recognizer: CrfModel;
}

/** The comparison key for phrases: folded whitespace, lower case. */
export function phraseKey(text: string): string {
  // Vietnamese has no locale-specific case mapping: the plain lower case is the same, and much faster
  return fold(text).toLowerCase();
}

/** A header's arrows, bullets, Markdown heading marks and colon. */
const DECORATION_HEAD = /^[>»›•·*+#\-–—\s]+/u;
const DECORATION_TAIL = /[\s:>»›]+$/u;
const HASHTAG_LIST = /^(?:#[^#\s][^#]{0,60}){2,}$/u;

function bareKey(key: string): string {
  return key.replace(DECORATION_HEAD, '').replace(DECORATION_TAIL, '');
}

function phraseSet(src: { exact?: string[]; prefix?: string[]; contains?: string[]; tailContains?: string[] }): PhraseSet {
  return {
    exact: new Set((src.exact ?? []).map(phraseKey)),
    bareExact: new Set((src.exact ?? []).map((p) => bareKey(phraseKey(p))).filter(Boolean)),
    prefix: (src.prefix ?? []).map((p) => p.toLocaleLowerCase('vi')),
    contains: (src.contains ?? []).map((p) => p.toLocaleLowerCase('vi')),
    tailContains: (src.tailContains ?? []).map((p) => p.toLocaleLowerCase('vi')),
  };
}

const CHROME_SEPARATORS = /[\s|•·/,;]+/u;

function chromeTokenIndex(boilerplate: Knowledge['boilerplate']): Knowledge['chromeTokens'] {
  const index: Knowledge['chromeTokens'] = new Map();
  for (const b of boilerplate) {
    if (b.category === 'teaser') continue;
    for (const phrase of b.phrases.exact) {
      const tokens = phrase.split(CHROME_SEPARATORS).filter(Boolean);
      if (tokens.length === 0) continue;
      const list = index.get(tokens[0]) ?? [];
      list.push({ tokens, category: b.category });
      index.set(tokens[0], list);
    }
  }
  return index;
}

const END_MARKING: BoilerplateCategory[] = ['share', 'comment', 'nav', 'footer', 'custom', 'widget'];

/** A short line made only of chrome phrases (`Chia sẻ Facebook Twitter Copy link`, `In bài | Gửi email`). */
function chromeSequence(k: Knowledge, key: string): BoilerplateCategory | null {
  if (key.length > 120) return null;
  const tokens = key.split(CHROME_SEPARATORS).filter(Boolean);
  if (tokens.length < 2 || tokens.length > 16) return null;
  // reach[i]: categories of a segmentation of tokens[0, i), or undefined when none
  const reach: Array<BoilerplateCategory[] | undefined> = new Array(tokens.length + 1);
  reach[0] = [];
  for (let i = 0; i < tokens.length; i++) {
    const here = reach[i];
    if (!here) continue;
    for (const p of k.chromeTokens.get(tokens[i]) ?? []) {
      const j = i + p.tokens.length;
      if (j > tokens.length || reach[j]) continue;
      if (p.tokens.every((t, x) => tokens[i + x] === t)) reach[j] = [...here, p.category];
    }
  }
  const cats = reach[tokens.length];
  if (!cats || cats.length < 2) return null;
  return END_MARKING.find((c) => cats.includes(c)) ?? 'widget';
}

function matches(set: PhraseSet, key: string): boolean {
  if (set.exact.has(key)) return true;
  for (const p of set.prefix) if (key.startsWith(p)) return true;
  for (const c of set.contains) if (key.includes(c)) return true;
  return false;
}

export interface KnowledgeExtras {
  /** Extra boilerplate lines (whole-line phrases) from the project file. */
  boilerplate?: string[];
  /** Another recognizer (the evaluation passes models trained without the article's source). */
  recognizer?: CrfModel;
}

let defaultRecognizer: CrfModel | undefined;
function shippedRecognizer(): CrfModel {
  return (defaultRecognizer ??= modelFromJson(recognizerData as unknown as CrfJson));
}

export function loadKnowledge(extras: KnowledgeExtras = {}): Knowledge {
  const boilerplate = data.boilerplate.map((b) => ({
    category: b.category as BoilerplateCategory,
    phrases: phraseSet(b as { exact?: string[]; prefix?: string[]; contains?: string[] }),
  }));
  if (extras.boilerplate?.length) {
    boilerplate.push({ category: 'custom', phrases: phraseSet({ exact: extras.boilerplate }) });
  }
  return {
    boilerplate,
    captionCues: phraseSet(data.captionCues),
    bylineCues: phraseSet(data.bylineCues),
    sectionNames: new Set(data.sectionNames.map(phraseKey)),
    seriesPrefix: new RegExp(`^(?:${data.seriesPrefixes.join('|')})`, 'iu'),
    inlineTeaserPrefixes: data.inlineTeaserPrefixes.map((p) => p.toLocaleLowerCase('vi')),
    chromeTokens: chromeTokenIndex(boilerplate),
    boilerplateIndex: phraseIndex(boilerplate),
    kickerMaxWords: data.kickerMaxWords,
    headingMaxWords: data.headingMaxWords,
    captionMaxWords: data.captionMaxWords,
    bylineMaxWords: data.bylineMaxWords,
    textAndPhotoCredit: (data.textAndPhotoCredit as string[]).map(phraseKey),
    organisationWords: (data.organisationWords as string[]).map(phraseKey),
    functionWords: new Set(data.functionWords),
    commerceCues: data.commerceCues,
    tableHeaders: new Set((data.tableHeaders as string[]).map((h) => h.toLocaleLowerCase('vi'))),
    quantityLine: quantityLine(data.quantityUnits as string[]),
    verse: { meters: data.verseMeters as number[][], minLines: data.verseMinLines as number },
    urlField: urlField(data.urlFieldLabels as string[]),
    webArchiveToolbar: {
      opens: new Set((data.webArchiveToolbar.opens as string[]).map(phraseKey)),
      closes: new Set((data.webArchiveToolbar.closes as string[]).map(phraseKey)),
    },
    recognizer: extras.recognizer ?? shippedRecognizer(),
  };
}

export const defaultKnowledge: Knowledge = loadKnowledge();

/** A phrase of the data files as a regular expression that matches it literally. */
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Markdown heading marks or none, a label, a colon, one web address and nothing else. */
function urlField(labels: readonly string[]): RegExp {
  const alt = labels.map((l) => escapeRegExp(l).replace(/ /g, '\\s+')).join('|');
  return new RegExp(`^\\s*(?:#{1,6}\\s*)?(?:${alt})\\s*:\\s*(?:https?:\\/\\/|www\\.)\\S+\\s*$`, 'iu');
}

/** A bullet or none, a number (`30`, `1,5`, `1/2`), its unit, then no more letters of that word. */
function quantityLine(units: readonly string[]): RegExp {
  const alt = [...units].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  return new RegExp(`^\\s*(?:[-•*+]\\s*)?\\d+(?:[.,/]\\d+)?\\s*(?:${alt})(?![\\p{L}\\p{M}])`, 'iu');
}

/**
 * A line that is only an image's markup, as Markdown scrapes and raw HTML keep it: `![alt](url "title")`,
 * the same inside a link (`[![alt](src)](href)`), or an `<img …>` tag. Not text of the article: its
 * alt text repeats the caption under it.
 */
const MARKDOWN_IMAGE = /^\s*(?:\[\s*)?!\[[^\]\n]{0,500}\]\(\s*[^\s)]+(?:\s+"[^"\n]*")?\s*\)(?:\]\(\s*[^\s)]+(?:\s+"[^"\n]*")?\s*\))?\s*$/u;
const HTML_IMAGE = /^\s*<img\b[^<>]*>\s*$/iu;
export function isImageMarkup(line: string): boolean {
  const c = line.trimStart().charCodeAt(0);
  return (c === 0x21 || c === 0x5b) ? MARKDOWN_IMAGE.test(line) : c === 0x3c ? HTML_IMAGE.test(line) : false;
}

/**
 * A line that is only the page's code, no text between: a server template's directive
 * (`<%@ page language="java" … %>`, `<?php … ?>`, `{% … %}`, `{{ … }}`), a document type, an HTML
 * comment, or HTML tags (`<div class="…">`, `</p>`, `<br/>`). A saved page's source left at the top
 * of a scrape. A tag around words (`<b>Hà Nội</b>`) is not: its words are text.
 */
const PAGE_CODE_PIECE = String.raw`(?:<%[^%]{0,400}%>|<\?(?:php|xml|=)[^?]{0,400}\?>|\{%[^%]{0,400}%\}|\{\{[^{}]{0,400}\}\}|<!(?:DOCTYPE|doctype)\b[^<>]{0,400}>|<!--(?:(?!-->)[^]){0,400}-->|<\/?[A-Za-z][A-Za-z0-9:-]{0,30}(?:\s[^<>]{0,400})?\/?>)`;
const PAGE_CODE = new RegExp(String.raw`^\s*${PAGE_CODE_PIECE}(?:\s*${PAGE_CODE_PIECE}){0,20}\s*$`, 'u');
export function isPageCode(line: string): boolean {
  const c = line.trimStart().charCodeAt(0);
  return (c === 0x3c || c === 0x7b) && line.length <= 800 && PAGE_CODE.test(line);
}

/** A line of punctuation and symbols only (`.`, `...`, `*`, `|`, `--`), no letters or digits. */
export function isLonePunctuation(text: string): boolean {
  if (text.length > 200) return false;
  const f = fold(text);
  return f.length > 0 && f.length <= 12 && !/[\p{L}\p{N}]/u.test(f);
}

/**
 * The boilerplate phrase lists read as one index: the category of the first list (in the data
 * file's order) that holds the key exactly, a prefix of it or (on a line of notice length) a phrase
 * inside it. Prefixes are looked up by their first character, so a line costs a few comparisons
 * instead of one per phrase.
 */
interface PhraseIndex {
  /** Each exact phrase, with the first list holding it. */
  exact: Map<string, number>;
  /** Prefixes by their first character (-1: the empty prefix), each with its list. */
  prefixByChar: Map<number, PrefixEntry[]>;
  contains: Array<{ c: string; list: number }>;
}

interface PrefixEntry { p: string; list: number; colon: boolean }

function phraseIndex(lists: Knowledge['boilerplate']): PhraseIndex {
  const ix: PhraseIndex = { exact: new Map(), prefixByChar: new Map(), contains: [] };
  lists.forEach((b, list) => {
    for (const e of b.phrases.exact) if (!ix.exact.has(e)) ix.exact.set(e, list);
    for (const p of b.phrases.prefix) {
      const c = p.length ? p.charCodeAt(0) : -1;
      const at = ix.prefixByChar.get(c) ?? [];
      at.push({ p, list, colon: p.endsWith(':') });
      ix.prefixByChar.set(c, at);
    }
    for (const c of b.phrases.contains) ix.contains.push({ c, list });
  });
  return ix;
}

/** The lowest list below `best` among the prefixes `at` of `key` that count on a line that long. */
function firstPrefix(at: readonly PrefixEntry[] | undefined, key: string, best: number): number {
  if (at) for (const x of at) if (x.list < best && key.startsWith(x.p) && (x.colon || key.length < 200)) best = x.list;
  return best;
}

/** The category of the first boilerplate list that knows `key` (a phraseKey of at most 400 characters), or null. */
export function phraseCategory(k: Knowledge, key: string): BoilerplateCategory | null {
  const ix = k.boilerplateIndex;
  let best = ix.exact.get(key) ?? k.boilerplate.length;
  best = firstPrefix(ix.prefixByChar.get(-1), key, best);
  if (key.length) best = firstPrefix(ix.prefixByChar.get(key.charCodeAt(0)), key, best);
  // 'contains' phrases only count on lines of notice length, not inside long prose
  if (key.length < 400) for (const x of ix.contains) if (x.list < best && key.includes(x.c)) best = x.list;
  return best < k.boilerplate.length ? k.boilerplate[best].category : null;
}

/** Which kind of site chrome a line is, or null. `lineKey`, when given, is phraseKey(line). */
export function boilerplateCategory(k: Knowledge, line: string, lineKey?: string): BoilerplateCategory | null {
  if (line.length > 800) return null; // chrome is short; prose this long is never a widget
  if (isLonePunctuation(line)) return 'punct';
  if (isImageMarkup(line)) return 'markup';
  if (isPageCode(line)) return 'code';
  const key = lineKey ?? phraseKey(line);
  if (key.length > 400) return null;
  const found = phraseCategory(k, key);
  if (found !== null) return found;
  // a header with or without its arrows or colon: `>> Cùng chủ đề`, `» Tin khác:`, `từ khóa` for `từ khóa:`
  if (key.length <= 60) {
    const bare = bareKey(key);
    if (bare !== '') for (const b of k.boilerplate) if (b.phrases.bareExact.has(bare)) return b.category;
  }
  // a tag list: hashtags and nothing else (`#anh hùng liệt sĩ #Thành ủy TP.HCM`)
  if (key.charCodeAt(0) === 0x23 && HASHTAG_LIST.test(key)) return 'share';
  const seq = chromeSequence(k, key);
  if (seq) return seq;
  // widgets separated by bars or bullets, some with counts: `In bài | Gửi cho bạn bè | Lượt xem: 2.187`
  if (key.length <= 160 && /[|•·]/u.test(key)) {
    const parts = key.split(/\s*[|•·]\s*/u).filter(Boolean);
    if (parts.length >= 2) {
      const cats = parts.map((part) => wholeOrPrefix(k, part));
      if (cats.every((c) => c !== null)) return END_MARKING.find((c) => cats.includes(c)) ?? 'widget';
    }
  }
  // breadcrumbs: "Thời sự » Trong nước", "Trang chủ > Tin tức", "Tin tức > Nhà đất > Đầu tư - Quy hoạch"
  // (a section of up to four words; a dash or an ampersand between them is not a word)
  if (/^[^.!?]{1,80}$/u.test(key) && /\s[»>›/]\s/u.test(key) && key.split(/\s[»>›/]\s/u).every((p) => p.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length <= 4)) {
    return 'nav';
  }
  return null;
}


function wholeOrPrefix(k: Knowledge, key: string): BoilerplateCategory | null {
  for (const b of k.boilerplate) {
    if (b.phrases.exact.has(key)) return b.category;
    for (const p of b.phrases.prefix) if (key.startsWith(p)) return b.category;
  }
  return chromeSequence(k, key);
}

/** `Xem thêm: <title>` inside the body: a related-article link. */
export function isInlineTeaser(k: Knowledge, line: string): boolean {
  // cheap look at the start first: almost no line is one
  const head = line.slice(0, 40).trimStart().toLowerCase();
  if (!k.inlineTeaserPrefixes.some((p) => head.startsWith(p.slice(0, 4)))) return false;
  const key = phraseKey(line);
  return key.length < 300 && k.inlineTeaserPrefixes.some((p) => key.startsWith(p) && key.length > p.length + 8);
}

/** @param tail hasCaptionTail(k, line), when the caller knows it already */
export function hasCaptionCue(k: Knowledge, line: string, key = phraseKey(line), tail?: boolean): boolean {
  return matches(k.captionCues, key) || (tail ?? hasCaptionTail(k, line));
}

/** A photo credit at the end of a line (`… (Ảnh: Minh Thoa).`): a caption even with a final period. */
export function hasCaptionTail(k: Knowledge, line: string): boolean {
  const tail = phraseKey(line.slice(-60));
  return (k.captionCues.tailContains ?? []).some((c) => tail.includes(c));
}

export function isSectionName(k: Knowledge, line: string, key = phraseKey(line)): boolean {
  return k.sectionNames.has(key.replace(/[:»>›]+$/u, '').trim());
}

/** Does a line (its phraseKey) open as a credit of both the text and the photos (`tin, ảnh: …`)? */
export function isTextAndPhotoCredit(k: Knowledge, key: string): boolean {
  return k.textAndPhotoCredit.some((c) => key.startsWith(c));
}

export function hasBylineCue(k: Knowledge, line: string, key = phraseKey(line)): boolean {
  return matches(k.bylineCues, key);
}
