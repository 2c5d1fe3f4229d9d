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
