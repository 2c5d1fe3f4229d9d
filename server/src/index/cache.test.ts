import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG, mergeConfig } from '../engine/config';
import { CACHE_FILE, configKey, loadCache, saveCache } from './cache';
import { summarize } from './corpus';
import { makeArticle } from './fixtures';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cc-cache-'));
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
  const json = JSON.parse(readFileSync(path.join(dir, CACHE_FILE), 'utf8'));
  writeFileSync(path.join(dir, CACHE_FILE), JSON.stringify({ ...json, version: 999 }));
  assert.equal((await loadCache(dir, id)).size, 0);
  // ignored findings and reviewed files do not change the key
  assert.equal(configKey(mergeConfig(undefined, { ignore: [{ file: 'a.txt', code: 'x', hash: '1' }], reviewed: ['a.txt'] }).config), id.config);
});

test('a missing, corrupt or odd cache is ignored, never an error', async () => {
  const dir = tmp();
  assert.equal((await loadCache(dir, id)).size, 0);
  assert.equal((await loadCache(path.join(dir, 'nope'), id)).size, 0);
  for (const junk of ['', '{', 'null', '[]', '"x"', '{"format":"corpus-curator-index","version":1,"engine":"e1","config":"' + id.config + '","entries":[]}']) {
    writeFileSync(path.join(dir, CACHE_FILE), junk);
    assert.equal((await loadCache(dir, id)).size, 0, junk);
  }
  // bad entries are dropped one by one, good ones kept
  await saveCache(dir, id, summaries);
  const json = JSON.parse(readFileSync(path.join(dir, CACHE_FILE), 'utf8'));
  json.entries['/c/0.txt'].signature = 'AAAA';
  json.entries['/c/1.txt'].file = '/elsewhere.txt';
  json.entries['/c/2.txt'].blockKeys = 'x';
  delete json.entries['/c/3.txt'].mtimeMs;
  json.entries['/c/junk.txt'] = 42;
  writeFileSync(path.join(dir, CACHE_FILE), JSON.stringify(json));
  assert.deepEqual([...(await loadCache(dir, id)).keys()], ['/c/4.txt']);
});
