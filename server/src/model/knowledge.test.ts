// The chrome phrases of the knowledge file: a teaser list's header is told from the menu's items,
// however the page decorates it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { boilerplateCategory, defaultKnowledge as k, hasCaptionCue, hasCaptionTail, isPageCode, loadKnowledge, phraseCategory, phraseKey } from './knowledge';
import { parseArticle } from './article';

test('a teaser header with its arrows, chevrons or colon is still a teaser header', () => {
  for (const line of ['>> Cùng chủ đề', '» Tin khác:', 'Tin liên quan >>', '• Xem nhiều nhất', '>> Xem thêm:', 'Các tin khác']) {
    assert.equal(boilerplateCategory(k, line), 'teaser', line);
  }
});

test('a header of other articles is a teaser header, not a menu item; the menu items stay nav', () => {
  assert.equal(boilerplateCategory(k, 'Tin khác'), 'teaser');
  assert.equal(boilerplateCategory(k, 'Xem nhiều nhất'), 'teaser');
  assert.equal(boilerplateCategory(k, 'Về đầu trang'), 'nav');
  assert.equal(boilerplateCategory(k, 'Trang chủ'), 'nav');
});

test('decoration alone, or a sentence that mentions a header phrase, is no header', () => {
  assert.equal(boilerplateCategory(k, '>> Cùng chủ đề này, bộ trưởng cho biết thêm về kế hoạch.'), null);
  assert.equal(boilerplateCategory(k, 'Người dân xem nhiều nhất là các trận bóng đá.'), null);
});

test('a tag header without its colon, and a list of hashtags, are chrome like `Tags:`', () => {
  assert.equal(boilerplateCategory(k, ' từ khóa '), boilerplateCategory(k, 'Từ khóa:'));
  assert.notEqual(boilerplateCategory(k, 'Từ khóa:'), null);
  assert.equal(boilerplateCategory(k, 'Tags'), boilerplateCategory(k, 'Tags:'));
  assert.equal(boilerplateCategory(k, ' #anh hùng liệt sĩ #Thành ủy TP.HCM #tưởng niệm các anh hùng liệt sĩ '), 'share');
  // one hashtag in a sentence is no tag list
  assert.equal(boilerplateCategory(k, 'Cư dân mạng chia sẻ với hashtag #SaveTheBees rất nhiều.'), null);
});

test('a photo or video credit at the end of a line marks a caption; the same word opening a byline does not', () => {
  for (const line of [
    'Một nữ CĐV ngất xỉu khi xếp hàng mua vé được mọi người khiêng ra ngoài - Thực hiện: N.K',
    'Ngập Huỳnh Tấn Phát Biển nước trên đường Huỳnh Tấn Phát, quận 7. Video: Phạm Duy.',
    'Đám đông cố đập phá cửa để chen vào mua vé - Clip: Nguyên Khôi',
  ]) assert.equal(hasCaptionTail(k, line), true, line);
  for (const line of ['Thực hiện: Minh Anh', 'Video: Phạm Duy', 'Ông cho biết việc thực hiện: chậm.']) assert.equal(hasCaptionTail(k, line), false, line);
});

test("a caption announced by its label (BBC's `Image caption`, `Chú thích ảnh:`) is a caption, with its `Image copyright` credit", () => {
  for (const line of ['Image caption Nhà báo tự do Bùi Tín', 'Image copyright AFP/Getty Images', 'Bản quyền hình ảnh Reuters', 'Chú thích ảnh: Đoàn công tác thăm nhà máy']) {
    assert.ok(hasCaptionCue(k, line), line);
  }
  assert.ok(!hasCaptionCue(k, 'Hình ảnh những ngày đầu xuân trên phố cổ được nhiều người chia sẻ.'));
  const text = [
    'Cái chết của Fidel đóng lại một thời kỳ lịch sử',
    '2 tháng 12 2016',
    'Image copyright AFP/Getty Images',
    'Image caption Quyết định của Hà Nội về việc tổ chức quốc tang cho cựu Chủ tịch Cuba Fidel Castro gây tranh cãi ở Việt Nam',
    'Một nhà báo tự do từ Paris, người đã gặp Fidel Castro và tiếp xúc nhiều với quan chức Cuba, cho rằng việc ông qua đời đóng lại một thời kỳ lịch sử của hòn đảo.',
    'Ông nói trong Bàn tròn thứ Năm của BBC Tiếng Việt rằng người Việt cần đánh giá lại về nhân vật này một cách đa chiều hơn, không chỉ qua những gì báo chí trong nước viết.',
  ].join('\n');
  const kinds = parseArticle(text).blocks.map((b) => b.kind);
  assert.deepEqual(kinds, ['headline', 'dateline', 'caption', 'caption', 'paragraph', 'paragraph']);
});

test('the phrase index gives the category the phrase lists give read one by one, in the data file\'s order', () => {
  // the reference: each list in turn, its exact phrases, then its prefixes, then what it contains
  const reference = (lists: typeof k.boilerplate, key: string) => {
    for (const b of lists) {
      if (b.phrases.exact.has(key)) return b.category;
      for (const p of b.phrases.prefix) if (key.startsWith(p) && (p.endsWith(':') || key.length < 200)) return b.category;
      if (key.length < 400) for (const c of b.phrases.contains) if (key.includes(c)) return b.category;
    }
    return null;
  };
  const custom = loadKnowledge({ boilerplate: ['Bình luận', 'Đọc tiếp', 'Chia sẻ bài viết'] });
  const phrases = k.boilerplate.flatMap((b) => [...b.phrases.exact, ...b.phrases.prefix, ...b.phrases.contains]);
  const lines = ['test/fixtures/real', 'seeds'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.txt'))
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n')));
  let known = 0;
  for (const line of lines) {
    const key = phraseKey(line);
    if (key.length > 400) continue;
    for (const kn of [k, custom]) assert.equal(phraseCategory(kn, key), reference(kn.boilerplate, key), line);
    if (reference(k.boilerplate, key) !== null) known++;
  }
  assert.ok(known > 200, `${known} fixture lines known as chrome`);
  // phrases glued before, after and around other words, at every length around the 200 and 400 limits
  const piece = fc.oneof(fc.constantFrom(...phrases), fc.constantFrom('tin', 'xem', ':', ' ', 'ảnh', 'chia sẻ', 'bài viết'), fc.string({ maxLength: 6 }));
  fc.assert(fc.property(fc.array(piece, { maxLength: 6 }), fc.nat(420), (parts, pad) => {
    for (const key of [parts.join(''), parts.join(' '), parts.join(' ') + ' ' + 'x'.repeat(pad), 'y'.repeat(pad % 7) + parts.join(' ')]) {
      if (key.length > 400) continue;
      assert.equal(phraseCategory(k, key), reference(k.boilerplate, key), key);
      assert.equal(phraseCategory(custom, key), reference(custom.boilerplate, key), key);
    }
  }), { numRuns: 3000, seed: 7 });
});

test('a line of only the page\'s code (template directives, tags, comments) is chrome of category code; words beside a tag are text', () => {
  for (const line of [
    '<%@ page language="java" contentType="text/html; charset=UTF-8" pageEncoding="UTF-8"%>',
    '  <?php include "header.php"; ?>',
    '<!DOCTYPE html>',
    '<div class="article-body" id="main">',
    '</div></div>',
    '<br/>',
    '<!-- end sidebar -->',
    '{% block content %}',
    '{{ article.title }}',
    '<meta charset="utf-8"> <link rel="stylesheet" href="/a.css">',
  ]) {
    assert.ok(isPageCode(line), line);
    assert.equal(boilerplateCategory(k, line), 'code', line);
  }
  for (const line of [
    '<b>Hà Nội</b> vẫn mưa',
    '<b>Hà Nội</b>',
    'Giá vàng <1 triệu đồng',
    '<Hà Nội> là tên một cuốn sách',
    '{Ghi chú của biên tập viên}',
    '< 5 tuổi',
    '<img src="a.jpg" alt="Ảnh">', // an image is markup, its own category
  ]) assert.notEqual(boilerplateCategory(k, line), 'code', line);
  // text between tags, whatever the tags, is never page code
  const tag = fc.constantFrom('<p>', '</p>', '<div class="x">', '<%@ page %>', '<!-- c -->', '<br/>', '{{ x }}');
  fc.assert(fc.property(fc.array(tag, { minLength: 1, maxLength: 5 }), fc.array(tag, { maxLength: 5 }), fc.constantFrom('Hà Nội', 'tin', 'a', '1', 'Ảnh: Hải Nam'), (before, after, words) => {
    assert.ok(isPageCode(before.join(' ')));
    assert.equal(isPageCode([...before, words, ...after].join(' ')), false);
  }));
});
