// Tests for the unicode rule: NFC, mojibake (repairable and broken), U+FFFD, mixed tone placement,
// the safety property, odd input, a fast-check property, speed, and the seeds against the gold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseArticle } from '../model/article';
import { defaultKnowledge } from '../model/knowledge';
import type { Article } from '../model/types';
import { lineOf } from './ranges';
import { repairMojibake, rule, toMojibake } from './unicode';
import { type Finding } from './types';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from './registry';
import { apply, loadSeeds, assertSafe, withSeverity } from './testkit';

// ---- helpers -----------------------------------------------------------------------------------

function run(text: string, options: Partial<RuleOptions> = {}): { article: Article; findings: Finding[] } {
  const article = parseArticle(text);
  const findings = withSeverity(rule, rule.check({ article, knowledge: defaultKnowledge, options: { ...DEFAULT_RULE_OPTIONS, ...options } }));
  assertSafe(article, findings);
  return { article, findings };
}

function check(text: string, options: Partial<RuleOptions> = {}): Finding[] {
  return run(text, options).findings;
}

/** Every finding's first fix applied together (what fix-all does). */
function fixAll(text: string, fs: readonly Finding[]): string {
  return apply(text, fs.flatMap((f) => (f.fixes[0] && f.fixes[0].applicability !== 'unsafe' ? f.fixes[0].edits : [])));
}

/** The safety property: ranges inside the text, every edit inside its finding, findings not overlapping. */

const flagged = (text: string, f: Finding) => text.slice(f.start, f.end);

// ---- invisible characters, look-alike letters, decorative marks ----------------------------------

test('invisible characters: zero-width characters and a stray BOM are flagged and removed; emoji joiners are kept', () => {
  const p1 = 'Đoạn văn thứ nhất của bài báo, đủ dài để là một đoạn văn bình thường.';
  const text = `${p1.replace('thứ nhất', 'thứ\u200B nhất').replace('bài báo', 'bài\u200Bbáo')}\n\n\uFEFF\n\nGia đình 👨\u200D👩\u200D👧 vui vẻ bên nhau trong ngày hội.\n`;
  const fs = check(text);
  assert.deepEqual(fs.map((f) => flagged(text, f)), ['\u200B', '\u200B', '\uFEFF']);
  assert.match(fs[0].message, /zero-width space/);
  assert.match(fs[2].message, /byte-order mark/);
  assert.equal(fixAll(text, fs), `${p1.replace('bài báo', 'bàibáo')}\n\n\n\nGia đình 👨\u200D👩\u200D👧 vui vẻ bên nhau trong ngày hội.\n`);
});

test('look-alike letters: Cyrillic, Greek and IPA letters inside Vietnamese words are flagged and written in Latin', () => {
  // т (Cyrillic te), ι (Greek iota), ɑ (IPA alpha), ѕ (Cyrillic dze) and a ZWNJ, as anti-filter text writes them
  const text = 'Cảnh báo тιп giả mạo: kẻ gian ɑn cắp tài khoản bằng ѕ\u200Cự lừa đảo.\n\nНовости дня: a Russian headline stays as it is.\n\nÐức Phúc hát.\n';
  const fs = check(text).filter((f) => /Look-alike/.test(f.message));
  assert.equal(fs.length, 2);
  const fixed = fixAll(text, fs);
  assert.ok(fixed.startsWith('Cảnh báo tin giả mạo: kẻ gian an cắp tài khoản bằng sự lừa đảo.'), fixed);
  assert.ok(fixed.includes('Новости дня'), 'a real Russian word is not a look-alike');
  assert.ok(fixed.includes('Đức Phúc hát.'), fixed);
});

test('decorative combining marks (b̼.̼o̼.̼m̼) are flagged and removed; Vietnamese diacritics stay', () => {
  const text = 'Truy cập b\u033C.\u033Co\u033C.\u033Cm\u033C để đọc tiếp bài viết này nhé.\n';
  const fs = check(text).filter((f) => /Combining marks/.test(f.message));
  assert.equal(fs.length, 1);
  assert.equal(fixAll(text, fs), 'Truy cập b.o.m để đọc tiếp bài viết này nhé.\n');
});

// ---- NFC -----------------------------------------------------------------------------------------

test('NFC: a decomposed word is flagged and converted', () => {
  const text = `Người dân ${'Việt'.normalize('NFD')} Nam vui mừng.`;
  const fs = check(text);
  assert.equal(fs.length, 1);
  assert.equal(fs[0].severity, 'warning');
  assert.equal(flagged(text, fs[0]), 'Việt'.normalize('NFD'));
  assert.equal(fs[0].fixes[0].title, 'Convert to NFC');
  assert.match(fs[0].message, /NFC/);
  assert.equal(fixAll(text, fs), 'Người dân Việt Nam vui mừng.');
});

test('NFC: decomposed words close together make one run; a long gap or a line break splits it', () => {
  const nfd = 'Thủ đô Hà Nội'.normalize('NFD');
  const far = ' cách 764 km theo Quốc lộ 1A và đường cao tốc '.normalize('NFC');
  const text = `Tin: ${nfd} và ${'Đà Nẵng'.normalize('NFD')}${far}${'Huế'.normalize('NFD')}.\n\nDòng hai ${'tiếng'.normalize('NFD')}`;
  const fs = check(text);
  assert.deepEqual(fs.map((f) => flagged(text, f).normalize('NFC')), ['Thủ đô Hà Nội và Đà Nẵng', 'Huế', 'tiếng']);
  assert.equal(fixAll(text, fs), text.normalize('NFC'));
});

test('NFC: a wholly decomposed article is fixed by fix-all; NFC text gives nothing', () => {
  const para = 'Ông Nguyễn Văn Thưởng, Phó Chủ tịch UBND tỉnh, cho biết: “Chúng tôi sẽ khắc phục hậu quả.”';
  const text = `${para}\n\n${para}\r\n\r\n${para}`;
  assert.deepEqual(check(text), []);
  const nfd = text.normalize('NFD');
  const fs = check(nfd);
  assert.equal(fs.length, 3); // one run per line
  assert.equal(fixAll(nfd, fs), text);
});

test('NFC: other non-NFC characters (Ohm sign) are flagged; NFC-unstable spaces are left to the whitespace rule', () => {
  const text = 'Điện trở 10 \u2126 và khoảng\u2000trắng';
  const fs = check(text);
  assert.equal(fs.length, 1);
  assert.equal(flagged(text, fs[0]), '\u2126');
  assert.equal(fs[0].fixes[0].edits[0].newText, '\u03A9');
});

// ---- Mojibake ----------------------------------------------------------------------------------

test('mojibake: the classic sequences are repaired', () => {
  const cases: Array<[string, string]> = [
    ['Viá»‡t Nam', 'Việt Nam'],
    ['Ä‘Æ°á»\u009Dng', 'đường'],
    ['cÃ¡ch', 'cách'],
    ['â€œXin chÃ\u00A0o!â€\u009D', '“Xin chào!”'],
    ['Ä\u0090Ã\u00A0 Náºµng', 'Đà Nẵng'], // undefined bytes passed through as C1 controls
    ['Viá»\u0087t', 'Việt'], // read as ISO-8859-1: C1 controls for 0x80-0x9F
    ['Â©2023', '©2023'],
  ];
  for (const [bad, good] of cases) {
    const text = `Tin: ${bad} hôm nay.`;
    const fs = check(text);
    assert.equal(fs.length, 1, bad);
    assert.equal(fs[0].severity, 'warning');
    assert.equal(fs[0].fixes[0].title, 'Repair mojibake');
    assert.match(fs[0].message, /Mojibake/);
    assert.equal(fixAll(text, fs), `Tin: ${good} hôm nay.`, bad);
  }
});

test('mojibake: a mangled paragraph is one finding per phrase, widened to whole words', () => {
  const good = 'Thủ tướng Chính phủ yêu cầu các bộ, ngành khẩn trương triển khai.';
  const bad = toMojibake(good);
  const text = `Đầu đề đúng\n\n${bad}\n\nCuối bài đúng.`;
  const fs = check(text);
  assert.ok(fs.length >= 1 && fs.length <= 3, String(fs.length));
  assert.equal(fs[0].start, text.indexOf(bad)); // "Thá»§" starts at the T
  assert.equal(fixAll(text, fs), `Đầu đề đúng\n\n${good}\n\nCuối bài đúng.`);
});

test('mojibake: twice-encoded text and a mis-read BOM', () => {
  const twice = toMojibake(toMojibake('Việt Nam'));
  const text = `Tin ${twice}`;
  assert.equal(fixAll(text, check(text)), 'Tin Việt Nam');
  const bom = 'ï»¿Hà Nội hôm nay';
  assert.equal(fixAll(bom, check(bom)), 'Hà Nội hôm nay');
  assert.equal(repairMojibake('Ã„â€˜'), 'đ');
});

test('mojibake: weak sequences need other evidence or a lower-case word', () => {
  // "là" read as cp1252 is "lÃ" + NBSP: inside a lower-case word, repaired
  const text = 'Đây lÃ\u00A0 nhà';
  assert.equal(fixAll(text, check(text)), 'Đây là nhà');
  // "Công" -> "CÃ´ng": the next letter is lower case
  assert.equal(fixAll('Bà CÃ´ng', check('Bà CÃ´ng')), 'Bà Công');
  // correct capitals followed by NBSP or a closing quote: not mojibake on their own
  for (const ok of ['NGÃ\u00A0BA ĐÈN', '“CÔ”', 'ĐỀN BÀ CHÚA KHO… NGÃ”', 'CHÂ\u00A0U', '«ĐÀ NẴNG»', 'đường XÃ\u00A0người']) {
    assert.deepEqual(check(ok), [], ok);
  }
  // but in a file with unambiguous mojibake, "HÃ" + NBSP is "Hà"
  const mixed = 'HÃ\u00A0 Ná»™i';
  assert.equal(fixAll(mixed, check(mixed)), 'Hà Nội');
});

test('mojibake: broken sequences (a byte lost) are flagged without a fix', () => {
  const text = 'Ông nói: â€œXin chÃ\u00A0o.â€ Rồi Ä i.';
  const fs = check(text);
  const broken = fs.filter((f) => f.fixes.length === 0);
  assert.deepEqual(broken.map((f) => flagged(text, f)), ['â€', 'Ä']);
  assert.match(broken[0].message, /cannot be repaired automatically.*probably "”"/);
  assert.match(broken[1].message, /probably "Đ"/);
  assert.ok(broken.every((f) => f.severity === 'warning'));
  // the others are repaired
  assert.equal(fixAll(text, fs), 'Ông nói: “Xin chào.â€ Rồi Ä i.');
  // cp1252 without the pass-through: "ờ" (E1 BB 9D) loses its last byte
  const lost = 'Ä‘Æ°á»ng';
  assert.deepEqual(check(lost).map((f) => [flagged(lost, f), f.fixes.length]), [['Ä‘Æ°', 1], ['á»', 0]]);
  // a NBSP turned into a space: "là" -> "lÃ "; "áº" is never correct text; "Ä" alone (a German name) is
  assert.deepEqual(check('Mỗi ngÃ y áº ').map((f) => [f.end - f.start, f.fixes.length]), [[1, 0], [2, 0]]);
  assert.deepEqual(check('Ông Äpfel và bà Ærø đến Hà Nội'), []);
});

test('mojibake: no false alarm on correct Vietnamese and typography', () => {
  const ok = [
    'à á â ã è é ê ì í ò ó ô õ ù ú ý À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý',
    'Ăn ăn Đà đà Ơn ơn Ưu ưu Ĩ ĩ Ũ ũ ạ ả ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ẹ ẻ ẽ ế ề ể ễ ệ ỉ ị ọ ỏ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ụ ủ ứ ừ ử ữ ự ỳ ỵ ỷ ỹ',
    'NGÃ BA, NGÃ TƯ, MÃ SỐ, ĐÃ XONG; CÁ “KHO”, Ô… Ê—Â–Ô‘Ê’ «Â» É·',
    'Giá 25.000 €, nhiệt độ 30° C, © Báo Gia Lai — “Tin”… ‘trích’ • ™',
    'thì…”, là“, bà—, é…”, á»a» (ngoặc kép kiểu Pháp), Müller, José, Ångström, Søren, François',
    'Tiếng Việt: tôi yêu Việt Nam. Hòa bình, khỏe mạnh, thủy lợi, quý, tọa đàm.',
  ];
  for (const t of ok) assert.deepEqual(check(t).filter((f) => f.severity !== 'information'), [], t);
});

// ---- U+FFFD ------------------------------------------------------------------------------------

test('U+FFFD: each run flagged, no fix', () => {
  const text = 'Vi\uFFFD\uFFFDt Nam v\uFFFD H\uFFFD N\uFFFDi';
  const fs = check(text);
  assert.equal(fs.length, 4);
  assert.deepEqual(fs.map((f) => f.end - f.start), [2, 1, 1, 1]);
  assert.ok(fs.every((f) => f.fixes.length === 0 && f.severity === 'warning'));
  assert.match(fs[0].message, /U\+FFFD ×2.*lost/);
});

// ---- Tone placement ------------------------------------------------------------------------------

test('tone mix: only when both placements occur; flags the ones off the setting', () => {
  const text = 'Hòa bình, khỏe mạnh, thủy lợi. Hoà giải, các cấp uỷ, THUÝ.';
  const fs = check(text);
  assert.deepEqual(fs.map((f) => flagged(text, f)), ['Hoà', 'uỷ', 'THUÝ']);
  assert.ok(fs.every((f) => f.severity === 'information'));
  assert.deepEqual(fs.map((f) => f.fixes[0].title), ['Write "Hòa"', 'Write "ủy"', 'Write "THÚY"']);
  assert.equal(fixAll(text, fs), 'Hòa bình, khỏe mạnh, thủy lợi. Hòa giải, các cấp ủy, THÚY.');
  const old = check(text, { toneStyle: 'new' });
  assert.deepEqual(old.map((f) => flagged(text, f)), ['Hòa', 'khỏe', 'thủy']);
  assert.equal(fixAll(text, old), 'Hoà bình, khoẻ mạnh, thuỷ lợi. Hoà giải, các cấp uỷ, THUÝ.');
  assert.match(fs[0].message, /hoà.*hòa/);
});

test('tone mix: one style alone, closed syllables and qu are not style', () => {
  assert.deepEqual(check('Hoà giải, khoẻ, uỷ ban, thuý.'), []);
  assert.deepEqual(check('Hòa giải, khỏe, ủy ban, thúy.', { toneStyle: 'new' }), []);
  // hoàn/toán/thuyết/quý/quí are the same in both styles
  assert.deepEqual(check('hòa hoàn toán thuyết quý quỳ khuỷu ngoài xoáy'), []);
  assert.deepEqual(check('hoà hoàn toán thuyết quý quỳ khuỷu ngoài xoáy'), []);
});

// ---- Odd input and speed -------------------------------------------------------------------------

test('odd input never throws', () => {
  for (const t of ['', '\n', '\r\n\r\n', '\u0000\u0000', 'a\uD800b\uDC00', '\uFEFF', 'Ã', 'â€', '\u0301', ' \u0301x',
    'á»', 'Ä\r\nx', '\uFFFD', 'ðŸ˜€ vui', 'x'.repeat(1000) + 'Ã¡']) {
    check(t);
  }
  assert.equal(fixAll('ðŸ˜€ vui', check('ðŸ˜€ vui')), '😀 vui');
});

test('a large article with every kind of problem: all found', () => {
  const para = 'Ông Nguyễn Văn Thưởng, Phó Chủ tịch UBND tỉnh hòa giải, cho biết: “Chúng tôi sẽ khắc phục hậu quả.” Hoà.';
  const text = Array.from({ length: 6000 }, (_, i) =>
    i % 3 === 0 ? para : i % 3 === 1 ? para.normalize('NFD') : toMojibake(para) + ' \uFFFD').join('\n\n');
  const fs = check(text);
  assert.ok(fs.length > 6000);
});

// ---- Property ------------------------------------------------------------------------------------

const SYLLABLES = ('người dân việt nam hà nội thành phố hồ chí minh đà nẵng thủ tướng chính phủ quốc hội ' +
  'bộ trưởng kinh tế xã hội phát triển đường giao thông nông thôn công an tỉnh huyện ủy ban nhân dân ' +
  'hòa bình khỏe mạnh thúy tọa đàm quý giá ngày tháng năm tiếng ở đây được những với của và là có không ' +
  'gì ai ạ ơi ừ ấy ước ưu ổn ẩn ăn uống ngoài xoáy khuya thuyết hoàn toán').split(' ');
const STRONG = ['đường', 'việt', 'nội', 'người', 'ước', 'ưu', 'ẩn', 'Đà', 'thủ', 'quốc'];
const PUNCT = [' ', ' ', ' ', ', ', '. ', ' “', '” ', '… ', ' – ', ': ', '\u00A0'];

const capitalize = (w: string, mode: number) => (mode === 1 ? w[0].toLocaleUpperCase('vi') + w.slice(1) : mode === 2 ? w.toLocaleUpperCase('vi') : w);
const vietnamese = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...SYLLABLES), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...PUNCT)), { minLength: 1, maxLength: 25 }),
    fc.constantFrom(...STRONG),
    fc.nat(),
  )
  .map(([words, strong, at]) => {
    const parts = words.map(([w, mode, p]) => capitalize(w, mode) + p);
    parts.splice(at % (parts.length + 1), 0, strong + ' ');
    return parts.join('').trim();
  });

test('property: mojibake of Vietnamese text is detected and repaired back', () => {
  fc.assert(
    fc.property(vietnamese, (s) => {
      const bad = toMojibake(s);
      const fs = check(bad);
      assert.ok(fs.some((f) => f.severity === 'warning'));
      assert.equal(fixAll(bad, fs), s);
    }),
    { numRuns: 400 },
  );
});

test('property: correct NFC text gives no findings; its NFD form is fixed back', () => {
  fc.assert(
    fc.property(vietnamese, (s) => {
      assert.deepEqual(check(s), []);
      const nfd = s.normalize('NFD');
      assert.equal(fixAll(nfd, check(nfd)), s);
    }),
    { numRuns: 400 },
  );
});

// ---- Seeds ---------------------------------------------------------------------------------------

test('seeds: no warning anywhere (the seeds are NFC, without mojibake or U+FFFD); gold unicode defects found', () => {
  const seeds = loadSeeds();
  assert.equal(seeds.length, 5);
  for (const { gold, text } of seeds) {
    const { article, findings } = run(text);
    const loud = findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
    assert.deepEqual(loud.map((f) => `${gold.file}:${lineOf(article, f.start) + 1} ${f.message}`), []);
    for (const d of gold.defects.filter((x) => x.code === 'unicode' && !x.optional)) {
      assert.ok(findings.some((f) => lineOf(article, f.start) + 1 <= d.lines[1] && lineOf(article, f.end) + 1 >= d.lines[0]),
        `${gold.file}:${d.lines[0]} unicode defect not found`);
    }
    // the mojibake of a seed is repaired back to the seed
    const bad = toMojibake(article.text);
    assert.equal(fixAll(bad, check(bad)), article.text, gold.file);
  }
});
