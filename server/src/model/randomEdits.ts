// Random edits of a document, as a user makes them while typing, for the property tests of what the
// language server reuses between analyses (model/incremental.test.ts, lsp/shift.test.ts). Test
// support only: nothing in the engine imports it.
import fc from 'fast-check';

export interface RandomEdit {
  kind: string;
  /** Where, as a share of the text (characters) or of its lines. */
  at: number;
  len: number;
  text: string;
  /** Picks the paragraph a paste brings (the caller's list). */
  from: number;
}

/** Characters or lines inserted or deleted, a paragraph pasted, a line duplicated. */
export function editArb(texts: readonly string[], maxLen = 60): fc.Arbitrary<RandomEdit> {
  return fc.record({
    kind: fc.constantFrom('insert', 'delete', 'newline', 'deleteLine', 'paste', 'duplicate'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    len: fc.integer({ min: 1, max: maxLen }),
    text: fc.constantFrom(...texts),
    from: fc.nat(),
  });
}

/** `text` after the edit; a paste inserts `paste` as a paragraph of its own before the line. */
export function applyEdit(text: string, e: RandomEdit, paste: string): string {
  const o = Math.floor(e.at * text.length);
  const ls = text.split('\n');
  const li = Math.min(ls.length - 1, Math.floor(e.at * ls.length));
  switch (e.kind) {
    case 'insert': return text.slice(0, o) + e.text + text.slice(o);
    case 'delete': return text.slice(0, o) + text.slice(o + e.len);
    case 'newline': return text.slice(0, o) + '\n' + text.slice(o);
    case 'deleteLine': return [...ls.slice(0, li), ...ls.slice(li + 1)].join('\n');
    case 'paste': return [...ls.slice(0, li), paste, '', ...ls.slice(li)].join('\n');
    default: return [...ls.slice(0, li + 1), ls[li], ...ls.slice(li + 1)].join('\n');
  }
}
