// A list of dated teasers after the article (a title, a summary, a time stamp, again and again):
// its lines are teasers even where they read as text. A live blog's dated entries, with no article
// text above them, are the article itself and stay as read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longParagraphsModel, readWith } from './testModels';

const para = (i: number) => `Đoạn văn thứ ${i + 1} của bài báo kể lại diễn biến vụ việc cùng ý kiến của người dân và chính quyền địa phương.`;
const TEASERS = [
  ['Kiểm nghiệm mẫu bạch tuộc cắn chết người ở Huế', 'Chiều 8.7, thông tin từ UBND xã Vinh Hà cho biết các cơ quan chức năng đã thu giữ con bạch tuộc để kiểm nghiệm mẫu.', 'thứ năm, 17/08/2017 15:48'],
  ['Xin đổ thêm 2,4 triệu m3 bùn thải xuống biển Bình Thuận', 'Tổng công ty phát điện 3 cho biết đang xúc tiến xin giấy phép đổ xuống biển xã Vĩnh Tân 2,4 triệu m3 bùn cát thải.', 'thứ năm, 17/08/2017 15:44'],
  ['Điều tra vụ nghi phạm chết sau khi làm việc tại cơ quan điều tra', 'Khoảng 5 giờ sáng 8.7, sau khi được cơ quan công an điều tra đưa đi cấp cứu, nghi phạm đã tử vong tại bệnh viện.', 'thứ năm, 17/08/2017 15:41'],
  ['Alibaba sắp bắt kịp giá trị thị trường Amazon', 'Cuộc đua trở thành hãng thương mại điện tử lớn nhất thế giới đang nóng lên từng ngày giữa hai tập đoàn.', 'thứ tư, 16/08/2017 16:12'],
];

function read(text: string) {
  return readWith(longParagraphsModel('heading'), text);
}

test('dated teasers after the article are related, their summaries too; the article\'s paragraphs stay', () => {
  const text = ['Tiêu đề của bài báo về xuất khẩu thủy sản', para(0), para(1), para(2), ...TEASERS.flat()].join('\n');
  const lines = read(text);
  for (const l of lines.slice(4)) {
    assert.equal(l.kind, 'related', l.text);
    assert.match(l.why ?? '', /dated teasers/);
  }
  for (const l of lines.slice(1, 4)) assert.equal(l.kind, 'paragraph', l.text);
  // relative times (`5 phút trước`) date the records as well
  const relative = ['Tiêu đề của bài báo về xuất khẩu thủy sản', para(0), para(1), para(2), ...TEASERS.flatMap(([title, summary], i) => [`${i + 2} giờ trước`, title, summary])].join('\n');
  assert.deepEqual(read(relative).slice(4).filter((l) => l.kind !== 'related').map((l) => l.text), []);
});

test('without three paragraphs of the article above them (a live blog), dated records stay as read; two records are no list', () => {
  const live = ['Trực tiếp MU 0-0 Man City', para(0), ...TEASERS.flatMap(([title, summary, time]) => [time, title, summary])].join('\n');
  assert.deepEqual(read(live).filter((l) => l.why !== undefined && /dated teasers/.test(l.why)), []);
  const two = ['Tiêu đề của bài báo về xuất khẩu thủy sản', para(0), para(1), para(2), ...TEASERS.slice(0, 2).flat()].join('\n');
  assert.deepEqual(read(two).filter((l) => l.why !== undefined && /dated teasers/.test(l.why)), []);
  // nor is a date inside each paragraph of a text (no line of its own dated)
  const dates = ['Tiêu đề của bài báo về xuất khẩu thủy sản', para(0), para(1), para(2), ...TEASERS.flatMap(([title, summary, time]) => [title, `${summary} Cập nhật ${time}.`])].join('\n');
  assert.deepEqual(read(dates).filter((l) => l.why !== undefined && /dated teasers/.test(l.why)), []);
});

test('a record whose time stamp takes two lines (a date, then a relative time) is one record: 5 lines with a source line', () => {
  const records = TEASERS.flatMap(([title, summary]) => [title, 'mypage -', '16/08/2017', '6 năm trước', summary]);
  const text = ['Tiêu đề của bài báo về xuất khẩu thủy sản', para(0), para(1), para(2), ...records].join('\n');
  const lines = read(text);
  assert.deepEqual(lines.slice(4).filter((l) => l.kind !== 'related').map((l) => l.text), []);
  for (const l of lines.slice(1, 4)) assert.equal(l.kind, 'paragraph', l.text);
  // with a one-line time stamp and a section line in place of the second, the records are teasers
  // too, and the first one does not reach back into the article's last paragraph
  const five = TEASERS.flatMap(([title, summary, time]) => [title, 'mypage -', 'Giải trí', time, summary]);
  const plain = read(['Tiêu đề của bài báo về xuất khẩu thủy sản', para(0), para(1), para(2), ...five].join('\n'));
  assert.deepEqual(plain.slice(4).filter((l) => l.kind !== 'related').map((l) => l.text), []);
  for (const l of plain.slice(1, 4)) assert.equal(l.kind, 'paragraph', l.text);
});

test('records of five lines with a one-line date (a theme\'s related posts: section, date, bar, comment count, title) are teasers', () => {
  const records = TEASERS.flatMap(([title], i) => ['Thời sự', `${20 - i}/08/2017`, '|', 'Chưa có bình luận', title]);
  const lines = read(['Tiêu đề của bài báo về xuất khẩu thủy sản', para(0), para(1), para(2), 'Bài viết liên quan', ...records].join('\n'));
  const titles = lines.filter((l) => TEASERS.some(([title]) => title === l.text));
  assert.equal(titles.length, 4);
  for (const l of titles) assert.equal(l.kind, 'related', JSON.stringify(lines));
});

test("an event list in the article (a numbered item, its time and place as dashed fields) is the article's list, not dated teasers", () => {
  const events = [
    ['9. Lễ hội âm nhạc HITE JINRO Festival 2024', '- Thời gian: 17h ngày 30/11/2024 (thứ Bảy)', '- Địa điểm: Quảng trường Long An'],
    ['10. Đêm hội truyền thống Long An', '- Thời gian: 18h ngày 01/12/2024 (Chủ Nhật)', '- Địa điểm: Công viên phường 6'],
    ['11. Lễ bế mạc Tuần lễ Văn hóa - Thể thao - Du lịch', '- Thời gian: 18h00 ngày 04/12/2024 (thứ Tư)', '- Địa điểm: tại Phường 6, thành phố Tân An'],
  ];
  const text = ['Tuần lễ Văn hóa - Thể thao - Du lịch tỉnh Long An', para(0), para(1), para(2), ...events.flat()].join('\n');
  assert.deepEqual(read(text).filter((l) => l.why !== undefined && /dated teasers/.test(l.why)).map((l) => l.text), []);
  // the same records with bare time stamps are teasers
  const bare = ['Tuần lễ Văn hóa - Thể thao - Du lịch tỉnh Long An', para(0), para(1), para(2), ...events.map(([title, time, place]) => [title.replace(/^\d+\. /, ''), time.replace('- Thời gian: ', ''), place.replace('- Địa điểm: ', 'Tại ')]).flat()].join('\n');
  assert.ok(read(bare).filter((l) => /dated teasers/.test(l.why ?? '')).length >= 6, JSON.stringify(read(bare)));
});

test('teaser cards of seven lines (a section, a bar, an author, a bar, a relative time, an excerpt, a title) are teasers, their bars too', () => {
  const sections = ['Sức khỏe', 'Du lịch', 'Xã hội', 'Pháp luật'];
  const cards = TEASERS.flatMap(([title, summary], i) => [sections[i], '-', 'Minh Nhật', '-', `${i + 2} giờ trước`, summary, title]);
  const lines = read(['Tiêu đề của bài báo về xuất khẩu thủy sản', para(0), para(1), para(2), 'Xem thêm', ...cards].join('\n'));
  const bars = lines.filter((l) => l.text === '-');
  assert.equal(bars.length, 8);
  for (const l of bars) assert.equal(l.kind, 'related', JSON.stringify(lines.map((x) => [x.text.slice(0, 12), x.kind])));
  const titles = lines.filter((l) => TEASERS.some(([title]) => title === l.text));
  assert.equal(titles.length, 4);
  for (const l of titles) assert.equal(l.kind, 'related', l.text);
  for (const l of lines.slice(1, 4)) assert.equal(l.kind, 'paragraph', l.text);
});

test("a forum's replies (a number, a name, a rank, the reply, the name again, a date: six lines) are no teasers: no title between two dates", () => {
  const replies = ['ừ hay đó nhỉ, mình cũng thử rồi', 'chơi thử phát xem sao', 'có chuyện giữa 3 người ko', 'lần đầu thấy có cái này luôn'];
  const posts = replies.flatMap((reply, i) => [`#${i + 1}`, `thanhvien${i}`, 'Thành viên', reply, `thanhvien${i},`, '14/12/12']);
  const lines = read(['Tiêu đề của bài báo về xuất khẩu thủy sản', para(0), para(1), para(2), ...posts].join('\n'));
  assert.deepEqual(lines.filter((l) => /dated teasers/.test(l.why ?? '')).map((l) => l.text), []);
  // the same records with a teaser's title in place of each reply are teasers
  const teasers = TEASERS.flatMap(([title], i) => [`#${i + 1}`, `thanhvien${i}`, 'Thành viên', title, `thanhvien${i},`, '14/12/12']);
  const read2 = read(['Tiêu đề của bài báo về xuất khẩu thủy sản', para(0), para(1), para(2), ...teasers].join('\n'));
  assert.ok(read2.filter((l) => /dated teasers/.test(l.why ?? '')).length >= 12, JSON.stringify(read2));
});
