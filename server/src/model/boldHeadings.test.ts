// A subheading in Markdown bold (recognize.ts boldHeadings): a bold line alone, short, not a
// sentence, right above the article's text, is a subheading; speakers, credits and photo captions are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultKnowledge } from './knowledge';
import { oneKindModel, readWith } from './testModels';

const TEXT = 'Bệnh viêm phế quản mạn tính nghề nghiệp là tình trạng tăng tiết nhầy của phế quản gây ho và khạc đờm liên tục do tiếp xúc với bụi trong quá trình lao động.';
const MODEL = oneKindModel('paragraph');
const read = (lines: string[]) => readWith(MODEL, ['# Hướng dẫn chẩn đoán bệnh viêm phế quản mạn tính nghề nghiệp', '', ...lines].join('\n'), { ...defaultKnowledge, recognizer: MODEL });
const kindOf = (lines: string[], line: string) => read(lines).find((l) => l.text === line)?.kind;

test('a short bold line alone right above the article\'s text is a subheading', () => {
  for (const bold of ['**ĐỊNH NGHĨA**', '**Những thành công vượt bậc**', '**(1) Mục đích**']) {
    assert.equal(kindOf([TEXT, '', bold, TEXT.replace('Bệnh', 'Chứng')], bold), 'heading', bold);
  }
});

test('a bold sentence, a speaker or a credit in brackets, a long bold line, or one above a heading or another bold line: left as read', () => {
  const next = TEXT.replace('Bệnh', 'Chứng');
  assert.equal(kindOf([TEXT, '**Sốt cao đột ngột là triệu chứng điển hình.**', next], '**Sốt cao đột ngột là triệu chứng điển hình.**'), 'paragraph');
  assert.equal(kindOf([TEXT, '**(Anh Yamada)**', next], '**(Anh Yamada)**'), 'paragraph');
  assert.equal(kindOf([TEXT, '**Thanh Nguyễn (thực hiện)**', next], '**Thanh Nguyễn (thực hiện)**'), 'paragraph');
  const long = '**Sốt xuất huyết dễ mắc mùa nào là băn khoăn thắc mắc của rất nhiều người dân hiện nay**';
  assert.equal(kindOf([TEXT, long, next], long), 'paragraph');
  assert.equal(kindOf([TEXT, '**Muỗi vằn mang virus**', '#### **Dự phòng sốt xuất huyết**', next], '**Muỗi vằn mang virus**'), 'paragraph');
  assert.equal(kindOf([TEXT, '**Muỗi vằn mang virus**', '**Dự phòng sốt xuất huyết**', next], '**Muỗi vằn mang virus**'), 'paragraph');
});
