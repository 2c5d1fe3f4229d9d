import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { BUCKET_COMPARE_LIMIT, BandBuckets, CorpusIndex, buildCorpusFromTexts, creditSource, isDocSummary, mentionedSite, summarize, type DocSummary } from './corpus';
import { hash64, lineKey } from './keys';
import { editCopy, makeArticle, templatedStub } from './fixtures';
import { BANDS, bandKeys, estimateJaccard, minhash, shingleHashesOf, signatureOf, type Signature } from './minhash';

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

const POOL_INDEX = fc.nat({ max: POOL.length - 1 });

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

/** One set or delete, on the index and on the map of what it should end up holding. */
function apply(idx: CorpusIndex, final: Map<string, DocSummary>, kind: 'set' | 'delete', s: DocSummary): void {
  if (kind === 'set') {
    idx.set(s);
    final.set(s.file, s);
  } else {
    idx.delete(s.file);
    final.delete(s.file);
  }
}

/** An index built afresh from these summaries. */
function freshIndex(final: Map<string, DocSummary>): CorpusIndex {
  const fresh = new CorpusIndex();
  for (const s of final.values()) fresh.set(s);
  return fresh;
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
      for (const o of ops) apply(idx, final, o.kind, POOL[o.i]);
      assert.deepEqual(snapshot(idx), snapshot(freshIndex(final)));
      for (const f of final.keys()) assert.equal(idx.get(f), final.get(f));
    }),
    { numRuns: 150 },
  );
});

test('block keys built later (a warm start), in slices, through any sets and deletes, equal a fresh build (property)', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), i: fc.nat({ max: POOL.length - 1 }) }),
    fc.record({ kind: fc.constant('delete' as const), i: fc.nat({ max: POOL.length - 1 }) }),
    fc.record({ kind: fc.constant('build' as const), i: fc.nat({ max: 3 }) }),
  );
  fc.assert(
    fc.property(fc.array(POOL_INDEX, { maxLength: 8 }), fc.array(op, { maxLength: 40 }), (loaded, ops) => {
      const idx = new CorpusIndex();
      const final = new Map<string, DocSummary>();
      idx.deferBlocks();
      for (const i of loaded) apply(idx, final, 'set', POOL[i]);
      for (const o of ops) {
        if (o.kind === 'build') {
          idx.buildBlocks(undefined, o.i);
          continue;
        }
        apply(idx, final, o.kind, POOL[o.i]);
      }
      // (a question about block keys completes them first)
      assert.deepEqual(snapshot(idx), snapshot(freshIndex(final)));
      assert.ok(idx.blocksReady());
    }),
    { numRuns: 200 },
  );
  // deferred, nothing is keyed until asked; asked, everything is
  const idx = new CorpusIndex();
  idx.deferBlocks();
  const footer = 'Theo dõi chúng tôi trên mạng xã hội';
  for (const s of POOL.filter((p) => p.blockKeys.includes(lineKey(footer)))) idx.set(s);
  assert.equal(idx.blocksReady(), false);
  assert.equal(idx.lineFrequency().count(footer.toLowerCase()), idx.size());
  assert.equal(idx.blocksReady(), true);
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

// ---- bounded duplicate work; the relation against brute force ---------------------------------

/** A summary with just what the duplicate structure reads (as summarize() makes it, without the engine). */
function bare(file: string, sig: Signature | null, contentHash: string | null): DocSummary {
  return {
    file, headline: null, kicker: null, date: null, dateline: null, byline: null, source: null,
    stats: { lines: 1, paragraphs: 1, words: 10, junkLines: 0, junkShare: 0 },
    problems: { total: 0, byCode: {}, bySeverity: { error: 0, warning: 0, information: 0, hint: 0 } },
    contentHash, signature: sig, blockKeys: [],
  };
}

function stubSummary(i: number): DocSummary {
  const text = templatedStub(i);
  return bare(`/stubs/s${String(i).padStart(5, '0')}.txt`, minhash(text), hash64(text.toLowerCase()));
}

/** The duplicate relation by its definition, every pair compared. */
function reference(docs: readonly DocSummary[], threshold = 0.8) {
  const bands = docs.map((d) => new Set(d.signature ? bandKeys(d.signature) : []));
  const dups = new Map<string, Array<{ file: string; similarity: number; exact: boolean }>>(docs.map((d) => [d.file, []]));
  const parent = docs.map((_, i) => i);
  const root = (x: number): number => (parent[x] === x ? x : (parent[x] = root(parent[x])));
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const a = docs[i], b = docs[j];
      let d: { similarity: number; exact: boolean } | undefined;
      if (a.contentHash && a.contentHash === b.contentHash) d = { similarity: 1, exact: true };
      else if (a.signature && b.signature && [...bands[i]].some((k) => bands[j].has(k))) {
        const s = estimateJaccard(a.signature, b.signature);
        if (s >= threshold) d = { similarity: s, exact: false };
      }
      if (!d) continue;
      dups.get(a.file)!.push({ file: b.file, ...d });
      dups.get(b.file)!.push({ file: a.file, ...d });
      parent[root(i)] = root(j);
    }
  }
  for (const l of dups.values()) l.sort((x, y) => y.similarity - x.similarity || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  const groups = new Map<number, string[]>();
  docs.forEach((d, i) => {
    const r = root(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(d.file);
  });
  const clusters = [...groups.values()].filter((g) => g.length >= 2).map((g) => g.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { dups, clusters };
}

test('templated stubs: comparisons grow linearly with the corpus, and stay within their bound', () => {
  const perFile: number[] = [];
  const limit = BUCKET_COMPARE_LIMIT;
  for (const n of [1000, 2000, 4000]) {
    const idx = new CorpusIndex();
    const docs = Array.from({ length: n }, (_, i) => stubSummary(i));
    for (const d of docs) idx.set(d);
    const afterSet = idx.stats().comparisons;
    // each newcomer meets at most `limit` signatures per band
    assert.ok(afterSet <= n * BANDS * limit, `set: ${afterSet} comparisons for ${n} stubs`);
    assert.ok(idx.stats().largeBuckets > 0, 'the stubs make buckets larger than the limit');
    idx.clusters();
    let worst = 0;
    for (const d of docs) {
      const before = idx.stats().comparisons;
      idx.duplicatesOf(d.file);
      worst = Math.max(worst, idx.stats().comparisons - before);
    }
    // its near list, each band's candidates, a few of its component
    assert.ok(worst <= 8 + BANDS * limit + 2 * limit, `duplicatesOf: ${worst} comparisons for one file`);
    perFile.push(idx.stats().comparisons / n);
  }
  // linear: comparisons per file do not grow with the corpus (quadratic work would double them at each step)
  assert.ok(perFile[2] <= perFile[0] * 1.3 + 20, `comparisons per file: ${perFile.map((x) => x.toFixed(1)).join(', ')}`);
  assert.ok(perFile[2] <= perFile[1] * 1.3 + 20, `comparisons per file: ${perFile.map((x) => x.toFixed(1)).join(', ')}`);
});

test('templated stubs: what the index finds is right, and most of what brute force finds', () => {
  const n = 2000;
  const docs = Array.from({ length: n }, (_, i) => stubSummary(i));
  const idx = new CorpusIndex();
  for (const d of docs) idx.set(d);
  const ref = reference(docs);
  const refComponent = new Map<string, number>();
  ref.clusters.forEach((g, i) => g.forEach((f) => refComponent.set(f, i)));
  const clusters = idx.clusters();
  for (const g of clusters) {
    // every group lies inside one true component
    assert.equal(new Set(g.map((f) => refComponent.get(f))).size, 1);
    assert.notEqual(refComponent.get(g[0]), undefined);
  }
  const clustered = clusters.reduce((a, g) => a + g.length, 0);
  const refClustered = ref.clusters.reduce((a, g) => a + g.length, 0);
  assert.ok(refClustered > n / 4, 'the stubs have many duplicates');
  assert.ok(clustered >= 0.85 * refClustered, `clustered ${clustered} of ${refClustered} files`);
  let listed = 0;
  for (const d of docs) {
    const truth = new Map(ref.dups.get(d.file)!.map((x) => [x.file, x]));
    const got = idx.duplicatesOf(d.file);
    for (const x of got) assert.deepEqual(x, truth.get(x.file), `${d.file} ~ ${x.file}`);
    // a file in a group is told of at least one duplicate
    if (refComponent.has(d.file) && clusters.some((g) => g.includes(d.file))) assert.ok(got.length > 0, d.file);
    listed += got.length;
  }
  assert.ok(listed > 0);
  // a pair duplicatesOf found joins its groups: every file told of a duplicate is in a group with it
  const groupOf = new Map<string, number>();
  idx.clusters().forEach((g, i) => g.forEach((f) => groupOf.set(f, i)));
  for (const d of docs) for (const x of idx.duplicatesOf(d.file)) assert.equal(groupOf.get(x.file), groupOf.get(d.file), `${d.file} ~ ${x.file}`);
});

test('thousands of exact copies of a stub: clusters and duplicatesOf compare once', () => {
  const base = stubSummary(1);
  const idx = new CorpusIndex();
  for (let i = 0; i < 5000; i++) idx.set({ ...base, file: `/c/copy${i}.txt` });
  assert.equal(idx.stats().signatures, 1);
  assert.equal(idx.clusters()[0].length, 5000);
  assert.equal(idx.duplicatesOf('/c/copy7.txt').length, 4999);
  assert.ok(idx.stats().comparisons <= 1, String(idx.stats().comparisons));
});

/** Word sequences and their edits: near and exact copies, and articles of their own. */
const WORDS = 'một hai ba bốn năm sáu bảy tám chín mười tỉnh huyện xã dân cán bộ đảng kinh tế xã hội văn hóa'.split(' ');
// a document is a base's first `step` edits along a fixed path (so that documents a few steps apart
// are near copies and chains form), maybe one edit of its own, maybe cut too short to compare
const arbDoc = fc.record({
  base: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 3 }) }),
  step: fc.nat({ max: 6 }),
  own: fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.record({ at: fc.nat({ max: 59 }), word: fc.nat({ max: WORDS.length - 1 }) }) },
  ),
  cut: fc.nat({ max: 30 }),
  // a caption counts in the signature, not in the content hash: the same hash, another signature
  caption: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 2 }) }),
});
type ArbDoc = { base: number; step: number; own: { at: number; word: number } | null; cut: number; caption: number };
const BASES = [0, 1, 2, 3].map((b) => Array.from({ length: 60 }, (_, i) => WORDS[(i * (7 + 2 * b) + b * 5 + ((i * i) % (b + 3))) % WORDS.length] + (i % (5 + b) === 0 ? String(b) : '')));
const PATHS = [0, 1, 2, 3].map((b) => Array.from({ length: 8 }, (_, k) => ({ at: (7 * k + 3 * b + 4) % 56 + 2, word: (k + b) % WORDS.length })));

function docOf(file: string, d: ArbDoc): DocSummary {
  if (d.cut >= 29) return bare(file, null, null); // too short to compare
  const ws = BASES[d.base].slice(0, 60 - (d.cut > 26 ? d.cut : 0));
  for (const e of PATHS[d.base].slice(0, d.step)) if (e.at < ws.length) ws[e.at] = WORDS[e.word] + 'x';
  if (d.own && d.own.at < ws.length) ws[d.own.at] = WORDS[d.own.word];
  const shingled = d.caption ? [...ws, ...WORDS.slice(d.caption * 3, d.caption * 3 + 6)] : ws;
  return bare(file, signatureOf(shingleHashesOf(shingled)), hash64(ws.join(' ')));
}

const arbOps = (files: number) =>
  fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), f: fc.nat({ max: files - 1 }), doc: arbDoc }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), f: fc.nat({ max: files - 1 }), doc: arbDoc }) },
    ),
    { maxLength: 60 },
  );

function play(idx: CorpusIndex, ops: Array<{ kind: 'set' | 'delete'; f: number; doc: ArbDoc }>): DocSummary[] {
  const final = new Map<string, DocSummary>();
  for (const o of ops) {
    const file = `/r/f${String(o.f).padStart(2, '0')}.txt`;
    if (o.kind === 'set') {
      const s = docOf(file, o.doc);
      idx.set(s);
      final.set(file, s);
    } else {
      idx.delete(file);
      final.delete(file);
    }
  }
  return [...final.values()];
}

test('random corpora (buckets within the limit): clusters and duplicatesOf equal brute force, through any sets and deletes (property)', () => {
  fc.assert(
    fc.property(arbOps(BUCKET_COMPARE_LIMIT), fc.boolean(), (ops, askMidway) => {
      const idx = new CorpusIndex();
      if (askMidway) {
        // clusters asked for in the middle: later deletions must split what was joined
        play(idx, ops.slice(0, ops.length >> 1));
        idx.clusters();
      }
      const docs = play(idx, askMidway ? ops.slice(ops.length >> 1) : ops);
      const all = askMidway ? new Map(play(new CorpusIndex(), ops).map((d) => [d.file, d])) : new Map(docs.map((d) => [d.file, d]));
      const ref = reference([...all.values()]);
      assert.deepEqual(idx.clusters(), ref.clusters);
      for (const [f, l] of ref.dups) assert.deepEqual(idx.duplicatesOf(f), l, f);
    }),
    { numRuns: 200 },
  );
});

test('random corpora with tiny buckets: every group is connected by true duplicates and every listed duplicate is one (property)', () => {
  fc.assert(
    fc.property(arbOps(40), fc.integer({ min: 2, max: 4 }), (ops, limit) => {
      const idx = new CorpusIndex({ bucketLimit: limit });
      const docs = play(idx, ops);
      const ref = reference(docs);
      const byFile = new Map(docs.map((d) => [d.file, d]));
      for (const g of idx.clusters()) {
        // connected through true duplicate pairs inside the group
        const reached = new Set([g[0]]);
        const todo = [g[0]];
        while (todo.length) {
          const f = todo.pop()!;
          for (const d of ref.dups.get(f)!) if (g.includes(d.file) && !reached.has(d.file)) {
            reached.add(d.file);
            todo.push(d.file);
          }
        }
        assert.equal(reached.size, g.length, JSON.stringify(g));
      }
      for (const f of byFile.keys()) {
        const truth = new Map(ref.dups.get(f)!.map((x) => [x.file, x]));
        for (const x of idx.duplicatesOf(f)) assert.deepEqual(x, truth.get(x.file));
      }
    }),
    { numRuns: 200 },
  );
});

test('deleting the middle of a chain splits its group; setting it again joins it', () => {
  const a = Uint32Array.from({ length: 64 }, (_, i) => 1000 + i);
  const b = a.map((x, i) => (i < 10 ? x + 500 : x)); // a~b: 54/64 agree
  const c = b.map((x, i) => (i >= 10 && i < 20 ? x + 500 : x)); // b~c: 54/64; a~c: 44/64
  const idx = new CorpusIndex();
  idx.set(bare('/c/a.txt', a, 'ha'));
  idx.set(bare('/c/b.txt', b, 'hb'));
  idx.set(bare('/c/c.txt', c, 'hc'));
  assert.deepEqual(idx.clusters(), [['/c/a.txt', '/c/b.txt', '/c/c.txt']]);
  idx.delete('/c/b.txt');
  assert.deepEqual(idx.clusters(), []);
  idx.set(bare('/c/b.txt', b, 'hb'));
  assert.deepEqual(idx.clusters(), [['/c/a.txt', '/c/b.txt', '/c/c.txt']]);
  // an exact copy of a holds the group together through a's hash only
  idx.set(bare('/c/a2.txt', c, 'ha'));
  idx.delete('/c/b.txt');
  assert.deepEqual(idx.clusters(), [['/c/a.txt', '/c/a2.txt', '/c/c.txt']]);
  idx.delete('/c/a.txt');
  assert.deepEqual(idx.clusters(), [['/c/a2.txt', '/c/c.txt']]);
  idx.delete('/c/c.txt');
  assert.deepEqual(idx.clusters(), []);
  // the same content hash, signatures unalike (a caption counts in one): joined by the hash alone
  const z = a.map((x) => x + 7777);
  idx.set(bare('/c/x.txt', a, 'h1'));
  idx.set(bare('/c/y.txt', z, 'h1'));
  idx.set(bare('/c/x2.txt', a, 'h2'));
  assert.deepEqual(idx.clusters(), [['/c/x.txt', '/c/x2.txt', '/c/y.txt']]);
  idx.delete('/c/x.txt');
  assert.deepEqual(idx.clusters(), []);
});

test('duplicateSummary says what duplicatesOf lists: its first entries, their number, all exact or not, membership (property)', () => {
  fc.assert(
    fc.property(arbOps(BUCKET_COMPARE_LIMIT), fc.constantFrom(0, 1, 3, 20), (ops, limit) => {
      const idx = new CorpusIndex();
      const docs = play(idx, ops);
      for (const d of docs) {
        const list = idx.duplicatesOf(d.file);
        const s = idx.duplicateSummary(d.file, limit);
        assert.deepEqual(s.top, list.slice(0, limit), d.file);
        assert.equal(s.total, list.length);
        assert.equal(s.allExact, list.every((x) => x.exact));
        const listed = new Set(list.map((x) => x.file));
        for (const o of docs) assert.equal(s.has(o.file), listed.has(o.file), `${d.file} has ${o.file}`);
      }
    }),
    { numRuns: 150 },
  );
});

test('duplicateSummary on thousands of copies of a few stubs: the same count and first names as the whole list', () => {
  const idx = new CorpusIndex();
  const n = 3000;
  for (let i = 0; i < n; i++) {
    const s = stubSummary(i % 7);
    idx.set({ ...s, file: `/stubs/${String(i).padStart(5, '0')}.txt` });
  }
  for (const i of [0, 1, 1500, 2999]) {
    const f = `/stubs/${String(i).padStart(5, '0')}.txt`;
    const list = idx.duplicatesOf(f);
    const s = idx.duplicateSummary(f, 20);
    assert.ok(list.length >= 400, `${list.length} copies`);
    assert.equal(s.total, list.length);
    assert.deepEqual(s.top, list.slice(0, 20));
    assert.equal(s.allExact, list.every((x) => x.exact));
  }
});

test('the LSH bucket table (open addressing, deletion by backward shift) answers as a Map through any sets and deletes (property)', () => {
  // keys from a small pool per band collide and wrap around the table; thousands of them make it grow
  const key = fc.record({ band: fc.nat({ max: 15 }), h: fc.oneof(fc.nat({ max: 40 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })) });
  const op = fc.record({ del: fc.boolean(), k: key });
  fc.assert(
    fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
      const t = new BandBuckets();
      const model = new Map<number, unknown>();
      let n = 0;
      for (const o of ops) {
        const k = o.k.band * 0x100000000 + (o.k.h >>> 0);
        if (o.del) {
          t.delete(k);
          model.delete(k);
        } else {
          const v = [n++] as unknown as Parameters<typeof t.set>[1];
          t.set(k, v);
          model.set(k, v);
        }
        if (n % 97 === 0) for (const [mk, mv] of model) assert.equal(t.get(mk), mv);
      }
      for (const o of ops) {
        const k = o.k.band * 0x100000000 + (o.k.h >>> 0);
        assert.equal(t.get(k), model.get(k));
      }
      assert.equal([...t.values()].length, model.size);
    }),
    { numRuns: 60 },
  );
  // a band's table grows past its first size and keeps every key
  const t = new BandBuckets();
  for (let i = 0; i < 5000; i++) t.set(3 * 0x100000000 + ((i * 7919) >>> 0), [i] as unknown as Parameters<typeof t.set>[1]);
  for (let i = 0; i < 5000; i += 2) t.delete(3 * 0x100000000 + ((i * 7919) >>> 0));
  for (let i = 0; i < 5000; i++) assert.deepEqual(t.get(3 * 0x100000000 + ((i * 7919) >>> 0)), i % 2 ? [i] : undefined);
});
