import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findToneWords, stripTone, toneCluster, toneOf, withTone, withTonePlacement } from './vietnamese';

test('tone of a letter, and the letter without or with another tone', () => {
  assert.equal(toneOf('ệ'), '\u0323');
  assert.equal(toneOf('ờ'), '\u0300');
  assert.equal(toneOf('ư'), '');
  assert.equal(toneOf('a'), '');
  assert.equal(stripTone('ệ'), 'ê');
  assert.equal(stripTone('Ữ'), 'Ư');
  assert.equal(stripTone('đ'), 'đ');
  assert.equal(withTone('ơ', '\u0301'), 'ớ');
  assert.equal(withTone('ạ', '\u0309'), 'ả');
  assert.equal(withTone('Ẫ', ''), 'Â');
});

test('toneCluster: open oa/oe/uy syllables, both placements, any case', () => {
  for (const w of ['hòa', 'khỏe', 'thúy', 'ủy', 'Hòa', 'HÒA', 'lòa', 'tọa', 'xòe', 'Thụy']) {
    assert.equal(toneCluster(w)?.placement, 'first', w);
  }
  for (const w of ['hoà', 'khoẻ', 'thuý', 'uỷ', 'Hoà', 'HOÀ', 'loà', 'toạ', 'xoè', 'Thuỵ']) {
    assert.equal(toneCluster(w)?.placement, 'second', w);
  }
});

test('toneCluster: not a style question', () => {
  // qu + y, closed syllables, triphthongs, untoned, other clusters, not a Vietnamese onset, too long
  for (const w of ['quý', 'quỳ', 'Quỷ', 'hoàn', 'toán', 'thuyết', 'khuỷu', 'ngoài', 'xoáy', 'hoa', 'thuy',
    'múa', 'mía', 'Samoà', 'xyzoà', 'ngoằn', 'a', '', 'hoà-']) {
    assert.equal(toneCluster(w), null, w);
  }
});

test('withTonePlacement moves the tone and keeps case', () => {
  assert.equal(withTonePlacement('hoà', 'first'), 'hòa');
  assert.equal(withTonePlacement('hòa', 'second'), 'hoà');
  assert.equal(withTonePlacement('uỷ', 'first'), 'ủy');
  assert.equal(withTonePlacement('Thuý', 'first'), 'Thúy');
  assert.equal(withTonePlacement('KHOẺ', 'first'), 'KHỎE');
  assert.equal(withTonePlacement('HòA', 'second'), 'HoÀ');
  assert.equal(withTonePlacement('toạ', 'first'), 'tọa');
  assert.equal(withTonePlacement('hòa', 'first'), 'hòa');
  assert.equal(withTonePlacement('quý', 'first'), 'quý');
  assert.equal(withTonePlacement('hoàn', 'first'), 'hoàn');
});

test('findToneWords finds the open oa/oe/uy syllables of a text, any case', () => {
  const text = 'Hòa bình, HOÀ GIẢI, ủy ban; quý, hoàn, Samoà, uỷ.\nkhỏe/khoẻ thuý-Thụy';
  assert.deepEqual(findToneWords(text).map((w) => [w.word, w.placement, text.slice(w.start, w.end)]), [
    ['Hòa', 'first', 'Hòa'], ['HOÀ', 'second', 'HOÀ'], ['ủy', 'first', 'ủy'], ['uỷ', 'second', 'uỷ'],
    ['khỏe', 'first', 'khỏe'], ['khoẻ', 'second', 'khoẻ'], ['thuý', 'second', 'thuý'], ['Thụy', 'first', 'Thụy'],
  ]);
  assert.deepEqual(findToneWords(''), []);
});
