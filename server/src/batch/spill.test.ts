// The CLI's store of pass 2's reports (spill.ts): every report comes back as it was put, in any
// order, from the temporary file or from memory; nothing is left in the temporary folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ReportStore } from './spill';
import { tempDir } from '../testing/tempDir';

const reports = fc.uniqueArray(fc.record({ file: fc.string({ minLength: 1, maxLength: 12 }), bytes: fc.uint8Array({ maxLength: 3000 }) }), { selector: (r) => r.file, maxLength: 40 });

for (const where of ['a temporary file', 'memory (no folder to write in)'] as const) {
  test(`ReportStore in ${where}: every report back byte for byte, in any order, and then forgotten`, () => {
    fc.assert(fc.property(reports, fc.infiniteStream(fc.nat()), (rs, picks) => {
      const dir = tempDir('cc-spill-');
      const store = new ReportStore({ dir: where === 'a temporary file' ? dir : path.join(dir, 'not-there') });
      try {
        for (const r of rs) store.put(r.file, r.bytes);
        if (where === 'a temporary file') {
          assert.equal(store.counts.spilled, rs.length);
          // the file is removed while open (POSIX): nothing to leave behind, even if the process is killed
          if (process.platform !== 'win32') assert.deepEqual(readdirSync(dir), []);
        } else assert.equal(store.counts.inMemory, rs.length);
        const left = [...rs];
        const it = picks[Symbol.iterator]();
        while (left.length) {
          const [r] = left.splice(it.next().value % left.length, 1);
          assert.ok(store.has(r.file));
          assert.deepEqual(store.take(r.file), r.bytes);
          assert.equal(store.has(r.file), false);
          assert.equal(store.take(r.file), undefined);
        }
      } finally {
        store.close();
      }
      assert.deepEqual(readdirSync(dir).filter((f) => f !== 'not-there'), []);
    }), { numRuns: 60 });
  });
}

test('ReportStore: a report put again replaces the first', () => {
  const store = new ReportStore({ dir: tempDir('cc-spill-') });
  store.put('a', new Uint8Array([1, 2, 3]));
  store.put('a', new Uint8Array([4]));
  assert.deepEqual(store.take('a'), new Uint8Array([4]));
  store.close();
});
