// The analysis worker through its real bundle (dist/analysisWorker.js; run `npm run build` first): a
// block's hover reason is worked out when a hover asks for it, not for every block after every
// keystroke (a 1 MB article's reasons took its worker ~75 ms a version, while the next one waited).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../engine/config';
import { parseArticle } from '../model/article';
import { currentLocale } from '../l10n';
import { OffThreadAnalyzer } from './offThread';

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
    for (const i of asked) assert.equal(await first.reason(i), expected[i].reason, `block ${i}`);
    // a newer version read: the older analysis's reasons are gone (none is made up), the newer one's given
    const second = (await analyzer.analyze('untitled:a.txt', 2, request(edited)))!;
    await second.extras;
    assert.equal(await first.reason(asked[0]), undefined);
    const now = parseArticle(edited).blocks;
    for (const i of asked) assert.equal(await second.reason(i), now[i].reason, `block ${i} of the edited text`);
    // the document closed: nothing kept
    analyzer.forget('untitled:a.txt');
    assert.equal(await second.reason(asked[0]), undefined);
  } finally {
    analyzer.dispose();
  }
});
