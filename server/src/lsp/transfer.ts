// What the analysis worker (analysisWorker.ts) sends back to the language server's main thread, in
// a form that copies fast. postMessage copies an object graph one object at a time: a file of
// millions of short lines has millions of line objects and hundreds of thousands of findings, and
// copying them (and collecting the copies) took longer than the analysis itself. So:
//  - the article's lines are not sent (offThread.ts toWire/fromWire: the main thread splits the
//    text again);
//  - the findings travel as numbers in one transferable buffer and a table of their strings, each
//    distinct string once; a finding of an unusual shape (related locations, a sidecar, a key this
//    file does not know) travels as it is.
// unpackFindings(packFindings(f)) is deep-equal to f (transfer.test.ts).
import type { Finding, Fix, Severity, TextEdit } from '../rules/types';

export interface PackedFindings {
  /** The findings' strings (codes, severities, messages, hashes, fix titles, replacement texts), each once. */
  strings: string[];
  /** Per finding: 0 and its fields (see pack), or 1 and an index into `whole`. */
  nums: Int32Array;
  /** Findings, fixes and related locations sent as they are. */
  whole: unknown[];
  count: number;
}

const FINDING_KEYS = new Set(['code', 'severity', 'demoted', 'message', 'start', 'end', 'fixes', 'hash']);
const FIX_KEYS = new Set(['title', 'edits', 'applicability']);
/** Fix.applicability and Finding.demoted as numbers (0: absent). */
const APPLICABILITY = [undefined, 'safe', 'unsafe'] as const;
const DEMOTION = [undefined, 'style', 'unsure', 'text'] as const;
const EDIT_KEYS = new Set(['start', 'end', 'newText']);

function only(o: object, keys: ReadonlySet<string>): boolean {
  for (const k in o) if (!keys.has(k)) return false;
  return true;
}

function plain(f: Finding): boolean {
  if (!only(f, FINDING_KEYS) || typeof f.start !== 'number' || typeof f.end !== 'number' || !Array.isArray(f.fixes)) return false;
  for (const fix of f.fixes) {
    if (!only(fix, FIX_KEYS) || !Array.isArray(fix.edits) || !APPLICABILITY.includes(fix.applicability)) return false;
    for (const e of fix.edits) if (!only(e, EDIT_KEYS) || typeof e.start !== 'number' || typeof e.end !== 'number' || typeof e.newText !== 'string') return false;
  }
  return typeof f.code === 'string' && typeof f.severity === 'string' && typeof f.message === 'string' && DEMOTION.includes(f.demoted) && (f.hash === undefined || typeof f.hash === 'string');
}

/** Offsets are UTF-16 offsets into a text: they fit in 32 bits. */
export function packFindings(findings: readonly Finding[]): PackedFindings {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const whole: unknown[] = [];
  let nums = new Int32Array(Math.max(64, findings.length * 12));
  let n = 0;
  const put = (v: number) => {
    if (n === nums.length) {
      const bigger = new Int32Array(nums.length * 2);
      bigger.set(nums);
      nums = bigger;
    }
    nums[n++] = v;
  };
  for (const f of findings) {
    if (!plain(f)) {
      put(1);
      put(whole.push(f) - 1);
      continue;
    }
    put(0);
    put(f.start);
    put(f.end);
    put(str(f.code));
    put(str(f.severity));
    put(DEMOTION.indexOf(f.demoted));
    put(str(f.message));
    put(f.hash === undefined ? -1 : str(f.hash));
    put(f.fixes.length);
    for (const fix of f.fixes) {
      put(str(fix.title));
      put(APPLICABILITY.indexOf(fix.applicability));
      put(fix.edits.length);
      for (const e of fix.edits) {
        put(e.start);
        put(e.end);
        put(str(e.newText));
      }
    }
  }
  return { strings, nums: nums.slice(0, n), whole, count: findings.length };
}

export function unpackFindings(p: PackedFindings): Finding[] {
  const { strings, nums, whole } = p;
  const out: Finding[] = new Array(p.count);
  let n = 0;
  for (let k = 0; k < p.count; k++) {
    if (nums[n++] === 1) {
      out[k] = whole[nums[n++]] as Finding;
      continue;
    }
    const start = nums[n++];
    const end = nums[n++];
    const code = strings[nums[n++]];
    const severity = strings[nums[n++]] as Severity;
    const demoted = DEMOTION[nums[n++]];
    const message = strings[nums[n++]];
    const hash = nums[n++];
    const fixes: Fix[] = new Array(nums[n++]);
    for (let x = 0; x < fixes.length; x++) {
      const title = strings[nums[n++]];
      const applicability = APPLICABILITY[nums[n++]];
      const edits: TextEdit[] = new Array(nums[n++]);
      for (let y = 0; y < edits.length; y++) {
        edits[y] = { start: nums[n], end: nums[n + 1], newText: strings[nums[n + 2]] };
        n += 3;
      }
      fixes[x] = applicability === undefined ? { title, edits } : { title, edits, applicability };
    }
    const f: Finding = demoted === undefined ? { code, severity, message, start, end, fixes } : { code, severity, demoted, message, start, end, fixes };
    if (hash >= 0) f.hash = strings[hash];
    out[k] = f;
  }
  return out;
}
