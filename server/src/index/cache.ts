// The index cache: the summaries of a corpus saved as one JSON file in the extension's storage
// folder, so that reopening a large corpus re-reads only the files that changed (by mtime and size).
// Versioned; a cache that is missing, corrupt, of another version, or made with another engine or
// configuration is ignored (never an error). Written atomically.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Config } from '../engine/config';
import { writeFileAtomic } from '../io/files';
import { isDocSummary, type DocSummary } from './corpus';
import { hash64 } from './keys';
import { NUM_HASHES } from './minhash';

export const CACHE_FILE = 'corpus-index.json';
export const CACHE_FORMAT = 'corpus-curator-index';
/** Bump when DocSummary or what summarize() computes changes. */
export const CACHE_VERSION = 1;

/** On disk: a signature is base64 of its 64 little-endian uint32 (half the size of a JSON array). */
type StoredSummary = Omit<DocSummary, 'signature'> & { signature: string | null };

interface CacheFileJson {
  format: typeof CACHE_FORMAT;
  version: number;
  /** Identifies the engine build (see engineStamp); a different engine's summaries are not reused. */
  engine: string;
  /** configKey() of the configuration the summaries were made with. */
  config: string;
  savedAt: string;
  /** Keyed by absolute file path; each summary has its file's mtimeMs and size. */
  entries: Record<string, StoredSummary>;
}

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

function encodeSignature(sig: number[] | null): string | null {
  if (!sig) return null;
  const u = Uint32Array.from(sig);
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');
}

function decodeSignature(s: unknown): number[] | null | undefined {
  if (s === null) return null;
  if (typeof s !== 'string') return undefined;
  const b = Buffer.from(s, 'base64');
  if (b.length !== NUM_HASHES * 4) return undefined;
  const out: number[] = [];
  for (let i = 0; i < NUM_HASHES; i++) out.push(b.readUInt32LE(i * 4));
  return out;
}

export interface CacheIdentity {
  engine: string;
  config: string;
}

/**
 * Loads the summaries saved in `storageDir`, or an empty map when there is no usable cache (missing,
 * unreadable, corrupt, another format version, engine or configuration). Summaries that do not
 * validate are dropped one by one. Summaries without mtimeMs/size are dropped (they cannot be checked).
 */
export async function loadCache(storageDir: string, id: CacheIdentity): Promise<Map<string, DocSummary>> {
  const out = new Map<string, DocSummary>();
  let raw: string;
  try {
    raw = await fs.readFile(path.join(storageDir, CACHE_FILE), 'utf8');
  } catch {
    return out;
  }
  let json: Partial<CacheFileJson>;
  try {
    json = JSON.parse(raw) as Partial<CacheFileJson>;
  } catch {
    return out;
  }
  if (!json || typeof json !== 'object' || json.format !== CACHE_FORMAT || json.version !== CACHE_VERSION) return out;
  if (json.engine !== id.engine || json.config !== id.config) return out;
  if (!json.entries || typeof json.entries !== 'object' || Array.isArray(json.entries)) return out;
  for (const [file, stored] of Object.entries(json.entries)) {
    if (!stored || typeof stored !== 'object') continue;
    const signature = decodeSignature((stored as StoredSummary).signature);
    if (signature === undefined) continue;
    const s = { ...(stored as StoredSummary), signature } as DocSummary;
    if (s.file !== file || !isDocSummary(s) || typeof s.mtimeMs !== 'number' || typeof s.size !== 'number') continue;
    out.set(file, s);
  }
  return out;
}

/** Saves summaries to `storageDir` (created if needed), atomically. */
export async function saveCache(storageDir: string, id: CacheIdentity, summaries: Iterable<DocSummary>): Promise<void> {
  const entries: Record<string, StoredSummary> = {};
  for (const s of summaries) {
    if (typeof s.mtimeMs !== 'number' || typeof s.size !== 'number') continue; // not from disk
    entries[s.file] = { ...s, signature: encodeSignature(s.signature) };
  }
  const json: CacheFileJson = { format: CACHE_FORMAT, version: CACHE_VERSION, engine: id.engine, config: id.config, savedAt: new Date().toISOString(), entries };
  await fs.mkdir(storageDir, { recursive: true });
  await writeFileAtomic(path.join(storageDir, CACHE_FILE), JSON.stringify(json));
}

/**
 * A stamp of the engine build: the size and mtime of the bundle that summarizes (the index worker),
 * so that an updated extension does not reuse summaries made by older rules.
 */
export async function engineStamp(bundle: string): Promise<string> {
  try {
    const st = await fs.stat(bundle);
    return `v${CACHE_VERSION}:${st.size}:${Math.round(st.mtimeMs)}`;
  } catch {
    return `v${CACHE_VERSION}`;
  }
}
