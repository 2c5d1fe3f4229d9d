// Context features of the recognizer (features.ts): what stands around a line, not the line itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare } from './recognize';
import { defaultKnowledge } from './knowledge';

function featuresByLine(text: string): Map<string, string[]> {
  const p = prepare(text, defaultKnowledge);
  return new Map(p.content.map((i, j) => [p.lines[i].text, p.featuresOf(j)]));
}

const BODY = 'Ông Nguyễn Văn A cho biết, trong năm nay thành phố sẽ tiếp tục đầu tư nâng cấp hạ tầng giao thông và các công trình phúc lợi cho người dân.';

test('classified ads come in runs: a line among ads knows how many of its 8 neighbours read like ads', () => {
  const ads = [
    'Cần bán căn hộ chung cư quận 2, giá rẻ',
    'Tuyển dụng nhân viên kinh doanh, lương cao',
    'Siêu thị điện máy giảm giá tủ lạnh',
    'Cho thuê mặt bằng kinh doanh mặt tiền',
    'Thanh lý máy giặt chính hãng',
    'Nội thất gia đình giảm giá 40%',
  ];
  const f = featuresByLine([BODY, '', ...ads, '', BODY.replace('Ông', 'Bà')].join('\n'));
  assert.ok(f.get(ads[2])!.includes('adsNear=5+'), f.get(ads[2])!.join(' '));
  assert.ok(f.get(ads[2])!.includes('adsNear|commerce'));
  // the body's paragraphs have one or two ads beside them at most, and no commerce words
  assert.ok(!f.get(BODY)!.some((x) => x === 'adsNear=5+' || x === 'adsNear|commerce'));
});

test('a line below a "Tin liên quan" or comments header knows it, and how far below', () => {
  const text = [BODY, 'Tin liên quan', 'Hà Nội thông xe cầu vượt mới', BODY.replace('Ông', 'Bà'), 'Ý kiến bạn đọc', 'Bài viết rất hay, cảm ơn tác giả đã viết một bài viết rất dài và đầy đủ thông tin như thế này.'].join('\n');
  const f = featuresByLine(text);
  assert.ok(!f.get(BODY)!.some((x) => x.startsWith('under=')));
  assert.ok(f.get('Hà Nội thông xe cầu vượt mới')!.includes('under=teaser|at=1'));
  const comment = f.get('Bài viết rất hay, cảm ơn tác giả đã viết một bài viết rất dài và đầy đủ thông tin như thế này.')!;
  assert.ok(comment.includes('under=comment|at=1'), comment.join(' '));
  assert.ok(comment.includes('under=comment|prose'));
});

test('a header reaches down to the next chrome line: a tag list under "Tags:" is not under the "Xem thêm" above it', () => {
  const text = [BODY, 'Xem thêm', 'Thực phẩm giúp ngăn ngừa ung thư', 'Chia sẻ Facebook', 'Tags:', 'ung thư bàng quang', 'tiểu tiện'].join('\n');
  const f = featuresByLine(text);
  assert.ok(f.get('Thực phẩm giúp ngăn ngừa ung thư')!.includes('under=teaser|at=1'));
  assert.ok(f.get('Chia sẻ Facebook')!.includes('under=teaser|at=2-5'));
  assert.ok(!f.get('ung thư bàng quang')!.some((x) => x.startsWith('under=')), f.get('ung thư bàng quang')!.join(' '));
  assert.ok(!f.get('tiểu tiện')!.some((x) => x.startsWith('under=')));
});

test("a news source's prefix is the lead's the first time; the same prefix again opens a teaser's summary, alone or glued to its title", () => {
  const lead = '(Dân trí) - Ủy ban nhân dân thành phố vừa phê duyệt kế hoạch cải tạo hơn hai mươi tuyến phố cũ trong năm tới.';
  const glued = 'Lật tàu du lịch ở Trung Quốc sau mưa đá, gần 80 người thương vong(Dân trí) - Một vụ lật thuyền nghiêm trọng xảy ra tại tỉnh Quý Châu khiến 9 người chết.';
  const alone = '(Dân trí) - Lần đầu tham quan bảo tàng, không ít người cảm thấy nghẹn ngào, xúc động, thậm chí không nén được nước mắt.';
  const spaced = 'HÀ NỘI (Dân trí) - Một dòng mở đầu khác.';
  const f = featuresByLine(['Thành phố cải tạo hai mươi tuyến phố cũ', lead, BODY, BODY.replace('Ông', 'Bà'), glued, alone].join('\n'));
  assert.ok(f.get(lead)!.includes('src=first') && !f.get(lead)!.some((x) => x.startsWith('src=later')), f.get(lead)!.join(' '));
  assert.ok(f.get(glued)!.includes('src=later') && f.get(glued)!.includes('src=later|glued'), f.get(glued)!.join(' '));
  assert.ok(f.get(alone)!.includes('src=later') && !f.get(alone)!.includes('src=later|glued'));
  assert.ok(!f.get(BODY)!.some((x) => x.startsWith('src=')));
  // a place name before the lead's prefix is not a glued title
  const g = featuresByLine([spaced, BODY].join('\n'));
  assert.deepEqual(g.get(spaced)!.filter((x) => x.startsWith('src=')), ['src=first']);
});
