// Dateline recognition and date parsing. Pure module: no `vscode`, no I/O.
//
// Everything language-specific (prefix words, weekday names, month/year words, hour markers,
// morning/afternoon markers, timezone names, source lead words) lives in ../../data/dates.vi.json.
// The code only knows digits, punctuation and the shapes dates take; dates are read day-first.
//
// How it works: the line is normalised into a working string (NFC per grapheme, lower-cased,
// diacritics stripped, odd spaces and dashes unified) that keeps, for every UTF-16 unit, the range of
// the original string it came from, so columns are reported into the ORIGINAL text. The working
// string is cut into pieces (date, time, timezone, known word, separator, whitespace, unknown); a
// dateline is a short line whose pieces are all known, except possibly a short capitalised source
// (`| Báo Long An`) at either end.

import type { ParsedDate } from './types';
import data from '../../data/dates.vi.json';

export interface DatelineMatch {
  /** The parsed date; null when the line looks like a dateline but the date is impossible (31/02/2023). */
  date: ParsedDate | null;
  /** How sure we are that the line is a dateline, 0..1. */
  confidence: number;
}

// ---- Language data ---------------------------------------------------------------------------

interface DateData {
  fold: Record<string, string>;
  prefixes: string[];
  connectors: string[];
  weekdays: Record<string, number>;
  monthWords: string[];
  monthNames: Record<string, number>;
  monthNamesAlone: Record<string, number>;
  yearWords: string[];
  hourMarkers: string[];
  minuteMarkers: string[];
  secondMarkers: string[];
  meridiem: { am: string[]; pm: string[]; noon: string[]; night: string[] };
  timezonePrefixes: string[];
  timezoneNames: Record<string, number>;
  sourceLeadWords: string[];
  publicationCues: string[];
  maxSourceWords: number;
  epochOffsetMinutes: number;
}

const D: DateData = data;

/** Longest a dateline may be (UTF-16 units, after trimming). */
const MAX_DATELINE_LENGTH = 160;
/** Longest a leading/trailing source segment may be. */
const MAX_SOURCE_LENGTH = 60;
/** Two-digit years below this are 20xx, the rest 19xx. */
const TWO_DIGIT_YEAR_PIVOT = 70;

// ---- Normalisation with a column map ---------------------------------------------------------

interface Norm {
  /** Working string: lower-cased, diacritics stripped, spaces/dashes unified. */
  text: string;
  /** For each UTF-16 unit of `text`: the original range it came from. */
  start: number[];
  end: number[];
}

const foldCache = new Map<string, string>();
const ODD_SPACE = /^[\s\u200b-\u200d\u2060\ufeff]$/u;
const DASH = /^[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]$/u;

function foldCodePoint(cp: string): string {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let r: string;
  if (ODD_SPACE.test(cp)) r = ' ';
  else if (DASH.test(cp)) r = '-';
  else {
    let lower = cp.toLowerCase();
    if ([...lower].length !== 1) lower = cp;
    lower = D.fold[lower] ?? lower;
    r = lower.normalize('NFD').replace(/\p{M}/gu, '');
  }
  foldCache.set(cp, r);
  return r;
}

const GRAPHEME = /\P{M}\p{M}*|\p{M}+/gu;

function normalize(text: string): Norm {
  let out = '';
  const start: number[] = [];
  const end: number[] = [];
  for (const m of text.matchAll(GRAPHEME)) {
    const os = m.index;
    const oe = os + m[0].length;
    for (const cp of m[0].normalize('NFC')) {
      const f = foldCodePoint(cp);
      out += f;
      for (let k = 0; k < f.length; k++) {
        start.push(os);
        end.push(oe);
      }
    }
  }
  return { text: out, start, end };
}

/** Fold a data entry the same way the text is folded, with single spaces. */
function foldPhrase(s: string): string {
  return normalize(s).text.trim().replace(/\s+/g, ' ');
}

// ---- Patterns built from the data -----------------------------------------------------------

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Alternation of folded phrases, longest first, inner spaces matching any whitespace run. */
function alternation(phrases: Iterable<string>): string {
  const set = new Set<string>();
  for (const p of phrases) {
    const f = foldPhrase(p);
    if (f) set.add(f);
  }
  const list = [...set].sort((a, b) => b.length - a.length);
  return list.map((p) => p.split(' ').map(escapeRe).join('\\s+')).join('|');
}

/** Map folded phrase -> value. */
function foldedMap<V>(rec: Record<string, V>): Map<string, V> {
  const m = new Map<string, V>();
  for (const [k, v] of Object.entries(rec)) m.set(foldPhrase(k), v);
  return m;
}

type MeridiemKind = keyof DateData['meridiem'];
const MERIDIEM = new Map<string, MeridiemKind>();
for (const kind of Object.keys(D.meridiem) as MeridiemKind[]) {
  for (const w of D.meridiem[kind]) MERIDIEM.set(foldPhrase(w), kind);
}
const WEEKDAYS = foldedMap(D.weekdays);
const MONTH_NAMES = foldedMap(D.monthNames);
const MONTH_ALONE = foldedMap(D.monthNamesAlone);
const TZ_NAMES = foldedMap(D.timezoneNames);
const PREFIXES = new Set(D.prefixes.map(foldPhrase));
const CONNECTORS = new Set(D.connectors.map(foldPhrase));
const SOURCE_LEAD = new Set(D.sourceLeadWords.map(foldPhrase));

/** No letter follows. */
const NL = '(?![\\p{L}])';
/** Neither letter nor digit follows. */
const NLD = '(?![\\p{L}\\p{N}])';

/** Day-part words that may stand alone (`Sáng 14/3/2023`); two-letter abbreviations (SA, CH, AM, PM) only follow a time. */
const STANDALONE_MERIDIEM = [...MERIDIEM.keys()].filter((w) => w.replace(/[^\p{L}]/gu, '').length > 2);
const MER = `(?:\\s*(${alternation(MERIDIEM.keys())})${NLD})?`;
const LB_NUM = '(?<!\\d|\\d[.\\/:-])';

const RE = {
  // 2023-03-14, 2023/3/14 (year first only with four digits)
  iso: new RegExp(`${LB_NUM}(\\d{4})([-\\/.])(\\d{1,2})\\2(\\d{1,2})(?!\\d|\\2\\d)`, 'uy'),
  // 14/03/2023, 14 / 3 / 23
  dmySlash: new RegExp(`${LB_NUM}(\\d{1,2})\\s*\\/\\s*(\\d{1,2})\\s*\\/\\s*(\\d{4}|\\d{2})(?!\\d|\\/[\\p{L}\\d])`, 'uy'),
  // 14-03-2023, 14.03.2023
  dmyOther: new RegExp(`${LB_NUM}(\\d{1,2})([.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?!\\d|\\2\\d)`, 'uy'),
  // 06 08 2019 (a CMS that prints the parts apart, a scraper that dropped the slashes); 28 06, 2017
  // (a WordPress theme's numeric "d m, Y"): single spaces, a four-digit year only
  dmySpace: new RegExp(`${LB_NUM}(\\d{1,2}) (\\d{1,2}),? ((?:19|20)\\d{2})(?![\\d.,:\\/-])`, 'uy'),
  // 14 tháng 3 năm 2023, 14 tháng 3, 2023, 14 tháng Ba 2023
  text: new RegExp(
    `(?<!\\d)(\\d{1,2})\\s*(?:${alternation(D.monthWords)})\\s*(\\d{1,2}(?!\\d)|(?:${alternation(MONTH_NAMES.keys())})${NL})` +
      `\\s*[,\\/-]?\\s*(?:(?:${alternation(D.yearWords)})${NL}\\s*)?(\\d{4})(?!\\d)`,
    'uy',
  ),
  // 2 November 2025, 2nd Nov. 2025, 03 avril 2022 (month names without a month word)
  dayName: new RegExp(
    `(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er)?\\s*(?:of\\s+)?(${alternation(MONTH_ALONE.keys())})${NL}\\.?\\s*,?\\s*(\\d{4})(?!\\d)`,
    'uy',
  ),
  // November 2, 2025 / Nov 2 2025 (month name first)
  nameDay: new RegExp(
    `(?<![\\p{L}])(${alternation(MONTH_ALONE.keys())})${NL}\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)\\s*,?\\s*(\\d{4})(?!\\d)`,
    'uy',
  ),
  // tháng 11 02, 2025 (Blogger's Vietnamese "MMMM dd, yyyy": month word, month, day, comma, year);
  // Tháng Một 15, 2024 (WordPress's Vietnamese "F j, Y": the month by its name)
  monthWordFirst: new RegExp(
    `(?<![\\p{L}])(?:${alternation(D.monthWords)})\\s*(\\d{1,2}|(?:${alternation(MONTH_NAMES.keys())})${NL})\\s+(\\d{1,2})\\s*,\\s*(\\d{4})(?!\\d)`,
    'uy',
  ),
  // 31-12-2018_15-00-00 (a crawler's timestamp made safe for a file name: day-month-year, an
  // underscore, hour-minute-second)
  dmyUnderscoreTime: new RegExp(`${LB_NUM}(\\d{1,2})-(\\d{1,2})-(\\d{4})_(\\d{1,2})-(\\d{2})-(\\d{2})(?![\\d_-])`, 'uy'),
  // 09:02, 2:16:46, 09:02:04.123, 8:30 SA; 18:21:00.0 (Java's java.sql.Timestamp prints the
  // fraction of a second with as many digits as it needs, up to nine)
  timeColon: new RegExp(`${LB_NUM}(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?(?![\\d:])${MER}`, 'uy'),
  // Feb 07 13:35:00 GMT+07:00 2025, Thu Feb 06 20:09:00 ICT 2025 (Java's java.util.Date.toString(),
  // as a Java CMS prints its posts' dates; also C's asctime without the zone): the month's name,
  // the day, the time, a zone or not, and the year last. The date piece is the month and day; the
  // time and the zone are read as pieces of their own; the year (group 3) is read with the date.
  nameDayTimeYear: new RegExp(
    `(?<![\\p{L}])(${alternation(MONTH_ALONE.keys())})${NL}\\.?\\s+(\\d{1,2})(?=\\s+\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s+[\\p{L}]{2,5}(?:[+-]\\d{1,2}(?::?\\d{2})?)?)?\\s+(\\d{4})(?![\\d:]))`,
    'uyd',
  ),
  // 15h30, 15h, 15 giờ 30 phút, 9 giờ sáng
  timeMarker: new RegExp(
    `${LB_NUM}(\\d{1,2})\\s*(?:${alternation(D.hourMarkers)})${NL}` +
      `(?:\\s*(\\d{1,2})(?!\\d|\\s*[\\/.]\\s*\\d|-\\d)(?:\\s*(?:${alternation(D.minuteMarkers)})${NL})?` +
      `(?:\\s*(\\d{1,2})(?!\\d)\\s*(?:${alternation(D.secondMarkers)})${NL})?)?${MER}`,
    'uy',
  ),
  // GMT+7, GMT+07:00, UTC, with or without brackets
  tzOffset: new RegExp(
    `([\\[(]\\s*)?(?:${alternation(D.timezonePrefixes)})(?:\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?)?${NLD}(\\s*[\\])])?`,
    'uy',
  ),
  // ICT, (giờ Hà Nội)
  tzName: new RegExp(`([\\[(]\\s*)?(${alternation(TZ_NAMES.keys())})${NL}(\\s*[\\])])?`, 'uy'),
  // +07:00 directly after a time
  tzBare: /([+-])(\d{2}):?(\d{2})(?!\d)/y,
  words: new RegExp(
    `(?<![\\p{L}])(${alternation([...PREFIXES, ...CONNECTORS, ...WEEKDAYS.keys(), ...STANDALONE_MERIDIEM])})${NLD}`,
    'uy',
  ),
  ws: /\s+/y,
  sep: /[|\\/\-,;:.·•~*_#>»«<"'“”‘’„[\](){}+=&!?…]/y,
  unknown: /\p{L}+|\p{N}+|[^]/uy,
};

// ---- Pieces ----------------------------------------------------------------------------------

interface TimeVal {
  hour: number;
  minute: number;
  second: number;
  valid: boolean;
}

type Piece =
  | { kind: 'ws' | 'sep' | 'unknown'; s: number; e: number }
  | { kind: 'date'; s: number; e: number; year: number; month: number; day: number; twoDigitYear: boolean; valid: boolean }
  | { kind: 'time'; s: number; e: number; t: TimeVal }
  | { kind: 'tz'; s: number; e: number; offset: number }
  | { kind: 'word'; s: number; e: number; cls: 'prefix' | 'connector' | 'weekday' | 'meridiem'; weekday?: number };

type DatePiece = Extract<Piece, { kind: 'date' }>;
type TimePiece = Extract<Piece, { kind: 'time' }>;
type TzPiece = Extract<Piece, { kind: 'tz' }>;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function makeDate(s: number, e: number, y: string, m: number, d: number): DatePiece {
  let year = Number(y);
  const twoDigitYear = y.length === 2;
  if (twoDigitYear) year += year < TWO_DIGIT_YEAR_PIVOT ? 2000 : 1900;
  const valid = year >= 1000 && year <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(year, m);
  return { kind: 'date', s, e, year, month: m, day: d, twoDigitYear, valid };
}

function makeTime(h: string, mi: string | undefined, se: string | undefined, mer: string | undefined): TimeVal {
  let hour = Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = se === undefined ? 0 : Number(se);
  const kind = mer === undefined ? undefined : MERIDIEM.get(mer.replace(/\s+/g, ' '));
  if (kind && hour <= 12) {
    if (kind === 'am') hour = hour === 12 ? 0 : hour;
    else if (kind === 'pm') hour = hour === 12 ? 12 : hour + 12;
    else if (kind === 'noon') hour = hour <= 5 ? hour + 12 : hour;
    else if (kind === 'night') hour = hour === 12 ? 0 : hour >= 6 ? hour + 12 : hour;
  }
  const valid = hour <= 23 && minute <= 59 && second <= 59;
  return { hour, minute, second, valid };
}

function validOffset(sign: string, h: string, m: string | undefined): number | null {
  const hours = Number(h);
  const minutes = m === undefined ? 0 : Number(m);
  if (hours > 14 || minutes > 59) return null;
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** A month as matched after a month word: its number (`3`, `03`) or its name (`ba`, `muoi hai`); 0 if neither. */
function monthOf(s: string): number {
  return /^\d/.test(s) ? Number(s) : (MONTH_NAMES.get(s.replace(/\s+/g, ' ')) ?? 0);
}

/** Lazily cut the working string into pieces. */
function* scan(t: string): Generator<Piece> {
  let pos = 0;
  let prev: Piece | undefined;
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos;
    return re.exec(t);
  };
  /**
   * Pieces a match read ahead, given out when the scan reaches them: the time of a crawler's
   * `31-12-2018_15-00-00` (after its date and underscore), the year of a Java date
   * (`Feb 07 13:35:00 GMT+07:00 2025`, after its time and zone).
   */
  const ahead: Piece[] = [];
  while (pos < t.length) {
    let p: Piece | undefined;
    let m: RegExpExecArray | null;
    const due = ahead.findIndex((x) => x.s === pos);
    if (due >= 0) {
      p = ahead.splice(due, 1)[0]!;
      pos = p.e;
      prev = p;
      yield p;
      continue;
    }
    const c = t.charCodeAt(pos);
    const isDigit = c >= 48 && c <= 57;
    // month names and month words start with a-z in the working string (lower-cased, diacritics stripped)
    const isAsciiLetter = c >= 97 && c <= 122;
    if (isDigit && (m = at(RE.dmyUnderscoreTime))) {
      const dateEnd = pos + m[1]!.length + m[2]!.length + m[3]!.length + 2;
      p = makeDate(pos, dateEnd, m[3]!, Number(m[2]), Number(m[1]));
      ahead.push({ kind: 'time', s: dateEnd + 1, e: pos + m[0].length, t: makeTime(m[4]!, m[5], m[6], undefined) });
    } else if (isDigit && (m = at(RE.iso))) p = makeDate(pos, pos + m[0].length, m[1]!, Number(m[3]), Number(m[4]));
    else if (isDigit && (m = at(RE.dmySlash))) {
      // day first, unless only the month-first reading is a date (9/21/2022)
      const a = Number(m[1]), b = Number(m[2]);
      p = b > 12 && a >= 1 && a <= 12 && b <= 31 ? makeDate(pos, pos + m[0].length, m[3]!, a, b) : makeDate(pos, pos + m[0].length, m[3]!, b, a);
    }
    else if (isDigit && (m = at(RE.dmyOther))) p = makeDate(pos, pos + m[0].length, m[4]!, Number(m[3]), Number(m[1]));
    else if (isDigit && (m = at(RE.dmySpace))) p = makeDate(pos, pos + m[0].length, m[3]!, Number(m[2]), Number(m[1]));
    else if (isDigit && (m = at(RE.text))) {
      p = makeDate(pos, pos + m[0].length, m[3]!, monthOf(m[2]!), Number(m[1]));
    } else if (isDigit && (m = at(RE.dayName))) {
      p = makeDate(pos, pos + m[0].length, m[3]!, MONTH_ALONE.get(m[2]!) ?? 0, Number(m[1]));
    } else if (isAsciiLetter && (m = at(RE.nameDayTimeYear))) {
      p = makeDate(pos, pos + m[0].length, m[3]!, MONTH_ALONE.get(m[1]!) ?? 0, Number(m[2]));
      // (the year, after the time and zone, read as a word that joins them: the date holds it already)
      const [ys, ye] = m.indices![3]!;
      ahead.push({ kind: 'word', s: ys, e: ye, cls: 'connector' });
    } else if (isAsciiLetter && (m = at(RE.nameDay))) {
      p = makeDate(pos, pos + m[0].length, m[3]!, MONTH_ALONE.get(m[1]!) ?? 0, Number(m[2]));
    } else if (isAsciiLetter && (m = at(RE.monthWordFirst))) {
      p = makeDate(pos, pos + m[0].length, m[3]!, monthOf(m[1]!), Number(m[2]));
    } else if (isDigit && ((m = at(RE.timeColon)) || (m = at(RE.timeMarker)))) {
      p = { kind: 'time', s: pos, e: pos + m[0].length, t: makeTime(m[1]!, m[2], m[3], m[4]) };
    } else if ((m = at(RE.tzOffset)) && !(m[1] && !m[5])) {
      const off = m[2] === undefined ? 0 : validOffset(m[2], m[3]!, m[4]);
      if (off !== null) p = { kind: 'tz', s: pos, e: pos + m[0].length - (m[1] ? 0 : (m[5]?.length ?? 0)), offset: off };
    } else if ((m = at(RE.tzName)) && !(m[1] && !m[3])) {
      const offset = TZ_NAMES.get(m[2]!.replace(/\s+/g, ' ')) ?? 0;
      p = { kind: 'tz', s: pos, e: pos + m[0].length - (m[1] ? 0 : (m[3]?.length ?? 0)), offset };
    }
    if (!p && prev?.kind === 'time' && prev.e === pos) {
      // Directly after a time: ISO offset or Z. A crawler's second ISO 'T' before the offset
      // (18:55:13T+07:00) goes with the offset; so does the offset that an RSS or e-mail date
      // (RFC 2822: 'Thu, 19 Sep 2024 03:00:00 +0700') puts one space after the time.
      const skip =
        (t[pos] === 't' || t[pos] === ' ') && (t[pos + 1] === '+' || t[pos + 1] === '-') ? 1 : 0;
      RE.tzBare.lastIndex = pos + skip;
      if ((m = RE.tzBare.exec(t))) {
        const off = validOffset(m[1]!, m[2]!, m[3]);
        if (off !== null) p = { kind: 'tz', s: pos, e: pos + skip + m[0].length, offset: off };
      } else if (t[pos] === 'z' && !/[\p{L}\p{N}]/u.test(t[pos + 1] ?? '')) p = { kind: 'tz', s: pos, e: pos + 1, offset: 0 };
    }
    if (!p && prev?.kind === 'date' && prev.e === pos && t[pos] === 't' && /\d/.test(t[pos + 1] ?? '')) {
      p = { kind: 'sep', s: pos, e: pos + 1 }; // ISO 'T' between date and time
    }
    if (!p && (m = at(RE.words))) {
      const w = m[1]!.replace(/\s+/g, ' ');
      const weekday = WEEKDAYS.get(w);
      const e = pos + m[0].length;
      if (weekday !== undefined) p = { kind: 'word', s: pos, e, cls: 'weekday', weekday };
      else if (CONNECTORS.has(w)) p = { kind: 'word', s: pos, e, cls: 'connector' };
      else if (PREFIXES.has(w)) p = { kind: 'word', s: pos, e, cls: 'prefix' };
      else p = { kind: 'word', s: pos, e, cls: 'meridiem' };
    }
    if (!p && (m = at(RE.ws))) p = { kind: 'ws', s: pos, e: pos + m[0].length };
    if (!p && (m = at(RE.sep))) p = { kind: 'sep', s: pos, e: pos + m[0].length };
    if (!p) {
      m = at(RE.unknown)!;
      p = { kind: 'unknown', s: pos, e: pos + m[0].length };
    }
    pos = p.e;
    prev = p;
    yield p;
  }
}

// ---- Grouping a date with its time and timezone ----------------------------------------------

interface Group {
  date: DatePiece;
  time?: TimePiece;
  tz?: TzPiece;
  weekday?: number;
}

function isGlue(p: Piece): boolean {
  return p.kind === 'ws' || p.kind === 'sep' || (p.kind === 'word' && p.cls !== 'prefix');
}

/**
 * Attach to the date at `di` the time and timezone around it (after it, or before it when nothing
 * follows), crossing only whitespace, separators, connectors, weekdays and day-part words.
 * With `strict` false, invalid times are ignored instead of attached.
 */
function group(pieces: Piece[], di: number, strict: boolean): Group {
  const date = pieces[di] as DatePiece;
  const g: Group = { date };
  const usable = (p: TimePiece): boolean => strict || p.t.valid;
  for (let j = di + 1; j < pieces.length; j++) {
    const p = pieces[j]!;
    if (p.kind === 'word' && p.cls === 'weekday') g.weekday ??= p.weekday;
    if (isGlue(p)) continue;
    if (p.kind === 'time' && !g.time && usable(p)) g.time = p;
    else if (p.kind === 'tz' && !g.tz) g.tz = p;
    else break;
  }
  for (let j = di - 1; j >= 0; j--) {
    const p = pieces[j]!;
    if (p.kind === 'word' && p.cls === 'weekday') g.weekday ??= p.weekday;
    if (isGlue(p)) continue;
    if (p.kind === 'time' && !g.time && usable(p)) {
      g.time = p;
    } else if (p.kind === 'tz' && !g.tz && !g.time) g.tz = p;
    else break;
  }
  return g;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function toParsed(g: Group, norm: Norm): ParsedDate | null {
  const { date, time, tz } = g;
  if (!date.valid || (time && !time.t.valid)) return null;
  let iso = `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
  if (time) iso += `T${pad(time.t.hour)}:${pad(time.t.minute)}:${pad(time.t.second)}`;
  if (tz && time) {
    const a = Math.abs(tz.offset);
    iso += `${tz.offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
  }
  const s = Math.min(date.s, time?.s ?? Infinity, tz?.s ?? Infinity);
  const e = Math.max(date.e, time?.e ?? -1, tz?.e ?? -1);
  return {
    iso,
    year: date.year,
    month: date.month,
    day: date.day,
    ...(time ? { hour: time.t.hour, minute: time.t.minute, second: time.t.second } : {}),
    ...(tz ? { offsetMinutes: tz.offset } : {}),
    startColumn: norm.start[s]!,
    endColumn: norm.end[e - 1]!,
  };
}

/**
 * A line holding only a Unix time stamp in seconds (`1570090649` or `1570090649.0`, as crawlers
 * store `timeCreatePost`), between 2000 and 2035: read in the sites' own time zone (D.epochOffsetMinutes).
 */
function epochDate(line: string): ParsedDate | null {
  const m = /^(\s*)(\d{9,10})(?:\.\d{1,6})?\s*$/.exec(line);
  if (!m) return null;
  const secs = Number(m[2]);
  if (secs < 946684800 || secs > 2051222400) return null;
  const offset = D.epochOffsetMinutes;
  const t = new Date((secs + offset * 60) * 1000);
  const a = Math.abs(offset);
  const iso = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}` +
    `${offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
  return {
    iso, year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(),
    hour: t.getUTCHours(), minute: t.getUTCMinutes(), second: t.getUTCSeconds(), offsetMinutes: offset,
    startColumn: m[1].length, endColumn: line.trimEnd().length,
  };
}

// ---- Source segments (`| Báo Long An`) --------------------------------------------------------

const SOURCE_SEPARATORS = new Set(['|', '-', '/', ',', ':', '(', '[', '·', '•', '~']);

/** Is `region` (original text, separator already stripped) a plausible short source/author? */
function isSource(region: string): boolean {
  const trimmed = region.trim();
  if (!trimmed || trimmed.length > MAX_SOURCE_LENGTH) return false;
  const chunks = trimmed.split(/[\s\u200b]+/u).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
  if (chunks.length === 0 || chunks.length > D.maxSourceWords) return false;
  // An all-capitals run of several words is a shouted headline, not a source (`TTXVN`, `VOV` are fine).
  if (chunks.length > 2 && chunks.every((w) => w === w.toUpperCase() && /\p{Lu}/u.test(w))) return false;
  return chunks.every((w) => {
    if (!/\p{L}/u.test(w)) return false;
    const first = [...w].find((ch) => /\p{L}/u.test(ch))!;
    if (first !== first.toLowerCase() && first === first.toUpperCase()) return true; // capitalised
    if (/[.@]/.test(w) && /\p{L}[.@]\p{L}/u.test(w)) return true; // domain or e-mail
    return SOURCE_LEAD.has(foldPhrase(w));
  });
}

/** A Markdown link of a few words (a section or an author), with a separator after or before it. */
const MARKDOWN_LINK_SOURCE = /^[\s|,:·•-]*\[([^\[\]\n]{1,60})\]\((?:[^()\s]|\([^()\s]*\))+\)[\s|,:·•-]*$/u;

function isLinkSource(region: string): boolean {
  const m = MARKDOWN_LINK_SOURCE.exec(region);
  if (!m) return false;
  const words = m[1]!.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length > 0 && words.length <= D.maxSourceWords && !/\p{Nd}/u.test(m[1]!);
}

function sliceOrig(line: string, norm: Norm, s: number, e: number): string {
  if (e <= s) return '';
  return line.slice(norm.start[s]!, norm.end[e - 1]!);
}

// ---- Public API ------------------------------------------------------------------------------

/**
 * Is this whole line a dateline (a date/time, optionally with prefix words, weekday, time,
 * timezone, separators like | - , and maybe a short leading/trailing source such as
 * "| Báo Long An")? Null when it is not. `date` is null when the line looks like a dateline but
 * the date or time is impossible (31/02/2023, 25:10).
 */
export function matchDateline(line: string): DatelineMatch | null {
  if (typeof line !== 'string') return null;
  const trimmedLength = line.trim().length;
  if (trimmedLength === 0 || trimmedLength > MAX_DATELINE_LENGTH) return null;
  // every date the scanner reads starts with a digit (of any script, normalize() folds them)
  if (!/\p{Nd}/u.test(line)) return null;
  const epoch = epochDate(line);
  if (epoch) return { date: epoch, confidence: 0.6 };
  const norm = normalize(line);
  const pieces = [...scan(norm.text)];
  const dateIdx = pieces.findIndex((p) => p.kind === 'date');
  if (dateIdx < 0) return null;

  const known = (p: Piece): boolean => p.kind === 'date' || p.kind === 'time' || p.kind === 'tz' || p.kind === 'word';
  let first = -1;
  let last = -1;
  pieces.forEach((p, i) => {
    if (known(p)) {
      if (first < 0) first = i;
      last = i;
    }
  });
  for (let i = first; i <= last; i++) if (pieces[i]!.kind === 'unknown') return null;

  // Leading / trailing unknown material must be a short source set off by a separator.
  let hasSource = false;
  const edge = (from: number, to: number, sepAtEnd: boolean): boolean => {
    // pieces[from..to) is the region outside the known span
    const region = pieces.slice(from, to);
    if (!region.some((p) => p.kind === 'unknown')) return true;
    // A Markdown scrape's category link beside the date: '[Thời sự](https://…/thoi-su) 18:00 | 22/12/2025'.
    if (region.length > 0 && isLinkSource(sliceOrig(line, norm, region[0]!.s, region[region.length - 1]!.e))) {
      hasSource = true;
      return true;
    }
    const inner = sepAtEnd ? [...region].reverse() : region;
    let k = 0;
    while (k < inner.length && inner[k]!.kind === 'ws') k++;
    const sep = inner[k];
    if (!sep || sep.kind !== 'sep') return false;
    const sepChar = norm.text.slice(sep.s, sep.e);
    if (!SOURCE_SEPARATORS.has(sepChar) && !(sepAtEnd && (sepChar === ')' || sepChar === ']'))) return false;
    const rest = inner.slice(k + 1);
    if (rest.length === 0) return true;
    const s = Math.min(...rest.map((p) => p.s));
    const e = Math.max(...rest.map((p) => p.e));
    if (!isSource(sliceOrig(line, norm, s, e))) return false;
    hasSource = true;
    return true;
  };
  if (!edge(last + 1, pieces.length, false)) return null;
  if (!edge(0, first, true)) return null;

  const g = group(pieces, dateIdx, true);
  const date = toParsed(g, norm);

  let confidence = 0.85;
  if (g.time) confidence += 0.1;
  if (g.tz || pieces.some((p) => p.kind === 'word' && (p.cls === 'prefix' || p.cls === 'weekday'))) confidence += 0.05;
  if (hasSource) confidence -= 0.2;
  if (g.date.twoDigitYear) confidence -= 0.1;
  if (pieces.filter((p) => p.kind === 'date').length > 1) confidence -= 0.1;
  if (date && g.weekday !== undefined && new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() !== g.weekday) {
    confidence -= 0.2;
  }
  if (!date) confidence -= 0.3;
  confidence = Math.round(Math.min(1, Math.max(0.05, confidence)) * 100) / 100;
  return { date, confidence };
}

/**
 * Find the first valid date expression inside arbitrary text (for hovers), day-first, together with
 * an adjacent time and timezone. Columns are offsets into `text` (UTF-16 units). Impossible dates
 * are skipped.
 */
export function findDate(text: string): ParsedDate | null {
  if (typeof text !== 'string' || !/\d/.test(text)) return null;
  const norm = normalize(text);
  const pieces: Piece[] = [];
  const it = scan(norm.text);
  let found = -1;
  for (let r = it.next(); !r.done; r = it.next()) {
    const p = r.value;
    pieces.push(p);
    if (found >= 0) {
      if (p.kind === 'unknown' || p.kind === 'date' || (p.kind === 'word' && p.cls === 'prefix')) break;
      continue;
    }
    if (p.kind === 'date' && p.valid) found = pieces.length - 1;
  }
  if (found < 0) return null;
  return toParsed(group(pieces, found, false), norm);
}

/** Longest a line may be to state the publication time among other words (a category, an author). */
const MAX_PUBLICATION_LINE = 140;
const PUBLICATION_CUES = D.publicationCues.map((c) => c.toLowerCase());

/**
 * The date of a line that states the article's publication time among other words — a publication
 * cue of the language data (`cập nhật`, `đăng bởi`, `published`) and a valid date: `Xã hội | Cập nhật
 * thứ hai, ngày 24/12/12 11:05 tối`. Null for any other line, and for a long one (prose that
 * mentions an update).
 */
export function publicationDate(line: string): ParsedDate | null {
  if (typeof line !== 'string' || !/\d/.test(line)) return null;
  const t = line.trim();
  if (t.length === 0 || t.length > MAX_PUBLICATION_LINE) return null;
  const lower = t.normalize('NFC').toLowerCase();
  if (!PUBLICATION_CUES.some((c) => lower.includes(c))) return null;
  return findDate(t);
}
