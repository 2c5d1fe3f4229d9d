#!/usr/bin/env node
// The floor of issue #8: the least work any corpus analysis has to do, in one JavaScript thread.
// For every .txt file under the given paths: read it, decode UTF-8, NFC-normalise, split it into
// words with a 64K-entry character-class table (Uint8Array) and a 64K case-folding table
// (Uint16Array), hash each word (FNV-1a, 32 bits), hash every word 3-gram (murmur3 finaliser over
// the three word hashes) and keep a 64-permutation MinHash signature per file (the same hash
// family as the engine's server/src/index/minhash.ts).
// `npm run bench` runs it on the same files as the CLI and prints every figure against it.
//
//   node test/bench/floor.mjs PATH... [--list FILE]   (FILE: one path a line)
//
// Prints one JSON line: {files, bytes, words, shingles, checksum, ms} (ms: inside the process,
// without Node's start-up).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const t0 = performance.now();
const args = process.argv.slice(2);
const files = [];
function walk(p) {
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const e of readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const q = path.join(p, e.name);
      if (e.isDirectory()) walk(q);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.txt')) files.push(q);
    }
  } else files.push(p);
}
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--list') {
    for (const l of readFileSync(args[++i], 'utf8').split('\n')) if (l) files.push(l);
  } else walk(args[i]);
}

// character classes of the BMP: 1 = part of a word (letter, mark or digit), 0 = anything else
const CLASS = new Uint8Array(65536);
const FOLD = new Uint16Array(65536);
const wordChar = /[\p{L}\p{M}\p{N}]/u;
for (let c = 0; c < 65536; c++) {
  const s = String.fromCharCode(c);
  FOLD[c] = c;
  if (c >= 0xd800 && c <= 0xdfff) {
    CLASS[c] = 1; // surrogates: astral letters stay inside their word
    continue;
  }
  if (wordChar.test(s)) {
    CLASS[c] = 1;
    const l = s.toLowerCase();
    if (l.length === 1) FOLD[c] = l.charCodeAt(0);
  }
}

const K = 64;
// 64 seeds (a fixed xorshift sequence): permutation k of a shingle hash x is fmix(x ^ seed_k)
const SEED = new Uint32Array(K);
{
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  for (let k = 0; k < K; k++) SEED[k] = next();
}
function fmix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const sig = new Uint32Array(K);
let bytes = 0;
let words = 0;
let shingles = 0;
let checksum = 0;
for (const f of files) {
  const buf = readFileSync(f);
  bytes += buf.length;
  const text = buf.toString('utf8').normalize('NFC');
  sig.fill(0xffffffff);
  let w1 = 0;
  let w2 = 0;
  let n = 0; // words so far in this file
  let h = 0x811c9dc5;
  let inWord = false;
  const len = text.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? text.charCodeAt(i) : 32;
    if (CLASS[c] === 1) {
      h = Math.imul(h ^ FOLD[c], 0x01000193);
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    // a word ends: shift it into the 3-gram window
    const w = h >>> 0;
    h = 0x811c9dc5;
    inWord = false;
    n++;
    if (n >= 3) {
      const g = fmix(Math.imul(w1, 0xcc9e2d51) ^ Math.imul(w2 ^ 0x1b873593, 0x85ebca6b) ^ w);
      for (let k = 0; k < K; k++) {
        const v = fmix(g ^ SEED[k]);
        if (v < sig[k]) sig[k] = v;
      }
      shingles++;
    }
    w1 = w2;
    w2 = w;
  }
  words += n;
  for (let k = 0; k < K; k++) checksum = (checksum ^ sig[k]) >>> 0;
}
process.stdout.write(JSON.stringify({ files: files.length, bytes, words, shingles, checksum, ms: Math.round(performance.now() - t0) }) + '\n');
