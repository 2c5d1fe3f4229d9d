// A modelled block's `reason` (for hovers) is worked out when first read, through one getter shared
// by every block: it must still behave as an own, enumerable, settable property of each block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from './article';

const TEXT = 'Trang chủ | Thời sự\n\nGiá xăng giảm mạnh từ chiều nay\n\nHà Nội, 12/03/2024 - Giá xăng trong nước được điều chỉnh giảm theo xu hướng của thị trường thế giới.\n\nTheo liên Bộ Công Thương - Tài chính, mức giảm áp dụng từ 15 giờ chiều nay, người dân phấn khởi.\n\nNguyễn Văn A\n';

test('a block\'s reason is an own enumerable property, worked out on reading, settable block by block', () => {
  const a = parseArticle(TEXT);
  const modelled = a.blocks.filter((b) => b.kind !== 'blank');
  assert.ok(modelled.length >= 3);
  for (const b of modelled) {
    assert.ok(Object.keys(b).includes('reason'));
    assert.equal(typeof b.reason, 'string');
    assert.ok(b.reason!.length > 0);
    assert.equal(JSON.parse(JSON.stringify(b)).reason, b.reason);
    assert.equal({ ...b }.reason, b.reason);
  }
  // the same reasons as a fresh parse, and setting one block's leaves the others alone
  const again = parseArticle(TEXT).blocks.filter((b) => b.kind !== 'blank');
  assert.deepEqual(modelled.map((b) => b.reason), again.map((b) => b.reason));
  const before = modelled[1].reason;
  modelled[0].reason = 'set by hand';
  assert.equal(modelled[0].reason, 'set by hand');
  assert.equal(modelled[1].reason, before);
  modelled[1].reason = undefined;
  assert.equal(modelled[1].reason, undefined);
  assert.equal(modelled[0].reason, 'set by hand');
});
