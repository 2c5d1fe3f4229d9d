// LineCache.sameLines gives unchanged lines the string objects of the last analysis: the texts it
// leaves must be exactly the new text's lines, whatever the edit (lines inserted, removed, changed
// at the start, the middle or the end, a line repeated next to itself), edit after edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineCache } from './lineCache';

const lineArb = fc.constantFrom('', 'a', 'b', 'Tin liên quan', 'Một đoạn văn.', ' ', 'a');

test('sameLines keeps every line text as the new text has it', () => {
  fc.assert(
    fc.property(fc.array(fc.array(lineArb, { maxLength: 12 }), { minLength: 1, maxLength: 6 }), (versions) => {
      const cache = new LineCache();
      for (const v of versions) {
        const lines = v.map((text) => ({ text }));
        cache.sameLines(lines);
        assert.deepStrictEqual(lines.map((l) => l.text), v);
      }
    }),
    { numRuns: 300, seed: 11 },
  );
});

test('sameLines after an edit in the middle, lines inserted and removed', () => {
  const cache = new LineCache();
  const first = ['x', 'y', 'z', 'w'].map((text) => ({ text }));
  cache.sameLines(first);
  for (const next of [['x', 'y2', 'z', 'w'], ['x', 'n', 'y2', 'z', 'w'], ['w'], ['w', 'w', 'w'], []]) {
    const lines = next.map((text) => ({ text }));
    cache.sameLines(lines);
    assert.deepStrictEqual(lines.map((l) => l.text), next);
  }
});
