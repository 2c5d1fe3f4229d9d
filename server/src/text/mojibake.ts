// Mojibake: UTF-8 bytes read as Windows-1252 or Latin-1 (`Di tÃ­ch lá»ch sá»­` for `Di tích lịch
// sử`), as a crawler that guessed the wrong encoding leaves them. The decoding is shared: the unicode
// rule (rules/unicode.ts) flags and repairs such text, and the line recognizer (model/recognize.ts)
// reads a mangled line as it should read. Data: server/data/mojibake.json.
import data from '../../data/mojibake.json';

// ---- Windows-1252 / Latin-1 bytes ------------------------------------------------------------

/** Character (UTF-16 code unit) -> the byte a cp1252 or Latin-1 decoder read it from (0x80-0xFF only). */
const BYTE_OF = new Map<number, number>();
for (let b = 0x80; b <= 0xff; b++) BYTE_OF.set(b, b); // Latin-1, and C1 controls passed through
for (let i = 0; i < data.cp1252High.length; i++) BYTE_OF.set(data.cp1252High.charCodeAt(i), 0x80 + i);

const ACCEPT: Array<[number, number]> = data.accept.map(([a, b]) => [parseInt(a, 16), parseInt(b, 16)]);
const DROP = new Set(data.dropOnRepair.map((h) => parseInt(h, 16)));
const WEAK_LEADS = new Set(data.weakLeads);
const WEAK_FOLLOWERS = new Set(data.weakFollowers);

function accepted(cp: number): boolean {
  for (const [a, b] of ACCEPT) if (cp >= a && cp <= b) return true;
  return false;
}

function charClass(pred: (byte: number) => boolean): string {
  let s = '';
  for (const [cu, byte] of BYTE_OF) if (pred(byte)) s += '\\u' + cu.toString(16).padStart(4, '0');
  return s;
}
/** A character read from a UTF-8 lead byte (0xC2-0xF4) followed by one read from a continuation byte. */
const CANDIDATE = new RegExp(`[${charClass((b) => b >= 0xc2 && b <= 0xf4)}](?=[${charClass((b) => b <= 0xbf)}])`, 'g');

export interface Unit {
  start: number;
  end: number;
  /** The repaired text ('' for a BOM). */
  repaired: string;
  /** Could be correct text (NGÃ + NBSP): repaired only with other evidence. */
  weak: boolean;
}

/** The UTF-8 sequence whose bytes text[i…] was read from, when it is valid and plausible. */
function decodeAt(text: string, i: number): Unit | null {
  const b0 = BYTE_OF.get(text.charCodeAt(i));
  if (b0 === undefined || b0 < 0xc2 || b0 > 0xf4) return null;
  const n = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : 2;
  if (i + n > text.length) return null;
  let cp = b0 & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
  for (let k = 1; k < n; k++) {
    const b = BYTE_OF.get(text.charCodeAt(i + k));
    if (b === undefined || b > 0xbf) return null;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (n === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) return null;
  if (n === 4 && (cp < 0x10000 || cp > 0x10ffff)) return null;
  if (!accepted(cp)) return null;
  const weak = n === 2 && WEAK_LEADS.has(text[i]) && WEAK_FOLLOWERS.has(text[i + 1]);
  return { start: i, end: i + n, repaired: DROP.has(cp) ? '' : String.fromCodePoint(cp), weak };
}

/** Every decodable sequence in text, in order, not overlapping. */
export function scanUnits(text: string): Unit[] {
  const units: Unit[] = [];
  const re = new RegExp(CANDIDATE.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const u = decodeAt(text, m.index);
    if (u) {
      units.push(u);
      re.lastIndex = u.end;
    }
  }
  return units;
}

const isLower = (ch: string | undefined): boolean => ch !== undefined && /\p{Ll}/u.test(ch);

/**
 * A weak unit is kept when the text has unambiguous mojibake or the unit sits inside a lower-case
 * word: after a lower-case letter (lÃ+NBSP for là), or before one unless it ends in a NBSP (CÃ´ng for
 * Công, but XÃ+NBSP+người is correct text).
 */
export function keepUnit(text: string, u: Unit, evidence: boolean): boolean {
  return !u.weak || evidence || isLower(text[u.start - 1]) || (text[u.end - 1] !== '\u00A0' && isLower(text[u.end]));
}

export function replaceUnits(s: string, units: readonly Unit[]): string {
  let out = '', at = 0;
  for (const u of units) {
    out += s.slice(at, u.start) + u.repaired;
    at = u.end;
  }
  return out + s.slice(at);
}

/** Text repaired once, repaired again while it still has unambiguous mojibake (twice-encoded text). */
export function repairDeeper(s: string): string {
  for (let pass = 0; pass < 2; pass++) {
    const units = scanUnits(s);
    if (!units.some((u) => !u.weak)) break;
    s = replaceUnits(s, units);
  }
  return s;
}

/** Repairs every mojibake sequence of s (s is known to be mojibake), twice-encoded text included. */
export function repairMojibake(s: string): string {
  return repairDeeper(replaceUnits(s, scanUnits(s)));
}

/** What correct text looks like after a UTF-8 -> Windows-1252 mix-up (browser-style: undefined bytes as C1 controls). */
export function toMojibake(s: string): string {
  const high = data.cp1252High;
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += b >= 0x80 && b <= 0x9f ? high[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** A character that may begin a mangled sequence, followed by one that may go on with it: the cheap first look. */
const MAYBE = new RegExp(CANDIDATE.source);

/**
 * How each line of a text should read when the text holds mojibake: the line with its mangled
 * sequences repaired (the unicode rule's repair), or null for a line that reads as written. Null
 * when the text holds no unambiguous mojibake (a weak sequence alone, `XÃ` and a NBSP, may be
 * correct text). `base` gives a line's reading before this one (a tag-prefixed scrape's), if any.
 */
export function repairedReadings(lines: ReadonlyArray<{ readonly text: string }>, base: ReadonlyArray<string | null> | null): Array<string | null> | null {
  let units: Unit[][] | null = null;
  let evidence = false;
  for (let i = 0; i < lines.length; i++) {
    const text = base?.[i] ?? lines[i].text;
    if (!MAYBE.test(text)) continue;
    const found = scanUnits(text);
    if (found.length === 0) continue;
    units ??= new Array<Unit[]>(lines.length);
    units[i] = found;
    if (found.some((u) => !u.weak)) evidence = true;
  }
  if (!units || !evidence) return null;
  // (with unambiguous mojibake in the text, every sequence found is repaired, the weak ones too: keepUnit)
  return lines.map((l, i) => (units![i] ? repairDeeper(replaceUnits(base?.[i] ?? l.text, units![i])) : base?.[i] ?? null));
}

