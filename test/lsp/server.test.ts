// The language server over real JSON-RPC: spawns `node dist/server.js --stdio` (run `npm run build`
// first; tests run from the repository root) and checks what an editor would show.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, Range, SymbolInformation } from 'vscode-languageserver';
import { SymbolKind, TextDocumentSyncKind } from 'vscode-languageserver';
import { flattenSymbols, hoverText, LspClient, readSeed, seedUri, startServer, VSCODE_LIKE_CAPABILITIES } from './client';
import { parseArticle } from '../../server/src/model/article';
import { dumpPreview } from '../../server/src/model/phpdump';
import { TEASER_RUN } from '../../server/src/testing/teaserRun';

const SEED0 = '000_f4915662ab95302d.txt';
const SEED1 = '001_a4534dbc61da94dd.txt';
const SEED4 = '004_98d8f0e0758a8752.txt';
const ALL_SEEDS = [SEED0, SEED1, '002_acc4bfed7ea69af2.txt', '003_a9d5c90c0c69739c.txt', SEED4];

const ISO0 = '2021-12-03T09:02:04';
const ISO1 = '2023-03-14T02:16:46';

function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/**
 * What every outline must satisfy for an editor: non-empty single-line names, whole-line ranges that
 * end exactly at the end of the line (never inside a CRLF, BOM counted), selection inside the range,
 * children inside their parent.
 */
function assertWellFormed(symbols: DocumentSymbol[], text: string, where: string): void {
  const lines = linesOf(text);
  const check = (s: DocumentSymbol, parent?: DocumentSymbol): void => {
    const at = `${where}: symbol "${s.name}" ${JSON.stringify(s.range)}`;
    assert.ok(s.name.trim().length > 0, `${at}: empty name`);
    assert.doesNotMatch(s.name, /[\r\n\u0000-\u001f]/, `${at}: name must be one printable line`);
    assert.ok(s.range.end.line < lines.length, `${at}: past the end of the document`);
    assert.equal(s.range.start.character, 0, `${at}: starts at column 0`);
    assert.equal(s.range.end.character, lines[s.range.end.line].length, `${at}: ends at the end of its last line`);
    assert.ok(contains(s.range, s.selectionRange), `${at}: selectionRange outside range`);
    if (parent) assert.ok(contains(parent.range, s.range), `${at}: outside its parent "${parent.name}"`);
    for (const c of s.children ?? []) check(c, s);
  };
  symbols.forEach((s) => check(s));
}

function asTree(result: DocumentSymbol[] | SymbolInformation[] | null): DocumentSymbol[] {
  assert.ok(Array.isArray(result), 'documentSymbol returns an array');
  for (const s of result) assert.ok('range' in s && 'selectionRange' in s, 'hierarchical DocumentSymbol expected');
  return result as DocumentSymbol[];
}

function junkGroup(root: DocumentSymbol): DocumentSymbol {
  const junk = root.children?.find((c) => c.name === 'Junk');
  assert.ok(junk, `a "Junk" group under the root; children: ${root.children?.map((c) => c.name).join(' | ')}`);
  return junk;
}

function dumpsOf(root: DocumentSymbol): DocumentSymbol[] {
  return (junkGroup(root).children ?? []).filter((c) => c.kind === SymbolKind.Object);
}

function hasFold(folds: FoldingRange[], startLine: number, endLine: number): boolean {
  return folds.some((f) => f.startLine === startLine && f.endLine === endLine);
}

function memUri(name: string): string {
  return `untitled:${name}`;
}

describe('language server over stdio (VS Code-like client)', () => {
  let lsp: LspClient;
  const seed0 = readSeed(SEED0);
  const uri0 = seedUri(SEED0);

  before(async () => {
    lsp = await startServer();
    await lsp.open(uri0, seed0);
  });
  after(async () => {
    if (lsp.proc.exitCode === null) {
      const code = await lsp.stop().catch(() => null);
      lsp.kill();
      assert.equal(code, 0, `server exit code (stderr: ${lsp.stderr})`);
    }
  });

  test('initialize advertises incremental sync, document symbols, folding and hover', async () => {
    const caps = lsp.initializeResult.capabilities;
    const sync = caps.textDocumentSync;
    const change = typeof sync === 'object' ? sync.change : sync;
    assert.equal(change, TextDocumentSyncKind.Incremental);
    assert.ok(typeof sync === 'object' && sync.openClose, 'open/close notifications requested');
    // document symbols: registered dynamically with a client that can (VS Code), so that a locale
    // change can register them again; else advertised here
    const registered = () =>
      lsp.serverRequests.some(
        (r) => r.method === 'client/registerCapability' && (r.params as { registrations: Array<{ method: string }> }).registrations.some((g) => g.method === 'textDocument/documentSymbol'),
      );
    // (the registration follows `initialized`)
    for (let i = 0; i < 100 && !registered(); i++) await new Promise((r) => setTimeout(r, 20));
    const dynamicSymbols = registered();
    assert.ok(dynamicSymbols !== !!caps.documentSymbolProvider, 'document symbols: registered once, dynamically or statically');
    assert.ok(dynamicSymbols, 'a VS Code-like client gets the dynamic registration');
    assert.ok(caps.foldingRangeProvider);
    assert.ok(caps.hoverProvider);
    assert.equal(lsp.initializeResult.serverInfo?.name, 'corpus-curator');
  });

  test('every seed gets a well-formed outline whose root is the whole document', async () => {
    for (const name of ALL_SEEDS) {
      const text = readSeed(name);
      const uri = memUri(`wellformed-${name}`);
      await lsp.open(uri, text);
      const symbols = asTree(await lsp.documentSymbols(uri));
      assert.equal(symbols.length, 1, `${name}: one root symbol`);
      assertWellFormed(symbols, text, name);
      assert.equal(symbols[0].range.start.line, 0);
      assert.equal(symbols[0].range.end.line, linesOf(text).length - 1, `${name}: root spans the document`);
      for (const p of flattenSymbols(symbols).filter((s) => s.kind === SymbolKind.String)) {
        assert.ok(p.name.replace(/…$/, '').split(' ').length <= 8, `${name}: paragraph name is at most 8 words: ${p.name}`);
      }
      await lsp.close(uri);
    }
  });

  test('seed 000 outline: headline, ISO date, dateline, two sections, byline, junk', async () => {
    const [root] = asTree(await lsp.documentSymbols(uri0));
    const headline = linesOf(seed0)[0];
    assert.equal(root.name, headline.trim(), 'root named by the headline (line 1)');
    assert.equal(root.kind, SymbolKind.File);
    assert.equal(root.selectionRange.start.line, 0, 'selecting the article reveals the headline');
    assert.equal(root.detail, ISO0, 'root detail is the ISO date');

    const dateline = root.children?.find((c) => c.range.start.line === 2);
    assert.ok(dateline, 'dateline (line 3) is a child of the root');
    assert.equal(dateline.detail, ISO0);

    const sections = (root.children ?? []).filter((c) => c.kind === SymbolKind.Namespace);
    assert.deepEqual(
      sections.map((s) => [s.name, s.range.start.line, s.range.end.line]),
      [
        ['Gắn với công việc hàng ngày', 6, 18],
        ['Tiếp tục tạo sức lan tỏa sâu rộng', 20, 28],
      ],
      'one section per heading, spanning its content',
    );
    assert.deepEqual(
      sections[0].children?.map((c) => c.range.start.line),
      [8, 10, 12, 14, 16, 18],
      'first section holds its 5 paragraphs and the caption',
    );
    assert.equal(sections[0].children?.find((c) => c.range.start.line === 12)?.kind, SymbolKind.Event, 'caption');
    const firstPara = sections[0].children?.[0];
    assert.equal(firstPara?.name, 'Đảng bộ Viễn thông Bình Dương hiện có…', 'paragraph named by its first 8 words');

    const byline = root.children?.find((c) => c.range.start.line === 30);
    assert.ok(byline, 'byline ĐỖ TRỌNG (line 31) under the root');
    assert.equal(byline.name, 'ĐỖ TRỌNG');

    // Lead paragraph (line 5) comes before the first section, in document order.
    const order = (root.children ?? []).map((c) => c.range.start.line);
    assert.ok(order.indexOf(4) >= 0 && order.indexOf(4) < order.indexOf(6), `lead paragraph before sections: ${order}`);
    assert.equal(root.children?.at(-1)?.name, 'Junk', 'junk group last');
  });

  test('seed 000 junk group holds boilerplate, the related block and both PHP dumps with their records', async () => {
    const [root] = asTree(await lsp.documentSymbols(uri0));
    const junk = junkGroup(root);
    assert.equal(junk.kind, SymbolKind.Package);
    assert.match(junk.detail ?? '', /\d+ blocks?/);
    assert.equal(junk.range.start.line, 32);
    assert.equal(junk.range.end.line, 199);
    const related = junk.children?.find((c) => c.kind === SymbolKind.Array);
    assert.deepEqual(related && [related.range.start.line, related.range.end.line], [37, 51], 'related block lines 38-52');

    const dumps = dumpsOf(root);
    assert.deepEqual(
      dumps.map((d) => [d.range.start.line, d.range.end.line, d.children?.length]),
      [
        [53, 159, 8],
        [160, 198, 3],
      ],
      'dumps at lines 54-160 (8 records) and 161-199 (3 records)',
    );
    const records = dumps[0].children ?? [];
    assert.equal(records[0].name, 'Việt Nam-Trung Quốc trao đổi thư mừng 72 năm quan hệ ngoại giao', 'record named by news_title');
    assert.equal(records[7].name, 'TP.Dĩ An: Nhiều họat động chăm lo tết cho công nhân nhà trọ');
    assert.deepEqual([records[0].range.start.line, records[0].range.end.line], [55, 66], 'record [0] spans its own lines');
    assert.equal(records[0].kind, SymbolKind.Struct);
    assert.equal(dumps[1].children?.[0].name, 'Bộ trưởng Bùi Thanh Sơn hội đàm với Ngoại trưởng Trung Quốc Vương Nghị');
    assert.match(dumps[0].detail ?? '', /8 records/);
  });

  test('seed 000 folding: sections, related block, dumps, records and the junk region', async () => {
    const folds = (await lsp.foldingRanges(uri0)) ?? [];
    for (const f of folds) assert.ok(f.endLine > f.startLine, `fold ${f.startLine}-${f.endLine} spans more than one line`);
    assert.ok(hasFold(folds, 6, 18), 'first section folds from its heading to its last paragraph');
    assert.ok(hasFold(folds, 20, 28), 'second section');
    assert.ok(hasFold(folds, 37, 51), 'related block');
    assert.ok(hasFold(folds, 53, 159), 'first PHP dump');
    assert.ok(hasFold(folds, 160, 198), 'second PHP dump');
    assert.ok(hasFold(folds, 55, 66), 'a record inside the first dump');
    assert.ok(hasFold(folds, 32, 199), 'the junk region at the end of the article');
    const sorted = [...folds].sort((a, b) => a.startLine - b.startLine);
    assert.deepEqual(folds.map((f) => f.startLine), sorted.map((f) => f.startLine), 'sorted by start line');
  });

  test('hover on the dateline shows the ISO date and its parts', async () => {
    const h = await lsp.hover(uri0, { line: 2, character: 12 });
    const text = hoverText(h);
    assert.ok(text.includes(ISO0), `ISO date in hover: ${text}`);
    assert.match(text, /2021/);
    assert.match(text, /09:02:04/);
    assert.deepEqual(h?.range?.start, { line: 2, character: 0 });
    assert.deepEqual(h?.range?.end, { line: 2, character: linesOf(seed0)[2].length });
  });

  test('hover on a PHP dump shows its format, record count and a preview', async () => {
    const first = hoverText(await lsp.hover(uri0, { line: 60, character: 10 }));
    assert.match(first, /PHP dump/);
    assert.match(first, /print_r/);
    assert.match(first, /\b8 records\b/, first);
    const dump = parseArticle(seed0).blocks.find((b) => b.kind === 'php-dump')?.dump;
    assert.ok(dump, 'the model sees the dump');
    const preview = dumpPreview(dump, 12).trim();
    assert.ok(preview && first.includes(preview.split('\n')[0]), 'the preview is in the hover');
    const second = hoverText(await lsp.hover(uri0, { line: 170, character: 0 }));
    assert.match(second, /\b3 records\b/, second);
  });

  test('hover on a line of a teaser run gives that line\'s own reason, not the run\'s first line\'s', async () => {
    const text = TEASER_RUN;
    const uri = memUri('teaser-run.txt');
    await lsp.open(uri, text);
    const header = await lsp.hover(uri, { line: 4, character: 2 });
    const teaser = await lsp.hover(uri, { line: 6, character: 2 });
    // one block: the same range for both lines
    assert.deepEqual(header?.range, teaser?.range);
    assert.deepEqual(header?.range?.start, { line: 4, character: 0 });
    const h = hoverText(header);
    const t = hoverText(teaser);
    assert.match(h, /Related/);
    assert.match(t, /Related/);
    // the header is a chrome phrase; the teaser's own reason says nothing of the kind
    assert.match(h, /site-chrome phrase/, h);
    assert.doesNotMatch(t, /site-chrome phrase/, t);
    assert.notEqual(h, t);
    await lsp.notify('textDocument/didClose', { textDocument: { uri } });
  });

  test('hover on other blocks names the block kind; blank lines have none', async () => {
    const para = hoverText(await lsp.hover(uri0, { line: 8, character: 3 }));
    assert.match(para, /paragraph/i);
    const heading = hoverText(await lsp.hover(uri0, { line: 6, character: 0 }));
    assert.match(heading, /heading/i);
    assert.equal(await lsp.hover(uri0, { line: 1, character: 0 }), null, 'no hover on a blank line');
    assert.equal(await lsp.hover(uri0, { line: 5000, character: 0 }), null, 'no hover past the end');
  });

  test('incremental edits: renaming a heading and inserting a heading line update the outline', async () => {
    const uri = memUri('incremental-000.txt');
    await lsp.open(uri, seed0);
    const lines = linesOf(seed0);
    const newHeading = 'Kết quả bước đầu đáng ghi nhận';
    await lsp.change(uri, [
      // Rename the first heading: "Gắn với" -> "Gắn bó với".
      { range: { start: { line: 6, character: 3 }, end: { line: 6, character: 3 } }, text: ' bó' },
      // Then insert a heading line (and a blank line) before the paragraph on line 17.
      { range: { start: { line: 16, character: 0 }, end: { line: 16, character: 0 } }, text: `${newHeading}\n\n` },
    ]);
    let [root] = asTree(await lsp.documentSymbols(uri));
    const edited = [...lines.slice(0, 16), newHeading, '', ...lines.slice(16)];
    edited[6] = 'Gắn bó với công việc hàng ngày';
    assert.equal(root.range.end.line, edited.length - 1, 'the server applied both edits (two more lines)');
    assertWellFormed([root], edited.join('\n'), 'after insert');
    const sections = (root.children ?? []).filter((c) => c.kind === SymbolKind.Namespace);
    assert.deepEqual(
      sections.map((s) => [s.name, s.range.start.line]),
      [
        ['Gắn bó với công việc hàng ngày', 6],
        [newHeading, 16],
        ['Tiếp tục tạo sức lan tỏa sâu rộng', 22],
      ],
    );
    assert.deepEqual(sections[0].children?.map((c) => c.range.start.line), [8, 10, 12, 14], 'the split section');
    assert.deepEqual(
      dumpsOf(root).map((d) => [d.range.start.line, d.range.end.line]),
      [
        [55, 161],
        [162, 200],
      ],
      'later blocks moved down by two lines',
    );

    // Delete the inserted lines again (a multi-line deletion).
    await lsp.change(uri, [{ range: { start: { line: 16, character: 0 }, end: { line: 18, character: 0 } }, text: '' }]);
    [root] = asTree(await lsp.documentSymbols(uri));
    assert.equal(root.range.end.line, lines.length - 1);
    assert.deepEqual(
      dumpsOf(root).map((d) => [d.range.start.line, d.range.end.line]),
      [
        [53, 159],
        [160, 198],
      ],
    );
    const hover = hoverText(await lsp.hover(uri, { line: 2, character: 0 }));
    assert.ok(hover.includes(ISO0), 'hover follows the edited document');
    await lsp.close(uri);
  });

  test('CRLF document: ranges end before \\r, folds and hovers work', async () => {
    const crlf = seed0.replace(/\r?\n/g, '\r\n');
    const uri = memUri('crlf-000.txt');
    await lsp.open(uri, crlf);
    const symbols = asTree(await lsp.documentSymbols(uri));
    assertWellFormed(symbols, crlf, 'CRLF'); // end character = line length without '\r'
    const lf = asTree(await lsp.documentSymbols(uri0));
    assert.deepEqual(symbols, lf, 'same outline as the LF document');
    assert.deepEqual(await lsp.foldingRanges(uri), await lsp.foldingRanges(uri0), 'same folds as the LF document');
    const h = await lsp.hover(uri, { line: 2, character: 5 });
    assert.ok(hoverText(h).includes(ISO0), 'dateline hover on a CRLF document');
    assert.equal(h?.range?.end.character, linesOf(seed0)[2].length, 'hover range ends before \\r');
    // An incremental edit that adds a CRLF line break.
    await lsp.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\r\n' }]);
    const shifted = asTree(await lsp.documentSymbols(uri));
    assertWellFormed(shifted, '\r\n' + crlf, 'CRLF after edit');
    assert.equal(shifted[0].range.end.line, linesOf(crlf).length, 'one more line');
    await lsp.close(uri);

    // Old-Mac line ends (lone \r) are line breaks for the editor too.
    const cr = readSeed(SEED4).replace(/\r?\n/g, '\r');
    const crUri = memUri('cr-004.txt');
    await lsp.open(crUri, cr);
    const crSymbols = asTree(await lsp.documentSymbols(crUri));
    assertWellFormed(crSymbols, cr, 'CR');
    assert.equal(crSymbols[0].range.end.line, linesOf(cr).length - 1);
    assert.ok(hoverText(await lsp.hover(crUri, { line: 2, character: 0 })).includes('2022-05-20T15:17:00'));
    await lsp.close(crUri);
  });

  test('BOM document: line 0 columns count the BOM, the rest is unchanged', async () => {
    const seed1 = readSeed(SEED1);
    const bomText = '\uFEFF' + seed1;
    const plainUri = memUri('plain-001.txt');
    const bomUri = memUri('bom-001.txt');
    await lsp.open(plainUri, seed1);
    await lsp.open(bomUri, bomText);
    const plain = asTree(await lsp.documentSymbols(plainUri));
    const bom = asTree(await lsp.documentSymbols(bomUri));
    assertWellFormed(bom, bomText, 'BOM');
    // Same outline; only ranges ending on line 0 are one column longer (the BOM).
    const shift = (s: DocumentSymbol): DocumentSymbol => {
      const fix = (r: Range): Range => (r.end.line === 0 ? { start: r.start, end: { line: 0, character: r.end.character + 1 } } : r);
      return { ...s, range: fix(s.range), selectionRange: fix(s.selectionRange), ...(s.children ? { children: s.children.map(shift) } : {}) };
    };
    assert.deepEqual(bom, plain.map(shift));

    // Seed 001 has its dateline on line 1: hover anywhere on it, including on the BOM and at the end.
    const line0 = linesOf(bomText)[0];
    for (const character of [0, 1, line0.length]) {
      const h = await lsp.hover(bomUri, { line: 0, character });
      assert.ok(hoverText(h).includes(ISO1), `dateline hover at column ${character}: ${hoverText(h)}`);
      assert.deepEqual(h?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: line0.length } });
    }
    const dateline = bom[0].children?.find((s) => s.range.start.line === 0 && s.kind === SymbolKind.Number);
    assert.ok(dateline, 'dateline symbol on line 0');
    assert.equal(dateline.detail, ISO1);
    assert.equal(dateline.range.end.character, line0.length, 'its range includes the BOM column');
    await lsp.close(plainUri);
    await lsp.close(bomUri);
  });

  test('empty and whitespace-only documents: a placeholder outline, no folds, no hovers', async () => {
    for (const [name, text] of [
      ['empty', ''],
      ['whitespace', '   \n\t\n\u00a0\u00a0 \n\n'],
      ['bom-only', '\uFEFF'],
    ] as const) {
      const uri = memUri(`${name}.txt`);
      await lsp.open(uri, text);
      const symbols = asTree(await lsp.documentSymbols(uri));
      assertWellFormed(symbols, text, name);
      assert.equal(symbols[0]?.name, '(no headline)', `${name}: placeholder root name`);
      assert.deepEqual(await lsp.foldingRanges(uri), [], `${name}: no folds`);
      assert.equal(await lsp.hover(uri, { line: 0, character: 0 }), null, `${name}: no hover`);
      await lsp.close(uri);
    }
  });

  test('NUL bytes: names stay printable and the server keeps working', async () => {
    const text = 'Nông dân phấn khởi\u0000 vì lúa được mùa, được giá\n\nĐoạn\u0000 văn thứ nhất có khá nhiều từ để thử tên rút gọn.\n\n\u0000\u0000\u0000\n\nĐoạn cuối.';
    const uri = memUri('nul.txt');
    await lsp.open(uri, text);
    const symbols = asTree(await lsp.documentSymbols(uri));
    assertWellFormed(symbols, text, 'NUL');
    assert.equal(symbols[0].name, 'Nông dân phấn khởi vì lúa được mùa, được giá');
    assert.ok(Array.isArray(await lsp.foldingRanges(uri)));
    await lsp.hover(uri, { line: 4, character: 1 });
    // Still alive and answering for other documents.
    assert.ok(asTree(await lsp.documentSymbols(uri0)).length === 1);
    await lsp.close(uri);
  });
});

describe('size limit and settings', () => {
  test('a document over 5 MB (default maxFileSize) gets no analysis and exactly one warning', async () => {
    // A client without workspace/configuration: the server uses the defaults.
    const lsp = await startServer({ capabilities: { ...VSCODE_LIKE_CAPABILITIES, workspace: {} } });
    try {
      const line = 'Một dòng văn bản khá dài để làm tài liệu lớn, lặp lại nhiều lần.\n';
      const big = 'Tiêu đề\n\n' + line.repeat(Math.ceil((5.5 * 1024 * 1024) / Buffer.byteLength(line)));
      assert.ok(Buffer.byteLength(big) > 5 * 1024 * 1024);
      const uri = memUri('big.txt');
      await lsp.open(uri, big);
      assert.deepEqual(await lsp.documentSymbols(uri), [], 'no outline');
      assert.deepEqual(await lsp.foldingRanges(uri), [], 'no folds');
      assert.equal(await lsp.hover(uri, { line: 0, character: 0 }), null, 'no hover');
      const warning = await lsp.waitForNotification((n) => n.method === 'window/showMessage');
      assert.equal(warning.params.type, 2, 'a warning');
      assert.match(warning.params.message, /maxFileSize/);
      assert.match(warning.params.message, /big\.txt/);
      assert.match(warning.params.message, /5\.\d MB/);
      await lsp.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
      assert.deepEqual(await lsp.documentSymbols(uri), []);
      assert.equal(lsp.notifications.filter((n) => n.method === 'window/showMessage').length, 1, 'warned once');
      // Other documents are still analysed.
      await lsp.open(seedUri(SEED4), readSeed(SEED4));
      assert.equal(asTree(await lsp.documentSymbols(seedUri(SEED4))).length, 1);
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
    }
  });

  test('maxFileSize comes from workspace/configuration and follows its changes', async () => {
    const lsp = await startServer({ settings: { maxFileSize: 2000 } });
    try {
      const uri = seedUri(SEED0);
      await lsp.open(uri, readSeed(SEED0)); // > 2000 bytes
      assert.deepEqual(await lsp.documentSymbols(uri), []);
      const warning = await lsp.waitForNotification((n) => n.method === 'window/showMessage');
      assert.match(warning.params.message, /000_f4915662ab95302d\.txt/);
      assert.ok(
        lsp.serverRequests.some((r) => r.method === 'workspace/configuration' && r.params.items[0]?.section === 'corpusCurator'),
        'settings pulled from the client',
      );
      const small = memUri('small.txt');
      await lsp.open(small, 'Tiêu đề ngắn\n\nMột đoạn văn.\n');
      assert.equal(asTree(await lsp.documentSymbols(small))[0].name, 'Tiêu đề ngắn');

      lsp.setSettings({ maxFileSize: 10 * 1024 * 1024 });
      const [root] = asTree(await lsp.documentSymbols(uri));
      assert.ok((root.children ?? []).length > 0, 'analysed once the limit is raised');
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
    }
  });
});

describe('older clients and other transports', () => {
  test('without hierarchical symbols or Markdown: flat SymbolInformation and plain-text hovers', async () => {
    const lsp = await startServer({ capabilities: {} });
    try {
      // a client without dynamic registration is told of the outline in the capabilities
      assert.ok(lsp.initializeResult.capabilities.documentSymbolProvider, 'documentSymbolProvider advertised');
      const uri = seedUri(SEED4);
      await lsp.open(uri, readSeed(SEED4));
      const flat = (await lsp.documentSymbols(uri)) as SymbolInformation[];
      assert.ok(Array.isArray(flat) && flat.length > 0);
      for (const s of flat) {
        assert.ok('location' in s && s.location.uri === uri, 'SymbolInformation with a location');
        assert.ok(s.name.trim());
      }
      assert.ok(flat[0].name.startsWith('Long An'), 'root first, named by the headline');
      assert.ok(flat.slice(1).every((s) => s.containerName), 'children name their container');
      const h = await lsp.hover(uri, { line: 2, character: 0 });
      assert.equal((h?.contents as { kind: string }).kind, 'plaintext');
      assert.ok(hoverText(h).includes('2022-05-20T15:17:00'), hoverText(h));
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
    }
  });

  test('runs over node IPC, as the VS Code client starts it', async () => {
    const lsp = await startServer({ transport: 'ipc' });
    try {
      const uri = seedUri(SEED4);
      await lsp.open(uri, readSeed(SEED4));
      const [root] = asTree(await lsp.documentSymbols(uri));
      assert.ok(root.name.startsWith('Long An: Học tập và làm theo gương Bác'));
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
    }
  });

  test('shutdown then exit ends the process with code 0 and nothing on stderr', async () => {
    const lsp = await startServer();
    try {
      await lsp.open(seedUri(SEED1), readSeed(SEED1));
      await lsp.documentSymbols(seedUri(SEED1));
      assert.equal(await lsp.stop(), 0);
      assert.equal(lsp.stderr, '');
    } finally {
      lsp.kill();
    }
  });
});
