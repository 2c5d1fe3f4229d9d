// The include globs as the corpus scan matches them (compileInclude: a folder's answer kept per
// folder) answer as minimatch does on the whole path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Minimatch } from 'minimatch';
import { DEFAULT_CONFIG, mergeConfig, type Config } from '../engine/config';
import { DEFAULT_INCLUDE } from '../engine/settings';
import type { IndexService } from '../index/service';
import { compileInclude, WorkspaceCorpus } from './corpusScan';

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

test('a rule turned off and straight back on leaves the index with the rule on, whichever settings read ends last', async () => {
  const on = DEFAULT_CONFIG;
  const off = mergeConfig(undefined, { rules: { whitespace: 'off' } }).config;
  let current = on;
  const applied: Config[] = [];
  const service = {
    configure: (o: { config?: Config }) => void (o.config && applied.push(o.config)),
    setConfig: async (c: Config) => void applied.push(c),
    start: async () => undefined,
  } as unknown as IndexService;
  // the first read is slow (the project file looked for on disk), the next ones answer at once
  let reads = 0;
  const corpus = new WorkspaceCorpus({
    service,
    workspaceFolders: () => ['/corpus'],
    storagePath: () => undefined,
    folderSettings: () => {
      const config = current;
      const delay = reads++ === 0 ? 60 : 0;
      return new Promise((r) => setTimeout(() => r({ include: ['**/*.txt'], config, maxFileSize: 1e6 }), delay));
    },
  });
  current = off;
  const first = corpus.configChanged();
  // the rule comes back on while the first read is still out
  await new Promise((r) => setTimeout(r, 5));
  current = on;
  const second = corpus.configChanged();
  await Promise.all([first, second]);
  assert.deepEqual(applied.map((c) => c.rules.whitespace), ['off', on.rules.whitespace]);
  assert.equal(applied.at(-1), on, 'the last configuration the index gets is the settings as they are now');
});
