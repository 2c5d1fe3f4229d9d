import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { CorpusIndex, buildCorpusFromTexts, creditSource, isDocSummary, mentionedSite, summarize, type DocSummary } from './corpus';
import { lineKey } from './keys';
import { editCopy, makeArticle } from './fixtures';

const SEEDS = path.resolve('seeds');
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
const seedText = (name: string) => readFileSync(path.join(SEEDS, name), 'utf8');
const seedNamed = (prefix: string) => seedFiles.find((f) => f.startsWith(prefix))!;

test('summaries of the seeds: headline, kicker, date, byline, source, stats', () => {
  const s4 = summarize('/c/004.txt', seedText(seedNamed('004')));
  assert.equal(s4.headline, 'Long An: Học tập và làm theo gương Bác đi vào chiều sâu và tạo sức lan tỏa mạnh mẽ');
  assert.equal(s4.kicker, 'Long An');
  assert.equal(s4.date, '2022-05-20T15:17:00');
  assert.equal(s4.dateline, '20/05/2022 - 15:17');
  assert.equal(s4.byline, 'Theo Báo Long An');
  assert.equal(s4.source, 'Báo Long An');
  assert.ok(s4.stats.paragraphs >= 15 && s4.stats.words > 1000, JSON.stringify(s4.stats));
  assert.ok(s4.contentHash && s4.signature && s4.signature.length === 64);

  const s3 = summarize('/c/003.txt', seedText(seedNamed('003')));
  assert.equal(s3.source, 'GLO');
  assert.equal(s3.kicker, 'Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh Gia Lai');
  assert.equal(s3.date, '2021-06-16T05:44:00+07:00');
  assert.equal(s3.byline, 'VĂN LÊ');

  const s0 = summarize('/c/000.txt', seedText(seedNamed('000')));
  assert.equal(s0.source, 'BDO');
  assert.equal(s0.byline, 'ĐỖ TRỌNG');
  // two PHP dumps, chrome and teasers: well over half of the non-blank lines are junk
  assert.ok(s0.stats.junkLines > 100 && s0.stats.junkShare > 0.5 && s0.stats.junkShare < 1, JSON.stringify(s0.stats));
  assert.ok(isDocSummary(s0));
  assert.equal(JSON.stringify(JSON.parse(JSON.stringify(s0))), JSON.stringify(s0), 'plain JSON');

  const s1 = summarize('/c/001.txt', seedText(seedNamed('001')));
  assert.equal(s1.source, null, 'a bare author name is not a source');
  assert.equal(s1.headline, 'Nhân rộng các điển hình tiên tiến trong học tập và làm theo lời Bác');
  assert.equal(s1.stats.junkLines, 0);
});

test('problem counts come from the per-file findings', () => {
  const s = summarize('/c/000.txt', seedText(seedNamed('000')));
  const total = Object.values(s.problems.byCode).reduce((a, b) => a + b, 0);
  assert.equal(total, s.problems.total);
  assert.equal(Object.values(s.problems.bySeverity).reduce((a, b) => a + b, 0), s.problems.total);
});

test('source inference from credit lines and chrome', () => {
  assert.equal(creditSource('Theo Báo Long An'), 'Báo Long An');
  assert.equal(creditSource('(Theo TTXVN)'), 'TTXVN');
  assert.equal(creditSource('Nguồn: Báo Gia Lai'), 'Báo Gia Lai');
  assert.equal(creditSource('Theodore Roosevelt'), null);
  assert.equal(creditSource('Theo đó, các đơn vị đã triển khai'), null);
  assert.equal(mentionedSite('LƯU Ý: BDO sẽ biên tập ý kiến của bạn đọc trước khi xuất bản.'), 'BDO');
  assert.equal(mentionedSite('Bản quyền thuộc về Báo Gia Lai.'), 'Báo Gia Lai');
  assert.equal(mentionedSite('Ghi rõ nguồn baolongan.vn khi phát hành lại'), 'baolongan.vn');
  assert.equal(mentionedSite('Chúng tôi sẽ biên tập ý kiến'), null);
  assert.equal(mentionedSite('Chia sẻ bài viết'), null);
});

test('odd text never throws and gives an empty-ish summary', () => {
  for (const t of ['', '\n\n', '\u0000\u0000', 'a\r\nb\rc\n', '\ufeff', '\ud800 lone surrogate', 'x'.repeat(100000)]) {
    const s = summarize('/c/odd.txt', t);
    assert.ok(isDocSummary(s));
  }
  const s = summarize('/c/empty.txt', '');
  assert.equal(s.contentHash, null);
  assert.equal(s.signature, null);
  assert.deepEqual(s.blockKeys, []);
  assert.equal(s.stats.junkShare, 0);
});

test('the seeds are different articles: no duplicates, no clusters', () => {
  const idx = buildCorpusFromTexts(seedFiles.map((f) => ({ file: path.join(SEEDS, f), text: seedText(f) })));
  assert.equal(idx.size(), 5);
  for (const f of idx.files()) assert.deepEqual(idx.duplicatesOf(f), [], f);
  assert.deepEqual(idx.clusters(), []);
});

test('exact and near duplicates are found both ways; different articles are not', () => {
  const a = makeArticle({ seed: 1, words: 500 });
  const texts = [
    { file: '/c/a.txt', text: a },
    { file: '/c/a-edited.txt', text: editCopy(a, 6, 3) },
    // the same content with different chrome around it is an exact copy
    { file: '/c/a-chrome.txt', text: 'Trang chủ » Thời sự\n\n' + a + '\nChia sẻ\n' },
    { file: '/c/b.txt', text: makeArticle({ seed: 2, words: 500 }) },
    { file: '/c/c.txt', text: makeArticle({ seed: 3, words: 500 }) },
  ];
  const idx = buildCorpusFromTexts(texts);
  const d = (f: string) => idx.duplicatesOf(f).map((x) => `${x.file}:${x.exact}`).sort();
  assert.deepEqual(d('/c/a.txt'), ['/c/a-chrome.txt:true', '/c/a-edited.txt:false']);
  assert.deepEqual(d('/c/a-edited.txt'), ['/c/a-chrome.txt:false', '/c/a.txt:false']);
  assert.deepEqual(d('/c/b.txt'), []);
  assert.deepEqual(d('/c/nowhere.txt'), []);
  const near = idx.duplicatesOf('/c/a.txt').find((x) => !x.exact)!;
  assert.ok(near.similarity >= 0.8 && near.similarity < 1, String(near.similarity));
  assert.deepEqual(idx.clusters(), [['/c/a-chrome.txt', '/c/a-edited.txt', '/c/a.txt']]);
});

test('block frequency counts files (not lines) and lists a few of them', () => {
  const footer = 'Bản tin được cập nhật bởi Ban biên tập X';
  const idx = new CorpusIndex();
  for (let i = 0; i < 6; i++) idx.set(summarize(`/c/${i}.txt`, makeArticle({ seed: 10 + i, footer: [footer, footer] })));
  idx.set(summarize('/c/other.txt', makeArticle({ seed: 99 })));
  const f = idx.blockFrequency(lineKey(footer));
  assert.equal(f.count, 6);
  assert.ok(f.files.length > 0 && f.files.length <= 8 && f.files.every((x) => x !== '/c/other.txt'));
  // keys fold spacing and case
  assert.equal(idx.blockFrequency(lineKey('  BẢN TIN được cập nhật  bởi Ban biên tập X ')).count, 6);
  assert.equal(idx.blockFrequency(lineKey('something else')).count, 0);
  // bylines and headlines are not candidates: an author signing many articles is not chrome
  const byline = idx.all().map((s) => s.byline).find((b) => b !== null)!;
  assert.equal(idx.blockFrequency(lineKey(byline)).count, 0);
  idx.delete('/c/0.txt');
  assert.equal(idx.blockFrequency(lineKey(footer)).count, 5);
});

// ---- incremental updates equal a fresh build --------------------------------------------------

const POOL: DocSummary[] = (() => {
  const base = [1, 2, 3].map((s) => makeArticle({ seed: s, words: 300 }));
  const texts = [
    base[0], editCopy(base[0], 3, 1), base[0] + '\nChia sẻ\n', base[1], editCopy(base[1], 4, 2),
    makeArticle({ seed: 4, words: 300, footer: ['Theo dõi chúng tôi trên mạng xã hội'] }),
    makeArticle({ seed: 5, words: 300, footer: ['Theo dõi chúng tôi trên mạng xã hội'] }),
    base[2], '', 'ngắn quá',
  ];
  const out: DocSummary[] = [];
  // each text can appear under several names, and each name can hold several texts over time
  for (let f = 0; f < 6; f++) for (let t = 0; t < texts.length; t++) out.push(summarize(`/c/f${f}.txt`, texts[t]));
  return out;
})();

function snapshot(idx: CorpusIndex): unknown {
  const files = idx.files().sort();
  const keys = [...new Set(POOL.flatMap((s) => s.blockKeys))].sort();
  return {
    size: idx.size(),
    files,
    dups: files.map((f) => idx.duplicatesOf(f)),
    blocks: keys.map((k) => [idx.blockFrequency(k).count, idx.filesWithBlock(k).sort()]),
    clusters: idx.clusters(),
  };
}

test('incremental set/delete gives the same index as a fresh build (property)', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), i: fc.nat({ max: POOL.length - 1 }) }),
    fc.record({ kind: fc.constant('delete' as const), i: fc.nat({ max: POOL.length - 1 }) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const idx = new CorpusIndex();
      const final = new Map<string, DocSummary>();
      for (const o of ops) {
        const s = POOL[o.i];
        if (o.kind === 'set') {
          idx.set(s);
          final.set(s.file, s);
        } else {
          idx.delete(s.file);
          final.delete(s.file);
        }
      }
      const fresh = new CorpusIndex();
      for (const s of final.values()) fresh.set(s);
      assert.deepEqual(snapshot(idx), snapshot(fresh));
      for (const f of final.keys()) assert.equal(idx.get(f), final.get(f));
    }),
    { numRuns: 150 },
  );
});

test('the duplicate relation is symmetric and clusters are its components', () => {
  const idx = new CorpusIndex();
  for (const s of POOL.filter((_, i) => i % 11 === 0 || i % 7 === 0)) idx.set(s);
  for (const f of idx.files()) for (const d of idx.duplicatesOf(f)) {
    assert.ok(idx.duplicatesOf(d.file).some((x) => x.file === f), `${f} ~ ${d.file}`);
  }
  for (const g of idx.clusters()) for (const f of g) {
    assert.ok(idx.duplicatesOf(f).some((d) => g.includes(d.file)));
  }
});

test('thousands of identical articles: duplicatesOf and clusters stay fast', () => {
  const base = summarize('/c/stub.txt', makeArticle({ seed: 77, words: 60 }));
  const idx = new CorpusIndex();
  const n = 3000;
  for (let i = 0; i < n; i++) idx.set({ ...base, file: `/c/stub${i}.txt` });
  const groups = idx.clusters();
  assert.equal(groups.length, 1);
  assert.equal(groups[0].length, n);
  assert.equal(idx.duplicatesOf('/c/stub0.txt').length, n - 1);
  for (let i = 0; i < n; i += 2) idx.delete(`/c/stub${i}.txt`);
  assert.equal(idx.clusters()[0].length, n / 2);
});
