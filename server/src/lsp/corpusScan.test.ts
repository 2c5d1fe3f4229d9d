// The include globs as the corpus scan matches them (compileInclude: a folder's answer kept per
// folder) answer as minimatch does on the whole path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Minimatch } from 'minimatch';
import { DEFAULT_INCLUDE } from '../engine/settings';
import { compileInclude } from './corpusScan';

const GLOBS = [
  ...DEFAULT_INCLUDE,
  '**/*.txt',
  '**/corpus/*.txt',
  'corpus/**/*.txt',
  '/data/**/*.txt',
  '**/Corpus/**/bai-*.txt',
  '**/d0?/*.txt',
  '**/corpus/**',
  '**/{seeds,corpus}/**/*.txt',
  '!**/corpus/**/*.txt',
  '**/[a-c]*/**/x*.TXT',
  '*.txt',
  '**/.hidden/**/*.txt',
];

const SEGMENTS = ['corpus', 'Corpus', 'seeds', 'd000', 'd01', '.hidden', '.git', 'data', 'a', 'b', 'cc', 'x', ''];
const NAMES = ['000001_site.txt', 'x.txt', 'X.TXT', '.dot.txt', 'bai-1.txt', 'notes.md', 'corpus.txt', 'a.txt'];

test('an include glob matched a folder at a time answers as minimatch on the whole path (property)', () => {
  const pathArb = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 6 }), fc.constantFrom(...NAMES)).map(([abs, dirs, name]) => (abs ? '/' : '') + [...dirs, name].join('/'));
  for (const glob of GLOBS) {
    const whole = new Minimatch(glob, { dot: false, nocase: true });
    const fast = compileInclude(glob);
    fc.assert(
      fc.property(fc.array(pathArb, { minLength: 1, maxLength: 30 }), (paths) => {
        // (the same matcher across paths: its folder memo is in use)
        for (const p of paths) assert.equal(fast.match(p), whole.match(p), `${glob} on ${p}`);
      }),
      { numRuns: 300 },
    );
  }
});

test('the default include globs: articles under corpus/ and seeds/ folders, not elsewhere, not in dot folders', () => {
  const m = DEFAULT_INCLUDE.map(compileInclude);
  const isArticle = (p: string) => m.some((x) => x.match(p));
  assert.ok(isArticle('/work/news/corpus/d000/000001_baolongan.txt'));
  assert.ok(isArticle('/work/news/corpus/a.TXT'));
  assert.ok(isArticle('/w/seeds/x/y/z.txt'));
  assert.ok(!isArticle('/work/news/other/a.txt'));
  assert.ok(!isArticle('/work/news/corpus/.trash/a.txt'));
  assert.ok(!isArticle('/work/.cache/corpus/a.txt'));
});
