// The analysis worker through its real bundle (dist/analysisWorker.js; run `npm run build` first): a
// block's hover reason is worked out when a hover asks for it, not for every block after every
// keystroke (a 1 MB article's reasons took its worker ~75 ms a version, while the next one waited).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../engine/config';
import { parseArticle, reasonAtLine } from '../model/article';
import { currentLocale } from '../l10n';
import { OffThreadAnalyzer } from './offThread';
import { TEASER_RUN } from '../testing/teaserRun';

const WORKER = path.resolve('dist/analysisWorker.js');

test('the worker gives no hover reason with an analysis; asked for one, the engine\'s, until it reads a newer version', async () => {
  const seed = readFileSync('seeds/001_a4534dbc61da94dd.txt', 'utf8');
  const text = seed + '\n\n' + seed.split('\n').slice(3).join('\n');
  const edited = 'Cập nhật: ' + text;
  const analyzer = new OffThreadAnalyzer(WORKER);
  try {
    const request = (t: string) => ({ text: t, config: DEFAULT_CONFIG, locale: currentLocale() });
    const first = (await analyzer.analyze('untitled:a.txt', 1, request(text)))!;
    assert.ok(await first.extras, 'the outline and folds came');
    assert.ok(first.article.blocks.every((b) => b.reason === undefined), 'no reason came with the analysis');
    const expected = parseArticle(text).blocks;
    const asked = expected.map((b, i) => i).filter((i) => expected[i].reason !== undefined && expected[i].kind !== 'blank').slice(0, 6);
    assert.ok(asked.length >= 4);
    for (const i of asked) assert.equal(await first.reason(i, expected[i].startLine), expected[i].reason, `block ${i}`);
    // a newer version read: the older analysis's reasons are gone (none is made up), the newer one's given
    const second = (await analyzer.analyze('untitled:a.txt', 2, request(edited)))!;
    await second.extras;
    assert.equal(await first.reason(asked[0], expected[asked[0]].startLine), undefined);
    const now = parseArticle(edited).blocks;
    for (const i of asked) assert.equal(await second.reason(i, now[i].startLine), now[i].reason, `block ${i} of the edited text`);
    // the document closed: nothing kept
    analyzer.forget('untitled:a.txt');
    assert.equal(await second.reason(asked[0], now[asked[0]].startLine), undefined);
  } finally {
    analyzer.dispose();
  }
});

test('asked for a line of a teaser run, the worker gives that line\'s own reason, as the engine does', async () => {
  const text = TEASER_RUN;
  const analyzer = new OffThreadAnalyzer(WORKER);
  try {
    const r = (await analyzer.analyze('untitled:b.txt', 1, { text, config: DEFAULT_CONFIG, locale: currentLocale() }))!;
    const blocks = parseArticle(text).blocks;
    const i = blocks.findIndex((b) => b.kind === 'related' && b.endLine > b.startLine);
    assert.ok(i >= 0);
    const run = blocks[i];
    assert.equal(await r.reason(i, run.startLine), run.reason);
    for (let line = run.startLine + 1; line <= run.endLine; line++) {
      const own = reasonAtLine(run, line);
      assert.notEqual(own, run.reason);
      assert.equal(await r.reason(i, line), own, `line ${line + 1}`);
    }
  } finally {
    analyzer.dispose();
  }
});
