// Whitespace and invisible characters inside text that a removal of the same analysis takes away (a
// menu line of site chrome, a teaser run) are not reported: a saved page's indented menu showed each
// line twice in the Problems panel. Under a removal that is only a suggestion, or one the curator
// ignored, they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from './analyze';
import { DEFAULT_CONFIG, type Config } from './config';
import { positionAt } from '../rules/ranges';
import type { Finding } from '../rules/types';

const TEXT = [
  'Thanh Hóa: Huyện miền núi khánh thành cầu treo cho học sinh',
  'Thứ Năm, 4/5/2023, 17:16 (GMT+7)',
  '    Sáng 4/5, huyện Mường Lát tổ chức khánh thành cây cầu treo mới, giúp hàng trăm học sinh qua suối an toàn trong mùa mưa lũ sắp tới.',
  'Cây cầu dài 80 m được xây dựng bằng nguồn vốn xã hội hóa và ngân sách địa phương, hoàn thành sau bốn tháng thi công liên tục.',
  '        Chia sẻ',
  'Ông Lò Văn Hùng, Chủ tịch UBND xã Pù Nhi, cho biết trước đây mỗi mùa mưa, học sinh phải nghỉ học nhiều ngày vì nước suối dâng cao.',
].join('\n');

function byLine(findings: Finding[], text: string, code: string): number[] {
  const a = analyze(text).article;
  return findings.filter((f) => f.code === code).map((f) => positionAt(a, f.start).line);
}

test('no whitespace finding on an indented chrome line its removal takes away; the body line\'s indentation is still reported', () => {
  const { findings } = analyze(TEXT, { file: '/p/a.txt' });
  assert.deepEqual(byLine(findings, TEXT, 'boilerplate'), [4], JSON.stringify(findings.map((f) => [f.code, f.severity, f.message])));
  assert.equal(findings.find((f) => f.code === 'boilerplate')!.severity, 'warning');
  assert.deepEqual(byLine(findings, TEXT, 'whitespace'), [2]);
});

test('under a removal that is only a suggestion, or that the curator ignored, the whitespace finding is reported', () => {
  // the boilerplate rule set to information: its removal is no longer applied by fix-all
  const info: Config = { ...DEFAULT_CONFIG, rules: { boilerplate: 'information' } };
  const a = analyze(TEXT, { file: '/p/a.txt', config: info });
  assert.deepEqual(byLine(a.findings, TEXT, 'whitespace'), [2, 4]);
  // the boilerplate finding ignored in the project file
  const hash = analyze(TEXT, { file: '/p/a.txt' }).findings.find((f) => f.code === 'boilerplate')!.hash!;
  const ignored: Config = { ...DEFAULT_CONFIG, root: '/p', ignore: [{ file: 'a.txt', code: 'boilerplate', hash }] };
  const b = analyze(TEXT, { file: '/p/a.txt', config: ignored });
  assert.equal(b.ignored, 1);
  assert.deepEqual(byLine(b.findings, TEXT, 'boilerplate'), []);
  assert.deepEqual(byLine(b.findings, TEXT, 'whitespace'), [2, 4]);
});
