import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, mergeConfig } from '../engine/config';
import { CACHE_FILE, configKey, loadCache, saveCache } from './cache';
import { summarize } from './corpus';
import { makeArticle } from './fixtures';
import { tempDir } from '../testing/tempDir';

const tmp = () => tempDir('cc-cache-');
const id = { engine: 'e1', config: configKey(DEFAULT_CONFIG) };
const summaries = Array.from({ length: 5 }, (_, i) => summarize(`/c/${i}.txt`, makeArticle({ seed: i }), DEFAULT_CONFIG, { mtimeMs: 1000 + i + 0.5, size: 2000 + i }));

test('save then load gives the same summaries back (signatures included)', async () => {
  const dir = path.join(tmp(), 'nested', 'storage');
  await saveCache(dir, id, summaries);
  const got = await loadCache(dir, id);
  assert.equal(got.size, 5);
  for (const s of summaries) assert.deepEqual(got.get(s.file), s);
  // atomic write leaves no temporary file behind
  assert.deepEqual(readdirSync(dir), [CACHE_FILE]);
});

test('summaries without mtime/size (not from disk) are not saved', async () => {
  const dir = tmp();
  await saveCache(dir, id, [summarize('/c/x.txt', 'Tiêu đề\n\nMột đoạn văn có đủ chữ để so sánh với nhau.'), summaries[0]]);
  assert.deepEqual([...(await loadCache(dir, id)).keys()], [summaries[0].file]);
});

test('another engine, configuration or format version: nothing is reused', async () => {
  const dir = tmp();
  await saveCache(dir, id, summaries);
  assert.equal((await loadCache(dir, { ...id, engine: 'e2' })).size, 0);
  const other = mergeConfig(undefined, { rules: { 'php-dump': 'off' } }).config;
  assert.notEqual(configKey(other), id.config);
  assert.equal((await loadCache(dir, { ...id, config: configKey(other) })).size, 0);
  const lines = readFileSync(path.join(dir, CACHE_FILE), 'utf8').split('\n');
  writeFileSync(path.join(dir, CACHE_FILE), [JSON.stringify({ ...JSON.parse(lines[0]), version: 999 }), ...lines.slice(1)].join('\n'));
  assert.equal((await loadCache(dir, id)).size, 0);
  // ignored findings and reviewed files do not change the key
  assert.equal(configKey(mergeConfig(undefined, { ignore: [{ file: 'a.txt', code: 'x', hash: '1' }], reviewed: ['a.txt'] }).config), id.config);
});

test('a missing, corrupt or odd cache is ignored, never an error', async () => {
  const dir = tmp();
  assert.equal((await loadCache(dir, id)).size, 0);
  assert.equal((await loadCache(path.join(dir, 'nope'), id)).size, 0);
  const header = JSON.stringify({ format: 'corpus-curator-index', version: 2, engine: 'e1', config: id.config, savedAt: '', count: 1 });
  for (const junk of ['', '{', 'null', '[]', '"x"', '\u0000\u0001', header, header + '\n', header + '\n{', header + '\n[1]\nnull\n42']) {
    writeFileSync(path.join(dir, CACHE_FILE), junk);
    assert.equal((await loadCache(dir, id)).size, 0, junk);
  }
  // bad lines are dropped one by one, good ones kept
  await saveCache(dir, id, summaries);
  const lines = readFileSync(path.join(dir, CACHE_FILE), 'utf8').split('\n');
  assert.equal(lines.length, 7, 'a header, 5 summaries, a final newline');
  const entry = (i: number) => JSON.parse(lines[i + 1]);
  const e0 = entry(0), e1 = entry(1), e3 = entry(3);
  e0.signature = 'AAAA';
  e1.blockKeys = 'x';
  delete e3.mtimeMs;
  lines[1] = JSON.stringify(e0);
  lines[2] = JSON.stringify(e1);
  lines[3] = lines[3].slice(0, 40); // a torn line
  lines[4] = JSON.stringify(e3);
  writeFileSync(path.join(dir, CACHE_FILE), lines.join('\n'));
  assert.deepEqual([...(await loadCache(dir, id)).keys()], ['/c/4.txt']);
});

test('a large cache loads and saves without holding the event loop for long', async () => {
  const dir = tmp();
  const many = Array.from({ length: 20000 }, (_, i) => ({ ...summaries[i % 5], file: `/big/${i}.txt` }));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  await saveCache(dir, id, many);
  const got = await loadCache(dir, id);
  clearInterval(timer);
  assert.equal(got.size, 20000);
  // read in 4 MB pieces: lines cut between pieces come back whole
  assert.ok(statSync(path.join(dir, CACHE_FILE)).size > 8 * 1024 * 1024, 'the cache spans several pieces');
  for (const s of many) assert.deepEqual(got.get(s.file), s);
  assert.ok(ticks >= 2, `timers ran ${ticks} times meanwhile`);
});
