// A teaser box after the article (`Tin cùng chuyên mục`, then a title and its summary, again and
// again): its summaries read as prose, but they are teasers (recognize.ts headedTeasers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, recognize } from './recognize';
import { defaultKnowledge } from './knowledge';
import { longParagraphsModel } from './testModels';

const TEXT = [
  'Nữ hoàng Kim cương Đinh Hiền Anh sẽ là một trong những vị giám khảo đặc biệt tại cuộc thi sắc đẹp quốc tế diễn ra vào tháng tới tại Singapore.',
  'Sau khi đăng quang liên tiếp tại hai cuộc thi nhan sắc dành cho quý bà, chị được yêu thích bởi nhan sắc rạng rỡ cùng giọng hát ngọt ngào.',
  'Nói về các dự định trong thời gian tới, chị cho biết sẽ gắn liền với các hoạt động âm nhạc và từ thiện, trong đó có một quỹ mang tên mình.',
];
const RECORDS: Array<[string, string]> = [
  ['Lan Khuê bất ngờ tiết lộ với báo chí là sắp kết hôn', 'Tại buổi tiệc, chân dài 9x này vô cùng xúc động khi xem lại clip tổng kết về hành trình của mình trong suốt thời gian qua cùng người hâm mộ.'],
  ['Á hậu Vân Anh rạng rỡ nét thanh xuân với áo dài cô Ba', 'Liên tục xuất hiện cũng như đánh dấu mình bằng những hình ảnh thu hút, vợ diễn viên ngày càng được nhiều khán giả yêu mến và theo dõi.'],
  ['Bệnh tai mũi họng trước nguy cơ ô nhiễm không khí', 'Tình trạng ô nhiễm không khí của nước ta hiện nay có những thời điểm rất đáng báo động, đe dọa trực tiếp đến sức khỏe của người dân các đô thị.'],
  ['Hành động bất ngờ của người vợ hay tin chồng có người khác', 'Chị làm bạn với tôi đã mười năm nay, chồng chị đi làm xa, chị ở nhà chăm nom vườn cây ao cá với hai đứa con nhỏ mà không một lời than vãn.'],
];

function kinds(lines: string[]): Map<string, string> {
  const p = prepare(lines.join('\n'), defaultKnowledge);
  // a model that reads the long sentences as text and every other line as a teaser
  const r = recognize(p, longParagraphsModel('related'));
  return new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
}

test('under a teaser header after the article, three records or more of a title and its summary are teasers, summaries included', () => {
  const k = kinds([...TEXT, 'Tin cùng chuyên mục', ...RECORDS.flat()]);
  for (const t of TEXT) assert.equal(k.get(t), 'paragraph', t);
  for (const [title, summary] of RECORDS) {
    assert.equal(k.get(title), 'related', title);
    assert.equal(k.get(summary), 'related', summary);
  }
});

test('without the header, with two records only, or with no article above, the summaries are left as read', () => {
  const summaries = (lines: string[]) => RECORDS.map(([, s]) => kinds(lines).get(s)).filter((x) => x !== undefined);
  assert.ok(summaries([...TEXT, ...RECORDS.flat()]).every((x) => x === 'paragraph'));
  const two = kinds([...TEXT, 'Tin cùng chuyên mục', ...RECORDS.slice(0, 2).flat()]);
  for (const [, s] of RECORDS.slice(0, 2)) assert.equal(two.get(s), 'paragraph', s);
  assert.ok(summaries(['Tin cùng chuyên mục', ...RECORDS.flat(), ...TEXT]).every((x) => x === 'paragraph'));
});
