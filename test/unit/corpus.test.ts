// The labelled real corpus (test/fixtures/real): well-formed gold files, provenance generated from
// the manifest, and the size the recognition issue asked for (150+ articles, 20+ publishers that the
// team's development set does not have).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadSets, sourceKey } from '../eval/sets';

const run = (args: string[]) => execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// (the held-out fixtures, like ../shared/real-dev, use multi-line boilerplate blocks the validator refuses)
test('every gold file of the real corpus and the blind set is well formed (coverage, order, vocabulary)', () => {
  for (const dir of ['test/fixtures/real', 'test/fixtures/blind']) {
    const out = run(['test/fixtures/blind/validate.mjs', dir]);
    assert.match(out.trim().split('\n').pop()!, /^ok$/, `${dir}: ${out.slice(-400)}`);
  }
});

test('SOURCES.md is generated from manifest.json and up to date', () => {
  run(['scripts/gen-sources.mjs', '--check']);
});

/** The publishers of ../shared/real-dev (its README), which the new corpus must go beyond. */
const REAL_DEV_PUBLISHERS = ['plo', 'tuoitre', 'vnexpress', 'dantri', 'zing', 'thanhnien', 'tinvn', 'thoibao', 'baoangiang',
  'tintuc', 'anninh247', 'laodong', 'tintucqpvn', 'phapluat', 'thegioitre', 'giadinhtiepthi', 'baodautu', 'vnpca', 'cafebiz', 'phapluatplus'];

test('the real corpus: at least 150 articles, 20 publishers beyond the development set, each file with provenance', () => {
  const sets = loadSets({ root: process.cwd() });
  const real = sets.find((s) => s.name === 'real');
  assert.ok(real, 'test/fixtures/real is loaded');
  assert.ok(real.docs.length >= 150, `${real.docs.length} articles`);
  const manifest = JSON.parse(readFileSync('test/fixtures/real/manifest.json', 'utf8')) as Array<Record<string, unknown>>;
  // every file of the manifest is loaded: trained on, or (`"train": false`, with the reason) only scored
  const notTrained = sets.find((s) => s.name === 'real/not-trained')?.docs ?? [];
  assert.equal(manifest.length, real.docs.length + notTrained.length);
  for (const d of notTrained) {
    const e = manifest.find((x) => x.file === d.file)!;
    assert.ok(e.train === false && typeof e.whyNotTrained === 'string' && e.whyNotTrained.length > 20, `why ${d.file} is not trained on`);
  }
  for (const e of manifest) {
    assert.ok(e.file && e.publisher && e.repository && e.path, `provenance of ${String(e.file)}`);
    assert.match(String(e.commit), /^[0-9a-f]{7,40}$/, `commit of ${String(e.file)}`);
  }
  const known = new Set(REAL_DEV_PUBLISHERS.map(sourceKey));
  const fresh = new Set(real.docs.map((d) => d.source).filter((s) => !known.has(s)));
  assert.ok(fresh.size >= 20, `${fresh.size} new publishers`);
});
