// Tables rendered one cell per line (table.ts): told from the site's chrome by their shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formulaLines, markdownTableRows, numberedTableCells, tableCells } from './table';
import { prepare, recognize, splitLines } from './recognize';
import { defaultKnowledge } from './knowledge';
import { oneKindModel } from './testModels';
import { analyze } from '../engine/analyze';

/** The lines of `lines` (content lines: not blank) that `mark` flags in its array, one flag per content line. */
function flagged(lines: string[], mark: (ls: ReturnType<typeof splitLines>, content: number[], out: Uint8Array) => void): string[] {
  const ls = splitLines(lines.join('\n'));
  const content = ls.map((_, i) => i).filter((i) => ls[i].text.trim() !== '');
  const flags = new Uint8Array(content.length);
  mark(ls, content, flags);
  return content.filter((_, j) => flags[j]).map((i) => ls[i].text);
}

function cellsOf(lines: string[]): string[] {
  return flagged(lines, (ls, content, out) => out.set(tableCells(ls, content)));
}

const BANKS = [['1', 'VIETCOMBANK', '8.194.903', '1,99'], ['2', 'VIETINBANK', '6.101.799', '28,80'], ['3', 'BIDV', '5.979.493', '12,17'], ['4', 'MB', '5.443.952', '12,07']];
const HEADER = ['STT', 'NGÂN HÀNG', 'THUẾ TNDN 2024', 'TĂNG/GIẢM SO VỚI 2023 (%)'];
const PROSE = 'Theo báo cáo tài chính năm 2024 của 28 ngân hàng thương mại, tổng số thuế thu nhập doanh nghiệp đã nộp tăng mạnh.';

test('a table one cell per line, with its header row, is found cell by cell', () => {
  const table = [...HEADER, '', ...BANKS.flatMap((r) => [...r, ''])];
  assert.deepEqual(cellsOf([PROSE, ...table, PROSE]), [...HEADER, ...BANKS.flat()]);
  // the round's results: a time stamp and a score row, repeated
  const results = ['05/04/2025 18:30:00', ' Everton  1 - 1   Arsenal ', '05/04/2025 21:00:00', ' Ipswich  1 - 2   Wolves ', '05/04/2025 23:30:00', ' Crystal Palace  2 - 1   Brighton ', '06/04/2025 20:00:00', ' Brentford  0 - 0   Chelsea '];
  assert.deepEqual(cellsOf([PROSE, 'Kết quả', 'Vòng 31', ...results, 'Diễn biến', 'Video', PROSE]), ['Kết quả', 'Vòng 31', ...results]);
});

test('chrome of the same shape is no table: pagers, calendars, month lists, comment widgets, teaser lists with dates', () => {
  assert.deepEqual(cellsOf(['Trang 1 / 4', '1', '2', '3', '4', '5', '6', '7', '8']), []);
  assert.deepEqual(cellsOf(Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`)), []);
  assert.deepEqual(cellsOf(['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', ...Array.from({ length: 31 }, (_, i) => String(i + 1))]), []);
  // a comment widget: name, dash, time, like, bar, for each comment (constant columns)
  const comments = ['Nam', '-', '7 ngày trước', 'Thích', '|', 'vanlethi08', '-', '7 ngày trước', 'Thích', '|', 'hoangpinimax', '-', '6 ngày trước', 'Thích', '|'];
  assert.deepEqual(cellsOf(comments), []);
  // teaser titles with their dates: the titles are too long for a table's names
  const teasers = ['Doanh nghiệp FDI ở Bắc Giang tăng lương cho người lao động', '07/07/2023 | 13:55', 'Công nhân mất việc được hỗ trợ tiền thuê nhà', '07/07/2023 | 11:02', 'Nữ công nhân 3 năm chưa về quê ăn Tết', '06/07/2023 | 20:31'];
  assert.deepEqual(cellsOf(teasers), []);
  // prose is never a cell
  assert.deepEqual(cellsOf([PROSE, PROSE, PROSE, PROSE, PROSE, PROSE]), []);
});

test('generated runs: whatever is found is whole rows of one pattern, with a figures column and a words column', () => {
  const cell = fc.oneof(fc.constantFrom('BIDV', 'MB', 'Hà Nội', 'Chelsea', 'Tháng 1', '-', '|', 'Thích', 'STT'), fc.integer({ min: 0, max: 99999 }).map(String), fc.constantFrom('1,99', '8.194.903', '05/04/2025 21:00:00'));
  fc.assert(fc.property(fc.array(cell, { minLength: 0, maxLength: 40 }), (cs) => {
    const found = cellsOf(cs);
    // found cells are a subsequence of the input, in order
    let k = 0;
    for (const c of cs) if (k < found.length && c === found[k]) k++;
    assert.equal(k, found.length);
  }), { numRuns: 500 });
});

test('a table\'s cells are the article\'s text, not chrome, whatever the model says', () => {
  const allChrome = oneKindModel('boilerplate');
  const lines = [...HEADER, ...BANKS.flat(), 'Về đầu trang'];
  const p = prepare(lines.join('\n'), defaultKnowledge);
  const r = recognize(p, allChrome);
  const kindOf = new Map(p.content.map((i, j) => [p.lines[i].text, r.kinds[j]]));
  // (the decoder still gives the article its one headline or paragraph first: the header's first cell)
  for (const c of [...HEADER, ...BANKS.flat()]) assert.ok(!['boilerplate', 'related'].includes(kindOf.get(c)!), `${c}: ${kindOf.get(c)}`);
  assert.equal(kindOf.get('VIETCOMBANK'), 'paragraph');
  // the menu link under it stays chrome
  assert.equal(kindOf.get('Về đầu trang'), 'boilerplate');
});

// a page of penalties, its rows numbered, its cells spanning lines (merged cells, a cell of prose),
// blank lines between rows as an HTML converter prints them
function numberedOf(lines: string[], headers = defaultKnowledge.tableHeaders): string[] {
  return flagged(lines, (ls, content, out) => numberedTableCells(ls, content, headers, out));
}
const PENALTIES = [
  'TT', 'Hình thức', 'Mức phạt', 'Hành vi vi phạm', '', '',
  '1', 'Cảnh cáo', '–', 'Nộp hồ sơ khai thuế quá thời hạn từ 01 – 05 ngày và có tình tiết giảm nhẹ.', '', '',
  '2', 'Phạt tiền', 'Từ 02 – 05 triệu đồng', 'Nộp hồ sơ khai thuế quá thời hạn từ 01 – 30 ngày.', '', '',
  'Từ 05 – 08 triệu đồng', 'Nộp hồ sơ khai thuế quá thời hạn từ 31 – 60 ngày.', '', '', '',
  '– Không nộp các phụ lục theo quy định về quản lý thuế.', '', '',
  '3', 'Phạt tiền', 'Từ 15 – 25 triệu đồng', 'Nộp hồ sơ khai thuế quá thời hạn trên 90 ngày.',
];
const TABLE_CELLS = PENALTIES.filter((l) => l !== '');

test('a table of numbered rows is found from its header to its last row, whatever its rows\' shapes', () => {
  assert.deepEqual(numberedOf([PROSE, '', '', ...PENALTIES, '', '', '#### Biện pháp khắc phục hậu quả:', '', PROSE]), TABLE_CELLS);
  // STT, No. and a colon after the header word are the same header
  assert.deepEqual(numberedOf(['STT:', ...PENALTIES.slice(1)]), ['STT:', ...TABLE_CELLS.slice(1)]);
  // the byline right under the last row (more lines without a break than the header has cells) is not the table's
  assert.deepEqual(numberedOf([...PENALTIES, 'Tuân Nguyễn']), TABLE_CELLS);
  // a much wider gap than the table's own, then no numbered row: the table is over
  assert.deepEqual(numberedOf([...PENALTIES, '', '', '', '', '', '', 'Tin liên quan', 'Nộp thuế chậm bị phạt thế nào']), TABLE_CELLS);
});

test('a header over two rows, a header word over two lines, group rows in Roman numerals, rows without blank lines', () => {
  // a suspension list: the header's second row has a dash cell, rows of ten cells, blank lines between cells
  const sub = ['TT', '', 'Họ và tên', '', 'Số áo', '', 'CLB', '', 'Trận đấu phải nghỉ', '', 'Lý do', '', '', '', 'MT', '', 'CLB', '', '–', '', 'CLB', '', 'Ngày', '', '', ''];
  const row = (k: number) => [String(k), '', `Cầu thủ số ${k}`, '', String(10 + k), '', 'Hải Phòng', '', '88', '', 'Sông Lam Nghệ An', '', '–', '', 'Hải Phòng', '', '15/02', '', '3TV', '', '', ''];
  const list = [...sub, ...row(1), ...row(2), ...row(3)];
  assert.deepEqual(numberedOf([PROSE, '', ...list, '', '', '', '', '', PROSE]), list.filter((l) => l !== ''));
  // a rate table: `Số` / `TT` on two lines, group rows I, II, III with their own numbering, one merged item
  const rates = ['Số', 'TT', 'Nhóm, loại khoáng sản', 'R (%)',
    'I', 'Nhóm khoáng sản vật liệu xây dựng thông thường và than bùn', '1', 'Cát, sỏi, sạn lòng sông, suối, bãi bồi; sét gạch ngói', '5', '2', 'Than bùn', '1',
    'II', 'Nhóm khoáng sản nhiên liệu', 'Than các loại (trừ than bùn)', '2',
    'III', 'Nhóm khoáng sản kim loại', '1', 'Sắt, mangan, titan', '2', '2', 'Quặng gốc vàng, bạc', '3'];
  // (with no blank line anywhere, the end is where a row holds more than twice the header's cells:
  // a few lines of the text after the table may count as its last row's; only lines read as
  // chrome or headings there would change)
  const found = numberedOf([PROSE, ...rates, ...Array(8).fill(PROSE)]);
  assert.deepEqual(found.slice(0, rates.length), rates);
  assert.ok(found.length - rates.length <= 6, `${found.length - rates.length} lines after the table`);
  // a cell's value that reads as the next row's number (row 2's rate is 3) does not end the table
  const shifted = ['Số', 'TT', 'Nhóm, loại khoáng sản', 'R (%)', 'I', 'Nhóm khoáng sản vật liệu xây dựng', '1', 'Cát, sỏi', '5', '2', 'Các loại vật liệu còn lại', '3', '3', 'Than bùn', '1', '4', 'Nguyên liệu sản xuất cát nghiền', '1', '5', 'Đá ong', '2'];
  assert.deepEqual(numberedOf([PROSE, ...shifted]), shifted);
});

test('without its header word, or without a first row numbered 1, there is no numbered table', () => {
  assert.deepEqual(numberedOf(PENALTIES.slice(1)), []);
  assert.deepEqual(numberedOf(PENALTIES.map((l) => (l === '1' ? '7' : l))), []);
  // the header word alone, with no cell of words after it
  assert.deepEqual(numberedOf(['TT', '1', 'Cảnh cáo', '2', 'Phạt tiền']), []);
  // no header words known: nothing
  assert.deepEqual(numberedOf(PENALTIES, new Set()), []);
});

test('a numbered table\'s cells are not chrome nor headings, and its repeated cells are not duplicates', () => {
  // every table's header row is printed again above the next table
  const text = ['Mức phạt chậm nộp hồ sơ khai thuế năm 2024', '', PROSE, '', '', ...PENALTIES, '', '', '', '', '#### Hóa đơn', '', PROSE, '', '', ...PENALTIES, ''].join('\n');
  const allChrome = oneKindModel('boilerplate');
  const p = prepare(text, defaultKnowledge);
  const r = recognize(p, allChrome);
  for (let j = 0; j < p.content.length; j++) {
    const line = p.lines[p.content[j]].text;
    if (!TABLE_CELLS.includes(line)) continue;
    assert.ok(!['boilerplate', 'related', 'heading'].includes(r.kinds[j]), `${line}: ${r.kinds[j]}`);
  }
  // with the shipped model: no finding removes or flags a cell of either table
  const findings = analyze(text).findings.filter((f) => ['boilerplate', 'duplicate-paragraph', 'related'].includes(f.code));
  const cells: Array<[number, number]> = [];
  let at = 0;
  for (const l of text.split('\n')) {
    if (TABLE_CELLS.includes(l)) cells.push([at, at + l.length]);
    at += l.length + 1;
  }
  assert.equal(cells.length, 2 * TABLE_CELLS.length);
  for (const f of findings) {
    for (const [s, e] of cells) assert.ok(!(f.start < e && f.end > s), `${f.code} over the cell ${JSON.stringify(text.slice(s, e))}`);
  }
});

// a page's formula laid out one term per line, as a table of the page prints it
const FORMULA = [
  'Mức lương thực hiện từ ngày 01 tháng 7 năm 2019', '=', 'Mức lương cơ sở 1.490.000 đồng/tháng', 'x', 'Hệ số lương hiện hưởng',
];
const FORMULA2 = [
  'Mức phụ cấp thực hiện từ ngày 01 tháng 7 năm 2019', '=', 'Mức lương thực hiện từ ngày 01 tháng 7 năm 2019', '+',
  'Mức phụ cấp chức vụ lãnh đạo (nếu có)', 'x', 'Tỷ lệ % phụ cấp được hưởng theo quy định',
];

function formulaOf(lines: string[]): string[] {
  return flagged(lines, formulaLines);
}

test('a formula laid out one term per line is found; operators between other lines are not a formula', () => {
  assert.deepEqual(formulaOf([PROSE, 'Công thức tính mức lương như sau:', ...FORMULA, PROSE]), FORMULA);
  assert.deepEqual(formulaOf([PROSE, ...FORMULA2, PROSE]), FORMULA2);
  // no `=`: a dash between two teasers, a bar between menu items
  assert.deepEqual(formulaOf(['Tin thể thao', '-', 'Tin giải trí', '-', 'Tin pháp luật']), []);
  assert.deepEqual(formulaOf(['=', PROSE]), []);
});

test('with the shipped model: a formula\'s terms and operators are the article\'s text, not chrome nor stray punctuation nor copies', () => {
  const text = ['Tăng lương cơ sở từ ngày 1/7/2019', '', PROSE, '', 'Công thức tính mức lương như sau:', ...FORMULA, 'Công thức tính mức phụ cấp:', ...FORMULA2, PROSE.replace('Theo', 'Cũng theo'), ''].join('\n');
  const findings = analyze(text).findings.filter((f) => ['boilerplate', 'stray-token', 'near-duplicate-paragraph', 'duplicate-paragraph'].includes(f.code));
  const lines = text.split('\n');
  let at = 0;
  const spans: Array<[number, number, string]> = [];
  for (const l of lines) {
    if (FORMULA.includes(l) || FORMULA2.includes(l)) spans.push([at, at + l.length, l]);
    at += l.length + 1;
  }
  for (const f of findings) for (const [s0, e0, l] of spans) assert.ok(!(f.start < e0 && f.end > s0), `${f.code} over ${JSON.stringify(l)}: ${f.message}`);
});

function markdownRowsOf(lines: string[]): string[] {
  return flagged(lines, markdownTableRows);
}

const MD_TABLE = ['| STT | Loại căn hộ | Diện tích (m²) | Số lượng |', '|---|---|---|---|', '| 1 | Loại B2 | 48.4 | 3 căn |', '| 2 | Loại C2 | 51.0 | 1 căn |', '| 3 | Loại D | 71.8 | 2 căn |'];

test('a Markdown table: its header and rows are the article\'s data, its delimiter row and an image laid out as a table are not', () => {
  assert.deepEqual(markdownRowsOf([PROSE, '', ...MD_TABLE, '', PROSE]), [MD_TABLE[0], ...MD_TABLE.slice(2)]);
  // aligned columns, no outer pipes
  const bare = ['Hạng | Đội | Điểm', ':--- | :---: | ---:', '1 | Hà Nội | 42', '2 | Thép Xanh Nam Định | 40'];
  assert.deepEqual(markdownRowsOf([PROSE, ...bare]), [bare[0], ...bare.slice(2)]);
  // a converter's one-cell table holding an image; bars in a widget line with no delimiter row; front matter fences
  assert.deepEqual(markdownRowsOf(['| ![](https://example.vn/anh.jpg) |', '| ------------------------------ |', PROSE]), []);
  assert.deepEqual(markdownRowsOf(['In bài | Gửi cho bạn bè | Lượt xem: 2.187', PROSE, '---', 'title: x', '---']), []);
});

test('a Markdown table\'s rows the model reads as chrome are the article\'s data: no removal offered', () => {
  const text = [PROSE, '', ...MD_TABLE, '', PROSE].join('\n');
  const p = prepare(text, defaultKnowledge);
  const r = recognize(p, oneKindModel('boilerplate'));
  const kindOf = (line: string) => r.kinds[p.content.findIndex((i) => p.lines[i].text === line)];
  for (const row of [MD_TABLE[0], ...MD_TABLE.slice(2)]) assert.equal(kindOf(row), 'paragraph', row);
  const { findings } = analyze(text);
  assert.ok(!findings.some((f) => f.code === 'boilerplate' && text.slice(f.start, f.end).includes('Loại B2')), JSON.stringify(findings.map((f) => [f.code, text.slice(f.start, f.end)])));
});
