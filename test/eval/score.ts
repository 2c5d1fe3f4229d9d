// Scores the engine's report against gold labels, with the definitions of the team's scorer
// (../shared/tools/score.mjs): line accuracy by block kind, dateline ISO matches (first 16
// characters), required defects found, and warnings the gold does not justify.
import type { JsonDiagnostic } from '../../server/src/engine/report';

export interface GoldBlock { kind: string; startLine: number; endLine: number }
export interface GoldDefect { code: string; lines: [number, number]; of?: [number, number]; optional?: boolean; note?: string }
export interface GoldFile { file: string; isoDate: string | null; blocks: GoldBlock[]; defects: GoldDefect[] }

export interface ResultFile {
  file: string;
  article?: { blocks: Array<{ kind: string; startLine: number; endLine: number }>; dateline: { iso: string | null } | null };
  diagnostics: Array<Pick<JsonDiagnostic, 'code' | 'severity' | 'line' | 'endLine'>>;
}

export interface KindTally { gold: number; hit: number; predicted: number }

export interface Tally {
  files: number;
  lines: number;
  hits: number;
  perKind: Map<string, KindTally>;
  dates: number;
  datesRight: number;
  defects: number;
  found: number;
  warnings: number;
  alarms: number;
  misses: string[];
}

export function emptyTally(): Tally {
  return { files: 0, lines: 0, hits: 0, perKind: new Map(), dates: 0, datesRight: 0, defects: 0, found: 0, warnings: 0, alarms: 0, misses: [] };
}

const JUNK = ['boilerplate', 'related', 'php-dump', 'blank'];
const REMOVAL = ['php-dump', 'boilerplate', 'related', 'learned-boilerplate', 'duplicate-paragraph', 'near-duplicate-paragraph', 'whitespace'];

const same = (gold: string, got: string | undefined) => gold === got || (gold === 'paragraph' && got === 'lead') ||
  (gold === 'blank' && (got === undefined || got === 'blank'));

function bump(t: Tally, k: string, f: (v: KindTally) => void): void {
  const v = t.perKind.get(k) ?? { gold: 0, hit: 0, predicted: 0 };
  f(v);
  t.perKind.set(k, v);
}

/** Score one file's report against its gold labels; `text` is the file's text. */
export function scoreFile(g: GoldFile, r: ResultFile | undefined, text: string, t: Tally = emptyTally()): Tally {
  t.files++;
  if (!r) {
    t.misses.push(`${g.file}: no result`);
    return t;
  }
  const got = new Map<number, string>();
  for (const b of r.article?.blocks ?? []) for (let l = b.startLine; l <= b.endLine; l++) got.set(l, b.kind);
  const lines = text.split(/\r\n|\r|\n/);
  const goldAt = new Map<number, string>();
  // empty lines inside a multi-line gold block (a dump, a teaser list) are not scored
  for (const b of g.blocks) for (let l = b.startLine; l <= b.endLine; l++) {
    if (b.kind !== 'blank' && (lines[l - 1] ?? 'x').trim() === '') continue;
    goldAt.set(l, b.kind);
  }
  for (const [l, k] of goldAt) {
    t.lines++;
    bump(t, k, (v) => v.gold++);
    if (same(k, got.get(l))) {
      t.hits++;
      bump(t, k, (v) => v.hit++);
    } else t.misses.push(`${g.file}:${l} gold ${k}, got ${got.get(l) ?? 'nothing'}`);
  }
  for (const [l, k] of got) if (goldAt.has(l)) bump(t, k === 'lead' ? 'paragraph' : k, (v) => v.predicted++);
  if (g.isoDate) {
    t.dates++;
    const iso = String(r.article?.dateline?.iso ?? '');
    if (iso.slice(0, 16) === g.isoDate.slice(0, 16)) t.datesRight++;
    else t.misses.push(`${g.file}: date gold ${g.isoDate}, got ${iso || 'nothing'}`);
  }
  const diags = r.diagnostics.filter((d) => ['1', '2', 'error', 'warning'].includes(String(d.severity).toLowerCase()));
  const overlaps = (d: { line?: number; endLine?: number }, a: number, b: number) => (d.line ?? 0) <= b && (d.endLine ?? d.line ?? 0) >= a;
  for (const d of g.defects) {
    if (d.optional) continue;
    t.defects++;
    if (diags.some((x) => x.code === d.code && overlaps(x, d.lines[0], d.lines[1]))) t.found++;
    else t.misses.push(`${g.file}:${d.lines[0]} defect ${d.code} not found`);
  }
  for (const x of diags) {
    t.warnings++;
    const sawJunk = (a: number, b: number) => {
      for (let l = Math.max(a, x.line ?? 0); l <= Math.min(b, x.endLine ?? x.line ?? 0); l++) if (JUNK.includes(got.get(l) ?? '')) return true;
      return false;
    };
    const explained = g.defects.some((d) => overlaps(x, d.lines[0], d.lines[1]) &&
        (x.code === d.code || !['php-dump', 'boilerplate', 'related'].includes(d.code) || sawJunk(d.lines[0], d.lines[1]))) ||
      g.blocks.some((b) => JUNK.includes(b.kind) && overlaps(x, b.startLine, b.endLine) &&
        ((REMOVAL.includes(x.code) && (b.kind !== 'php-dump' || x.code === 'php-dump' || sawJunk(b.startLine, b.endLine))) || sawJunk(b.startLine, b.endLine)));
    if (!explained) {
      t.alarms++;
      t.misses.push(`${g.file}:${x.line} unexpected ${x.code}`);
    }
  }
  return t;
}

export function addTally(into: Tally, t: Tally): Tally {
  into.files += t.files;
  into.lines += t.lines;
  into.hits += t.hits;
  for (const [k, v] of t.perKind) bump(into, k, (x) => { x.gold += v.gold; x.hit += v.hit; x.predicted += v.predicted; });
  into.dates += t.dates;
  into.datesRight += t.datesRight;
  into.defects += t.defects;
  into.found += t.found;
  into.warnings += t.warnings;
  into.alarms += t.alarms;
  into.misses.push(...t.misses);
  return into;
}

export const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');

/** The headline figures: line accuracy, defect recall, share of warnings not justified by the gold. */
export function figures(t: Tally): { lines: number; defects: number; unjustified: number } {
  return {
    lines: t.lines ? t.hits / t.lines : 1,
    defects: t.defects ? t.found / t.defects : 1,
    unjustified: t.warnings ? t.alarms / t.warnings : 0,
  };
}

export function summaryLine(t: Tally): string {
  const kinds = [...t.perKind.values()].filter((v) => v.gold);
  const macro = kinds.reduce((s, v) => s + v.hit / v.gold, 0) / (kinds.length || 1);
  return `lines ${pct(t.hits, t.lines)} · mean recall over kinds ${(100 * macro).toFixed(1)}% · dates ${t.datesRight}/${t.dates} · ` +
    `defects found ${t.found}/${t.defects} · unexplained warnings ${t.alarms} of ${t.warnings} (${pct(t.alarms, t.warnings)})`;
}

export function kindTable(t: Tally): string {
  const out = ['kind          lines  recall  precision'];
  for (const [k, v] of [...t.perKind].sort()) {
    if (!v.gold) continue;
    out.push(`${k.padEnd(12)} ${String(v.gold).padStart(6)}  ${pct(v.hit, v.gold).padStart(6)}  ${pct(v.hit, v.predicted).padStart(9)}`);
  }
  return out.join('\n');
}
