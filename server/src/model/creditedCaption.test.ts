// A line that ends with a photo credit (`… trước trận - Ảnh: MCFC`, `(Ảnh minh họa)`) after words of
// its own describes a photo: a caption, though the model read it as text, chrome or a teaser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWith, weightsModel } from './testModels';

const PARA = 'Trận đấu giữa hai đội diễn ra trên sân Old Trafford trong sự chứng kiến của hơn bảy mươi nghìn khán giả, với nhiều pha bóng hấp dẫn ở cả hai hiệp.';

test('a line ending with a photo credit is a caption, whatever the model read; the hover says why', () => {
  const captions = ['Amorim ký tặng người hâm mộ trước trận - Ảnh: MUFC', 'Hà Nội cần chuyển hóa di sản Thăng Long thành động lực kinh tế.(Ảnh minh họa)'];
  for (const kind of ['paragraph', 'boilerplate', 'related'] as const) {
    const lines = readWith(weightsModel({ bias: { [kind]: 5 }, long: { paragraph: 15 } }), ['Tiêu đề bài báo về trận đấu', PARA, ...captions, PARA].join('\n'));
    for (const c of captions) {
      const l = lines.find((x) => x.text === c)!;
      assert.equal(l.kind, 'caption', `${kind}: ${c}`);
      assert.match(l.why ?? '', /photo credit/);
    }
  }
});

test('no caption: a credit of the text and the photos (the byline), a bare credit, a whole body on one line, a line the model read as a byline', () => {
  const model = weightsModel({ bias: { paragraph: 5 } });
  const read = (line: string) => readWith(model, ['Tiêu đề bài báo về trận đấu', PARA, line].join('\n')).find((x) => x.text === line)!;
  assert.notEqual(read('Tin, ảnh: Nguyễn Văn Nam').why?.includes('photo credit'), true);
  assert.equal(read('Ảnh: MUFC').kind, 'paragraph');
  const body = `${PARA} ${PARA} ${PARA} Ảnh: TTXVN`;
  assert.equal(read(body).kind, 'paragraph');
  const byline = readWith(weightsModel({ bias: { byline: 5 } }), ['Tiêu đề', 'Hoàng Minh, phóng viên thường trú tại Hà Nội - Ảnh: Hoàng Minh'].join('\n'));
  assert.equal(byline[1].kind, 'byline');
});
