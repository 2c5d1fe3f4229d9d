// A list the article's own sentence announces with a colon (`…elected to the key posts:` then
// `Chủ tịch: …`, `Phó chủ tịch: …`) is the article's text, even at the end where teasers usually stand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from './article';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { longParagraphsModel, weightsModel } from './testModels';

const BODY = [
  'Ông Lê Hoài Anh tiếp tục giữ chức tổng thư ký liên đoàn khóa 8',
  '2018-12-08 00:00:00',
  'TTO - 23h đêm 8-12, cuộc họp đầu tiên của ban chấp hành liên đoàn khóa 8 đã diễn ra ngay sau khi đại hội kết thúc, với nhiều quyết định nhân sự quan trọng cho nhiệm kỳ mới.',
  'Đại hội khóa 8 kết thúc lúc 23h ngày 8-12 và trở thành đại hội được tiến hành dài nhất lịch sử bóng đá, liên tục 13 tiếng đồng hồ vì khâu bầu cử kéo dài.',
  'Trong phiên họp đầu tiên, tân chủ tịch đã bổ nhiệm ông Lê Hoài Anh, tổng thư ký nhiệm kỳ trước, tiếp tục giữ chức vụ tổng thư ký trong nhiệm kỳ này.',
];
const ITEMS = [
  'Chủ tịch: Lê Khánh Hải',
  'Phó chủ tịch: Trần Quốc Tuấn (chuyên môn), Cao Văn Chóng (truyền thông)',
  'Tổng thư ký: Lê Hoài Anh',
  'Trưởng ban kiểm tra: Nguyễn Hiền Lương',
];

function kindOf(text: string): Map<string, string> {
  const a = parseArticle(text);
  const out = new Map<string, string>();
  for (const b of a.blocks) for (const line of b.text.split('\n')) out.set(line, b.kind);
  return out;
}

const INTRO = 'Danh sách ứng viên trúng cử các chức danh chủ chốt tại đại hội khóa 8 như sau:';

/** Each content line's kind and why, read by a model that calls long sentences paragraphs and every other line `kind`. */
function ruledBy(kind: 'related' | 'boilerplate' | 'caption' | 'heading', text: string): Map<string, { kind: string; why?: string }> {
  const p = prepare(text, defaultKnowledge);
  const r = recognize(p, longParagraphsModel(kind));
  return new Map(p.content.map((i, j) => [p.lines[i].text, { kind: r.kinds[j], why: r.ruled.get(j) }]));
}

test('the items of a list announced by a paragraph ending in a colon are paragraphs, whatever the model reads', () => {
  for (const kind of ['related', 'boilerplate', 'caption', 'heading'] as const) {
    const k = ruledBy(kind, [...BODY, INTRO, ...ITEMS, 'Bản tin thể thao tối nay'].join('\n'));
    assert.equal(k.get(INTRO)?.kind, 'paragraph', kind);
    for (const item of ITEMS) {
      assert.equal(k.get(item)?.kind, 'paragraph', `${kind}: ${item}`);
      assert.match(k.get(item)?.why ?? '', /announces/, `${kind}: the hover says why`);
    }
    // the list ends at the first line that is not `label: value`
    assert.equal(k.get('Bản tin thể thao tối nay')?.kind, kind);
  }
  // with the shipped model too
  const k = kindOf([...BODY, INTRO, ...ITEMS].join('\n'));
  for (const item of ITEMS) assert.equal(k.get(item), 'paragraph', item);
});

test('contact lines the article announces are its text, though a site footer uses the same words', () => {
  const intro = 'Để bạn đọc tiện liên hệ, tòa soạn xin cung cấp địa chỉ và số điện thoại của lương y:';
  const contact = ['Địa chỉ: Xóm Đình, thôn Phú Vinh, xã An Khánh, Hoài Đức, Hà Nội.', 'Điện thoại: 0936.014.305 – 0971.968.263'];
  const k = ruledBy('related', [...BODY, intro, ...contact, 'Thu Lương'].join('\n'));
  for (const c of contact) assert.equal(k.get(c)?.kind, 'paragraph', c);
  // the same lines under a site's footer stay chrome
  const footer = ruledBy('related', [...BODY, 'Báo điện tử của Hội Luật gia Việt Nam', ...contact].join('\n'));
  for (const c of contact) assert.notEqual(footer.get(c)?.kind, 'paragraph', c);
});

test('a list the article does not announce keeps what the model reads; chrome under a colon stays chrome', () => {
  // the same items after a sentence that does not end in a colon: the rule says nothing
  const plain = ruledBy('related', [...BODY, INTRO.replace('như sau:', 'đã được công bố.'), ...ITEMS].join('\n'));
  for (const item of ITEMS) assert.equal(plain.get(item)?.kind, 'related', item);
  // nor when the line ending in a colon is a short header (`Xem thêm:`), not the article's sentence
  const header = ruledBy('related', [...BODY, 'Xem thêm:', ...ITEMS].join('\n'));
  for (const item of ITEMS) assert.equal(header.get(item)?.kind, 'related', item);
  // a teaser header ending in a colon is not the article's sentence: its list stays junk
  const k = kindOf([...BODY, 'Xem thêm:', 'Tin liên quan: Đại hội liên đoàn kéo dài kỷ lục', 'Video: Toàn cảnh đại hội khóa 8'].join('\n'));
  assert.notEqual(k.get('Tin liên quan: Đại hội liên đoàn kéo dài kỷ lục'), 'paragraph');
});

test('items that open as list items (a dash, a bullet, a number) after a sentence ending in a colon are paragraphs; a sentence between two lists announces the second', () => {
  const intro = '* Phạt tù từ 01 - 03 năm, nếu hành vi phạm tội thuộc 01 trong các trường hợp:';
  const items = ['- phạm tội có tổ chức', '- lợi dụng chức vụ, quyền hạn để thực hiện hành vi phạm tội', '- phạm tội từ 02 lần trở lên.'];
  const again = 'ngoài các hình phạt trên, người phạm tội còn có thể bị:';
  const more = ['- phạt tiền từ 5 – 20 triệu đồng', '- cấm đảm nhiệm chức vụ nhất định từ 01 - 05 năm.'];
  for (const kind of ['related', 'boilerplate', 'caption'] as const) {
    const text = [...BODY, intro, ...items, again, ...more, 'Bản tin pháp luật tối nay'].join('\n');
    const k = ruledBy(kind, text);
    for (const line of [...items, again, ...more]) assert.equal(k.get(line)?.kind, 'paragraph', `${kind}: ${line}`);
    assert.match(k.get(items[0])?.why ?? '', /announces/);
    // (a model that reads a line opening in a small letter as `kind` whatever its end: the sentence
    // between the lists is read as `kind`, and the rule makes it the article's)
    const p = prepare(text, defaultKnowledge);
    const r = recognize(p, weightsModel({ bias: { [kind]: 5 }, 'end=colon': { paragraph: 15 }, 'start=lower': { [kind]: 30 } }));
    const at = (line: string) => p.content.findIndex((i) => p.lines[i].text === line);
    assert.equal(r.kinds[at(again)], 'paragraph', kind);
    assert.match(r.ruled.get(at(again)) ?? '', /between two of its lists/);
    for (const line of more) assert.equal(r.kinds[at(line)], 'paragraph', `${kind}: ${line}`);
    // the list ends at the first line that opens as no item
    assert.equal(k.get('Bản tin pháp luật tối nay')?.kind, kind);
  }
  // a numbered item read as a subheading stays one: it opens a section
  const sections = ruledBy('heading', [...BODY, 'Bộ Chính trị yêu cầu các cấp ủy tập trung thực hiện những nội dung sau:', '1. Thực hiện Kết luận số 121-KL/TW của Ban Chấp hành', '- rà soát các văn bản'].join('\n'));
  assert.equal(sections.get('1. Thực hiện Kết luận số 121-KL/TW của Ban Chấp hành')?.kind, 'heading');
  assert.equal(sections.get('- rà soát các văn bản')?.kind, 'paragraph');
  // teasers under a short header ending in a colon stay teasers
  const header = ruledBy('related', [...BODY, 'Xem thêm:', ...items].join('\n'));
  for (const item of items) assert.equal(header.get(item)?.kind, 'related', item);
});
