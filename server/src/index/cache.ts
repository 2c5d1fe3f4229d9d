// The index cache: the summaries of a corpus saved in the extension's storage folder, so that
// reopening a large corpus re-reads only the files that changed (by mtime and size).
//
// Format (versioned): JSON lines. The first line is the header {format, version, engine, config,
// savedAt, count}; each further line is one summary keyed by its `file` (absolute path), with the
// file's mtimeMs and size. Lines are written and parsed a few hundred at a time with a turn of the
// event loop in between, so that a 10,000-file cache does not stall the language server. A cache that
// is missing, corrupt, of another version, or made by another engine or configuration is ignored
// (never an error); a corrupt line loses only its entry. Written atomically. Something other than a
// regular file at the cache path (a FIFO, a link to a device) is neither read nor written over: the
// service reports it and rebuilds the index from the files.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Config } from '../engine/config';
import { INDEX_CACHE_MAX_BYTES, kindOf, readRegularFile, writeChunksAtomic } from '../io/files';
import { isDocSummary, type DocSummary } from './corpus';
import { hash64 } from './keys';
import { NUM_HASHES, type Signature } from './minhash';
import { yieldToEvents } from '../io/events';

export const CACHE_FILE = 'corpus-index.jsonl';
export const CACHE_FORMAT = 'corpus-curator-index';
/** Bump when DocSummary or what summarize() computes changes. */
export const CACHE_VERSION = 2;

/** On disk: a signature is base64 of its 64 little-endian uint32 (half the size of a JSON array). */
type StoredSummary = Omit<DocSummary, 'signature'> & { signature: string | null };

interface CacheHeader {
  format: typeof CACHE_FORMAT;
  version: number;
  /** Identifies the engine build (see engineStamp); a different engine's summaries are not reused. */
  engine: string;
  /** configKey() of the configuration the summaries were made with. */
  config: string;
  savedAt: string;
  /** Number of summary lines that follow. */
  count: number;
}

/** Lines handled between two turns of the event loop. */
const CHUNK = 200;

/**
 * The part of a configuration that changes summaries of every file: rule severities, options and
 * extra boilerplate phrases. Ignored findings and reviewed files are left out: they concern single
 * files (IndexService re-summarizes those when the ignore list changes).
 */
export function configKey(config: Config): string {
  const rules = Object.keys(config.rules).sort().map((k) => [k, config.rules[k]]);
  const options = Object.keys(config.options).sort().map((k) => [k, (config.options as unknown as Record<string, unknown>)[k]]);
  return hash64(JSON.stringify({ rules, options, boilerplate: config.boilerplate }));
}

function encodeSignature(sig: Signature | null): string | null {
  if (!sig) return null;
  const u = os.endianness() === 'LE' ? sig : Uint32Array.from(sig, (x) => ((x & 0xff) << 24 | (x & 0xff00) << 8 | (x >>> 8) & 0xff00 | x >>> 24) >>> 0);
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');
}

function decodeSignature(s: unknown): Signature | null | undefined {
  if (s === null) return null;
  if (typeof s !== 'string') return undefined;
  const b = Buffer.from(s, 'base64');
  if (b.length !== NUM_HASHES * 4) return undefined;
  // a small buffer sits in Node's pool at an offset aligned to 8: the signature is a view of the
  // bytes as they were decoded, nothing copied (the pool's slab holds 32 of them)
  if (b.byteOffset % 4 === 0 && os.endianness() === 'LE') return new Uint32Array(b.buffer, b.byteOffset, NUM_HASHES);
  const out = new Uint32Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
}

export interface CacheIdentity {
  engine: string;
  config: string;
}

/**
 * Loads the summaries saved in `storageDir`, or an empty map when there is no usable cache (missing,
 * unreadable, corrupt header, another format version, engine or configuration). A cache that is not
 * a regular file (a FIFO, a link) or is larger than INDEX_CACHE_MAX_BYTES is not read, and `report` says so. Lines that do not
 * parse or validate are dropped one by one, as are summaries without mtimeMs/size (they cannot be checked).
 */
export async function loadCache(storageDir: string, id: CacheIdentity, report?: (problem: string) => void): Promise<Map<string, DocSummary>> {
  const out = new Map<string, DocSummary>();
  const file = path.join(storageDir, CACHE_FILE);
  // read in pieces and parsed line by line as they come: the cache of 100k articles is never one
  // string (read whole, it took a warm start's peak RSS past 1 GB)
  // (lines are cut from the bytes: in UTF-8 no byte of a character but '\n' is 0x0a, and a line is
  // decoded alone, without a decoded piece of 4 MB split into lines first)
  let rest: Buffer | undefined;
  let header: boolean | undefined; // undefined: not read yet; false: not this engine's cache
  let n = 0;
  const line = (text: string): void => {
    if (header === undefined) {
      header = usableHeader(text, id);
      return;
    }
    if (!header || text === '') return;
    const s = parseStored(text);
    if (s) out.set(s.file, s);
  };
  try {
    // only a regular file, not through a link, within the cap: a FIFO there would never answer
    const r = await readRegularFile(file, {
      maxBytes: INDEX_CACHE_MAX_BYTES,
      noFollow: true,
      onChunk: async (piece) => {
        if (header === false) return;
        const buf = rest ? Buffer.concat([rest, piece]) : piece;
        rest = undefined;
        let start = 0;
        for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
          line(buf.toString('utf8', start, nl));
          start = nl + 1;
          if (++n % CHUNK === 0) await yieldToEvents();
        }
        // a copy: the piece's memory is read into again
        if (start < buf.length) rest = Buffer.from(buf.subarray(start));
      },
    });
    if (!r.ok) {
      report?.(`the index cache ${file} is not used (${r.reason}); the index is rebuilt from the files`);
      return new Map();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') report?.(`cannot read the index cache ${file} (${(e as Error).message}); the index is rebuilt from the files`);
    return new Map();
  }
  if (rest) line(rest.toString('utf8'));
  return header ? out : new Map();
}

/** Is this the header of a cache this engine and config can use? */
function usableHeader(text: string, id: CacheIdentity): boolean {
  let header: Partial<CacheHeader> | null;
  try {
    header = JSON.parse(text) as Partial<CacheHeader> | null;
  } catch {
    return false;
  }
  if (!header || typeof header !== 'object' || header.format !== CACHE_FORMAT || header.version !== CACHE_VERSION) return false;
  return header.engine === id.engine && header.config === id.config;
}

/** A stored summary line, or undefined when it is not one. */
function parseStored(text: string): DocSummary | undefined {
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return undefined;
  const signature = decodeSignature((stored as StoredSummary).signature);
  if (signature === undefined) return undefined;
  // the parsed object itself becomes the summary (a copy of each of 100k summaries cost a warm start time and garbage)
  const s = stored as DocSummary;
  s.signature = signature;
  if (!isDocSummary(s) || typeof s.mtimeMs !== 'number' || typeof s.size !== 'number') return undefined;
  return s;
}

/** Saves summaries to `storageDir` (created if needed), atomically. */
export async function saveCache(storageDir: string, id: CacheIdentity, summaries: Iterable<DocSummary>): Promise<void> {
  const list = [...summaries].filter((s) => typeof s.mtimeMs === 'number' && typeof s.size === 'number'); // others are not from disk
  const header: CacheHeader = { format: CACHE_FORMAT, version: CACHE_VERSION, engine: id.engine, config: id.config, savedAt: new Date().toISOString(), count: list.length };
  await fs.mkdir(storageDir, { recursive: true });
  const file = path.join(storageDir, CACHE_FILE);
  // never replaces (nor writes through) anything but a regular file: a FIFO, a link, a device there is left alone
  let st;
  try {
    st = await fs.lstat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (st && !st.isFile()) throw new Error(`${file} is ${kindOf(st)}, not a regular file; it is left as it is and the cache is not saved`);
  // written CHUNK summaries at a time, a turn of the event loop between: the cache of 100k articles
  // is never one string (joined whole, it took the server's peak RSS past 1.3 GB)
  async function* lines(): AsyncGenerator<string> {
    yield JSON.stringify(header) + '\n';
    for (let i = 0; i < list.length; i += CHUNK) {
      if (i > 0) await yieldToEvents();
      let out = '';
      for (const s of list.slice(i, i + CHUNK)) out += JSON.stringify({ ...s, signature: encodeSignature(s.signature) }) + '\n';
      yield out;
    }
  }
  await writeChunksAtomic(file, lines());
}

/**
 * A stamp of the engine build: a hash of the bundle that summarizes (the index worker), so that an
 * updated extension does not reuse summaries made by older rules, while rebuilding the same sources does.
 */
export async function engineStamp(bundle: string): Promise<string> {
  try {
    const bytes = await fs.readFile(bundle);
    return `v${CACHE_VERSION}:${createHash('sha1').update(bytes).digest('hex')}`;
  } catch {
    return `v${CACHE_VERSION}`;
  }
}
