import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { dumpPreview, dumpRecords, dumpToJson, findDumps, parseDumpAt } from './phpdump';
import type { PhpDump, PhpValue } from './types';

// ---- helpers ---------------------------------------------------------------------------------

const L = (s: string): string[] => s.split('\n');

function entriesOf(v: PhpValue) {
  assert.ok(v.type === 'array' || v.type === 'object', `expected a container, got ${v.type}`);
  return v.entries;
}

/** Walk a path of keys into a value. */
function at(v: PhpValue, ...path: string[]): PhpValue {
  let cur = v;
  for (const k of path) {
    const e = entriesOf(cur).find((x) => x.key === k);
    assert.ok(e, `no key ${k}`);
    cur = e.value;
  }
  return cur;
}

function only(lines: string[]): PhpDump {
  const ds = findDumps(lines);
  assert.equal(ds.length, 1, `expected one dump, got ${ds.length}: ${JSON.stringify(ds.map((d) => [d.startLine, d.endLine]))}`);
  return ds[0]!;
}

function findUp(rel: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const p = join(dir, rel);
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) break;
  }
  return join(process.cwd(), rel);
}

// ---- a table of shapes -----------------------------------------------------------------------

interface Shape {
  name: string;
  text: string;
  format: 'print_r' | 'var_dump' | 'var_export';
  range: [number, number];
  truncated?: boolean;
  json?: unknown;
  check?: (d: PhpDump) => void;
}

const NB = '\u00a0';

const SHAPES: Shape[] = [
  {
    name: 'print_r structured, nested, blank lines inside',
    text: `Prose before.
Array
(
    [0] => Array
        (
            [news_id] => 263820
            [news_title] => Việt Nam
        )

    [1] => Array
        (
            [news_id] => 263819
            [news_title] => Quần áo 0 đồng
        )

)

Prose after.`,
    format: 'print_r',
    range: [1, 15],
    json: [{ news_id: '263820', news_title: 'Việt Nam' }, { news_id: '263819', news_title: 'Quần áo 0 đồng' }],
  },
  {
    name: 'print_r with NBSP indentation and trailing spaces/\\r',
    text: `Array${NB}\r\n(\r\n${NB}${NB}[a] => 1${NB}\r\n${NB}${NB}[b] => Array\r\n${NB}${NB}${NB}${NB}(\r\n${NB}${NB}${NB}${NB}${NB}[c] => x y \r\n${NB}${NB}${NB}${NB})\r\n\r\n)  \r`,
    format: 'print_r',
    range: [0, 8],
    json: { a: '1', b: { c: 'x y' } },
  },
  {
    name: 'print_r with collapsed (no) indentation',
    text: 'Array\n(\n[a] => 1\n[b] => Array\n(\n[c] => 2\n)\n\n[d] => 3\n)',
    format: 'print_r',
    range: [0, 9],
    json: { a: '1', b: { c: '2' }, d: '3' },
  },
  {
    name: 'print_r fully collapsed on one line',
    text: 'x\nArray ( [0] => Array ( [news_id] => 263820 [news_title] => Việt Nam ) [1] => Array ( [news_id] => 5 [news_title] => Hà Nội (Thủ đô) ) )\ny',
    format: 'print_r',
    range: [1, 1],
    json: [{ news_id: '263820', news_title: 'Việt Nam' }, { news_id: '5', news_title: 'Hà Nội (Thủ đô)' }],
  },
  {
    name: 'print_r collapsed, spanning lines irregularly',
    text: 'Array ( [0] => Array ( [news_id] => 263820\n[news_title] => Việt\nNam ) [1] => Array (\n[news_id] => 5 ) [2] =>\nArray ( ) )\nThe end.',
    format: 'print_r',
    range: [0, 4],
    json: [{ news_id: '263820', news_title: 'Việt Nam' }, { news_id: '5' }, []],
  },
  {
    name: 'print_r object with protected/private properties',
    text: `App\\Model\\News Object
(
    [id] => 7
    [title:protected] => Tin nóng
    [secret:App\\Model\\News:private] => s3
    [old:private] => o
    [self] => App\\Model\\News Object
 *RECURSION*
    [me] => *RECURSION*
)`,
    format: 'print_r',
    range: [0, 9],
    check: (d) => {
      assert.equal(d.root.type, 'object');
      assert.equal(d.root.type === 'object' && d.root.className, 'App\\Model\\News');
      const es = entriesOf(d.root);
      assert.deepEqual(es.map((e) => [e.key, e.visibility, e.declaringClass]), [
        ['id', undefined, undefined],
        ['title', 'protected', undefined],
        ['secret', 'private', 'App\\Model\\News'],
        ['old', 'private', undefined],
        ['self', undefined, undefined],
        ['me', undefined, undefined],
      ]);
      assert.deepEqual(at(d.root, 'self'), { type: 'recursion' });
      assert.deepEqual(at(d.root, 'me'), { type: 'recursion' });
      assert.deepEqual(dumpToJson(d.root), { id: '7', title: 'Tin nóng', secret: 's3', old: 'o', self: '*RECURSION*', me: '*RECURSION*' });
    },
  },
  {
    name: 'print_r empty array, structured',
    text: 'Array\n(\n)\n',
    format: 'print_r',
    range: [0, 2],
    json: [],
  },
  {
    name: 'print_r empty array, collapsed',
    text: 'Xem thêm\nArray ( )\nQuay lên',
    format: 'print_r',
    range: [1, 1],
    json: [],
  },
  {
    name: 'print_r stdClass with nested empty array',
    text: 'stdClass Object\n(\n    [a] => Array\n        (\n        )\n\n    [b] => \n)',
    format: 'print_r',
    range: [0, 7],
    json: { a: [], b: '' },
  },
  {
    name: 'print_r multi-line string values (with blank lines inside)',
    text: `Array
(
    [news_content] => <p>Dòng một.</p>

<p>Dòng (hai).</p>
    Dòng ba ) còn tiếp
    [news_id] => 9
    [last] => cuối
tiếp theo
)
Sau dump.`,
    format: 'print_r',
    range: [0, 9],
    json: { news_content: '<p>Dòng một.</p>\n\n<p>Dòng (hai).</p>\n    Dòng ba ) còn tiếp', news_id: '9', last: 'cuối\ntiếp theo' },
  },
  {
    name: 'print_r empty values',
    text: 'Array\n(\n    [newcate_code2] => \n    [x] =>\n    [y] => 1\n)',
    format: 'print_r',
    range: [0, 5],
    json: { newcate_code2: '', x: '', y: '1' },
  },
  {
    name: 'print_r truncated at end of file',
    text: 'Array\n(\n    [0] => Array\n        (\n            [a] => 1\n            [b] => 2',
    format: 'print_r',
    range: [0, 5],
    truncated: true,
    json: [{ a: '1', b: '2' }],
  },
  {
    name: 'print_r unclosed, followed by prose paragraphs (not swallowed)',
    text: 'Array\n(\n    [a] => 1\n    [b] => 2\n\nĐoạn văn sau dump.\n\nMột đoạn khác.',
    format: 'print_r',
    range: [0, 3],
    truncated: true,
    json: { a: '1', b: '2' },
  },
  {
    name: 'print_r with inner array closed but outer not, then prose',
    text: 'Array\n(\n    [0] => Array\n        (\n            [a] => 1\n        )\n\nĐoạn văn.\n',
    format: 'print_r',
    range: [0, 5],
    truncated: true,
    json: [{ a: '1' }],
  },
  {
    name: 'var_dump nested array, all scalar kinds',
    text: `Trước.
array(3) {
  ["news"]=>
  array(7) {
    ["id"]=>
    int(263820)
    ["title"]=>
    string(10) "Việt Nam"
    ["score"]=>
    float(1.5)
    ["hot"]=>
    bool(true)
    ["cold"]=>
    bool(false)
    ["none"]=>
    NULL
    ["neg"]=>
    int(-3)
  }
  [0]=>
  string(0) ""
  [-1]=>
  float(-INF)
}
Sau.`,
    format: 'var_dump',
    range: [1, 23],
    json: { news: { id: 263820, title: 'Việt Nam', score: 1.5, hot: true, cold: false, none: null, neg: -3 }, 0: '', '-1': '-INF' },
    check: (d) => {
      assert.deepEqual(at(d.root, 'news', 'id'), { type: 'scalar', value: '263820', phpType: 'int' });
      assert.deepEqual(at(d.root, 'news', 'none'), { type: 'scalar', value: 'NULL', phpType: 'null' });
    },
  },
  {
    name: 'var_dump object with visibility and recursion',
    text: `object(App\\News)#1 (4) {
  ["id"]=>
  int(1)
  ["title":protected]=>
  string(3) "Tin"
  ["secret":"App\\News":private]=>
  string(1) "s"
  ["self"]=>
  *RECURSION*
  ["tags"]=>
  object(stdClass)#2 (0) {
  }
}`,
    format: 'var_dump',
    range: [0, 12],
    check: (d) => {
      assert.equal(d.root.type === 'object' && d.root.className, 'App\\News');
      assert.deepEqual(entriesOf(d.root).map((e) => [e.key, e.visibility, e.declaringClass]), [
        ['id', undefined, undefined],
        ['title', 'protected', undefined],
        ['secret', 'private', 'App\\News'],
        ['self', undefined, undefined],
        ['tags', undefined, undefined],
      ]);
      assert.deepEqual(at(d.root, 'self'), { type: 'recursion' });
      assert.deepEqual(at(d.root, 'tags'), { type: 'object', className: 'stdClass', entries: [] });
      assert.deepEqual(dumpToJson(d.root), { id: 1, title: 'Tin', secret: 's', self: '*RECURSION*', tags: {} });
    },
  },
  {
    name: 'var_dump multi-line string containing quotes, exact byte length',
    text: 'array(2) {\n  ["body"]=>\n  string(24) "Dòng "một"\n"hai" "\nba"\n  ["n"]=>\n  int(2)\n}',
    format: 'var_dump',
    range: [0, 7],
    json: { body: 'Dòng "một"\n"hai" "\nba', n: 2 },
  },
  {
    name: 'var_dump string whose byte length no longer matches (scraped NBSP), fallback quote',
    text: `array(2) {\n  ["a"]=>\n  string(3) "x${NB}y z"\n  ["b"]=>\n  string(99) "ngắn"\n}`,
    format: 'var_dump',
    range: [0, 5],
    json: { a: `x${NB}y z`, b: 'ngắn' },
  },
  {
    name: 'var_dump collapsed on one line',
    text: 'array(2) { ["a"]=> string(1) "x" ["b"]=> array(1) { [0]=> int(1) } }',
    format: 'var_dump',
    range: [0, 0],
    json: { a: 'x', b: [1] },
  },
  {
    name: 'var_dump empty array',
    text: 'array(0) {\n}',
    format: 'var_dump',
    range: [0, 0 + 1],
    json: [],
  },
  {
    name: 'xdebug text variant with file:line prefix',
    text: `Trước.
/var/www/html/index.php:12:
array(2) {
  'title' =>
  string(3) "Tin"
  [0] =>
  class Foo#1 (2) {
    public $a =>
    int(1)
    protected $b =>
    NULL
  }
}`,
    format: 'var_dump',
    range: [1, 12],
    check: (d) => {
      assert.deepEqual(dumpToJson(d.root), { title: 'Tin', 0: { a: 1, b: null } });
      assert.deepEqual(entriesOf(at(d.root, '0')).map((e) => e.visibility), [undefined, 'protected']);
      assert.equal(at(d.root, '0').type === 'object' && (at(d.root, '0') as { className?: string }).className, 'Foo');
    },
  },
  {
    // The key whose value is garbage is dump debris too: it ends the dump.
    name: 'var_dump with garbage in the middle ends at the last line that fits',
    text: 'array(3) {\n  ["a"]=>\n  int(1)\n  ["b"]=>\n  Đây là rác giữa chừng\n  ["c"]=>\n  int(3)\n}\nĐoạn văn.',
    format: 'var_dump',
    range: [0, 3],
    truncated: true,
    json: { a: 1 },
  },
  {
    name: 'var_dump truncated mid-string at end of file',
    text: 'array(2) {\n  ["a"]=>\n  int(1)\n  ["b"]=>\n  string(50) "bắt đầu nhưng\nkhông bao giờ kết thúc',
    format: 'var_dump',
    range: [0, 3],
    truncated: true,
    json: { a: 1 },
  },
  {
    name: 'var_export nested arrays, scalars, escapes',
    text: `array (
  0 => 
  array (
    'news_id' => 263820,
    'news_title' => 'Việt Nam \\'75\\' C:\\\\dir',
    'score' => 1.5,
    'hot' => true,
    'cold' => false,
    'none' => NULL,
    'neg' => -2,
    'body' => 'dòng một
dòng hai',
  ),
  'k' => 
  array (
  ),
)`,
    format: 'var_export',
    range: [0, 16],
    json: { 0: { news_id: 263820, news_title: "Việt Nam '75' C:\\dir", score: 1.5, hot: true, cold: false, none: null, neg: -2, body: 'dòng một\ndòng hai' }, k: [] },
  },
  {
    name: 'var_export objects: __set_state and (object) array',
    text: `\\App\\News::__set_state(array(
   'id' => 1,
   'meta' => 
  (object) array(
     'a' => 'b',
  ),
   'old' => 
  stdClass::__set_state(array(
     'x' => NULL,
  )),
   'suit' => \\Suit::Hearts,
))`,
    format: 'var_export',
    range: [0, 11],
    check: (d) => {
      assert.equal(d.root.type, 'object');
      assert.equal(d.root.type === 'object' && d.root.className, 'App\\News');
      assert.equal(at(d.root, 'meta').type, 'object');
      assert.equal((at(d.root, 'meta') as { className?: string }).className, 'stdClass');
      assert.equal((at(d.root, 'old') as { className?: string }).className, 'stdClass');
      assert.deepEqual(dumpToJson(d.root), { id: 1, meta: { a: 'b' }, old: { x: null }, suit: 'Suit::Hearts' });
    },
  },
  {
    name: 'var_export collapsed on one line, with trailing semicolon',
    text: "array ( 0 => 'a', 1 => array ( 'x' => 1, ), );",
    format: 'var_export',
    range: [0, 0],
    json: ['a', { x: 1 }],
  },
  {
    name: 'var_export empty array',
    text: 'array (\n)',
    format: 'var_export',
    range: [0, 1],
    json: [],
  },
  {
    name: 'var_export unclosed, then prose',
    text: "array (\n  'a' => 1,\n  'b' => 'hai',\n\nĐoạn văn tiếp theo.\n",
    format: 'var_export',
    range: [0, 2],
    truncated: true,
    json: { a: 1, b: 'hai' },
  },
  {
    name: 'var_export string never closed: dump ends with its key, before the prose',
    text: "array (\n  'a' => 1,\n  'b' => 'không đóng\nĐoạn văn.\n",
    format: 'var_export',
    range: [0, 2],
    truncated: true,
    json: { a: 1 },
  },
];

for (const s of SHAPES) {
  test(`shape: ${s.name}`, () => {
    const lines = s.text.split(/\r\n|\n/);
    const d = only(lines);
    assert.equal(d.format, s.format);
    assert.deepEqual([d.startLine, d.endLine], s.range);
    assert.equal(d.truncated, s.truncated ?? false);
    if (s.json !== undefined) assert.deepEqual(dumpToJson(d.root), s.json);
    s.check?.(d);
    // parseDumpAt at the start line gives the same dump.
    assert.deepEqual(parseDumpAt(lines, d.startLine), d);
  });
}

test('two dumps back to back, and dumps of different formats in one document', () => {
  const lines = L('Array\n(\n    [a] => 1\n)\nArray ( [b] => 2 )\n\narray(1) {\n  [0]=>\n  int(1)\n}\nVăn.\narray (\n  0 => 1,\n)');
  const ds = findDumps(lines);
  assert.deepEqual(ds.map((d) => [d.format, d.startLine, d.endLine, d.truncated]), [
    ['print_r', 0, 3, false],
    ['print_r', 4, 4, false],
    ['var_dump', 6, 9, false],
    ['var_export', 11, 13, false],
  ]);
});

test('an unclosed dump stops at the next dump instead of swallowing it', () => {
  const lines = L('Array\n(\n    [a] => 1\nVăn xuôi\nArray\n(\n    [b] => 2\n)');
  const ds = findDumps(lines);
  assert.deepEqual(ds.map((d) => [d.startLine, d.endLine, d.truncated]), [[0, 2, true], [4, 7, false]]);
  assert.deepEqual(dumpToJson(ds[0]!.root), { a: '1' });
  assert.deepEqual(dumpToJson(ds[1]!.root), { b: '2' });
});

// ---- not dumps -------------------------------------------------------------------------------

test('prose mentioning Array or => is not a dump; stray parens are not dumps', () => {
  const prose = [
    'Array',
    'Array là một kiểu dữ liệu trong PHP.',
    'Array (mảng) được dùng rộng rãi.',
    'Array',
    '(GLO)- Sáng 18-5, Ban Tuyên giáo Trung ương...',
    'Array',
    '',
    '(ảnh: TTXVN)',
    'Giá trị [0] => 1 được in ra.',
    '[0] => Việt Nam',
    '[news_id] => 263820',
    ')',
    '  )',
    'array (như một mảng)',
    'array(2) tỷ đồng {đây là}',
    'Một Object (vật thể) lạ',
    'Smart Object',
    'object(Foo) là gì?',
    '(',
    '[a] => 1',
    ')',
    'x => y, a => b',
    "'a' => 1,",
    '}',
    'class Foo { }',
    '/var/www/index.php:12:',
    'Hết.',
  ];
  assert.deepEqual(findDumps(prose), []);
  for (let i = 0; i < prose.length; i++) assert.equal(parseDumpAt(prose, i), null, `line ${i}`);
});

test('parseDumpAt: out-of-range, non-header and odd inputs return null', () => {
  const lines = L('Array\n(\n    [a] => 1\n)');
  assert.equal(parseDumpAt(lines, -1), null);
  assert.equal(parseDumpAt(lines, 4), null);
  assert.equal(parseDumpAt(lines, 1.5), null);
  assert.equal(parseDumpAt(lines, 2), null);
  assert.equal(parseDumpAt(lines, 3), null);
  assert.equal(parseDumpAt([], 0), null);
  assert.deepEqual(findDumps([]), []);
  assert.deepEqual(findDumps(['']), []);
  assert.equal(parseDumpAt(lines, 0)?.endLine, 3);
});

// ---- the real dumps in seed 000 ----------------------------------------------------------------

test('seed 000: two print_r dumps, 8 and 3 records with their news_title', () => {
  const text = readFileSync(findUp('seeds/000_f4915662ab95302d.txt'), 'utf8');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const ds = findDumps(lines);
  assert.deepEqual(ds.map((d) => [d.format, d.startLine, d.endLine, d.truncated]), [
    ['print_r', 53, 159, false],
    ['print_r', 160, 198, false],
  ]);
  const r1 = dumpRecords(ds[0]!);
  const r2 = dumpRecords(ds[1]!);
  assert.equal(r1.length, 8);
  assert.equal(r2.length, 3);
  assert.deepEqual(r1.map((r) => r.key), ['0', '1', '2', '3', '4', '5', '6', '7']);
  assert.equal(r1[0]!.title, 'Việt Nam-Trung Quốc trao đổi thư mừng 72 năm quan hệ ngoại giao');
  assert.equal(r1[4]!.title, 'Sao sáng tháng giêng');
  assert.equal(r1[7]!.title, 'TP.Dĩ An: Nhiều họat động chăm lo tết cho công nhân nhà trọ');
  assert.deepEqual(r2.map((r) => r.title), [
    'Bộ trưởng Bùi Thanh Sơn hội đàm với Ngoại trưởng Trung Quốc Vương Nghị',
    'Ngày hội học sinh “Khi tôi 18”',
    'Quan hệ Việt-Trung mang lại lợi ích thiết thực cho nhân dân hai nước',
  ]);
  assert.deepEqual(r1[0]!.fields, {
    news_lang: 'vi',
    news_id: '263820',
    news_title: 'Việt Nam-Trung Quốc trao đổi thư mừng 72 năm quan hệ ngoại giao',
    newcate_code1: 'chinh-tri',
    newcate_code2: '',
    news_publicdate: '2022-01-17 16:21:54',
    news_type: '0',
    news_createdate: '2022-01-17 16:18:04',
    news_picture: '1642411084.jpg',
  });
  const json = dumpToJson(ds[1]!.root) as Array<Record<string, string>>;
  assert.ok(Array.isArray(json));
  assert.equal(json.length, 3);
  assert.equal(json[1]!.news_id, '260921');
  // The line after the second dump is prose ("Quay lên trên"), not part of it.
  assert.equal(lines[199], 'Quay lên trên');
  const preview = dumpPreview(ds[0]!, 3);
  assert.equal(preview, [
    'print_r Array, 8 entries',
    '[0] news_title: Việt Nam-Trung Quốc trao đổi thư mừng 72 năm quan hệ ngoại giao',
    '[1] news_title: Quần áo 0 đồng “Ai có đến cho - Ai cần đến lấy”',
    '[2] news_title: Quân ủy Trung ương tổ chức hội nghị cán bộ chủ chốt toàn quân',
    '… 5 more',
  ].join('\n'));
});

test('seeds 001-004 (no dumps in their gold labels) have no dumps', () => {
  for (const f of ['001_a4534dbc61da94dd.txt', '002_acc4bfed7ea69af2.txt', '003_a9d5c90c0c69739c.txt', '004_98d8f0e0758a8752.txt']) {
    const p = findUp(`seeds/${f}`);
    if (!existsSync(p)) continue;
    assert.deepEqual(findDumps(readFileSync(p, 'utf8').split(/\r\n|\r|\n/)), [], f);
  }
});

// ---- records, previews, JSON -------------------------------------------------------------------

test('dumpRecords: flat dump is a single record; nested leaves get dotted keys; titles by priority', () => {
  const flat = only(L('Array\n(\n    [id] => 1\n    [name] => Tên\n    [pics] => Array\n        (\n            [0] => a.jpg\n            [1] => b.jpg\n        )\n\n)'));
  assert.deepEqual(dumpRecords(flat), [{ key: '', title: 'Tên', fields: { id: '1', name: 'Tên', 'pics.0': 'a.jpg', 'pics.1': 'b.jpg' } }]);
  const objs = only(L('array(2) {\n  ["x"]=>\n  array(2) {\n    ["name"]=>\n    string(1) "n"\n    ["headline"]=>\n    string(1) "h"\n  }\n  ["y"]=>\n  array(1) {\n    ["v"]=>\n    NULL\n  }\n}'));
  assert.deepEqual(dumpRecords(objs), [
    { key: 'x', title: 'n', fields: { name: 'n', headline: 'h' } },
    { key: 'y', fields: { v: '' } },
  ]);
  assert.equal(dumpPreview(objs), 'var_dump array, 2 entries\n[x] name: n\n[y] v:');
  assert.equal(dumpPreview(flat, 2), 'print_r Array, 3 entries\nid: 1\nname: Tên\n… 2 more');
  const weird = only(L("array (\n  '__proto__' => 'p',\n  'constructor' => 'c',\n)"));
  assert.deepEqual(dumpRecords(weird)[0]!.fields, JSON.parse('{"__proto__":"p","constructor":"c"}'));
  assert.deepEqual(dumpToJson(weird.root), JSON.parse('{"__proto__":"p","constructor":"c"}'));
  const trunc = only(L('Array\n(\n    [a] => 1'));
  assert.equal(dumpPreview(trunc), 'print_r Array, 1 entry (truncated)\na: 1');
});

test('dumpToJson: list detection and scalar typing', () => {
  const s = (value: string, phpType?: string): PhpValue => (phpType ? { type: 'scalar', value, phpType } : { type: 'scalar', value });
  assert.deepEqual(dumpToJson({ type: 'array', entries: [{ key: '1', value: s('a') }, { key: '0', value: s('b') }] }), { 1: 'a', 0: 'b' });
  assert.deepEqual(dumpToJson({ type: 'array', entries: [{ key: '0', value: s('a') }, { key: '1', value: s('b') }] }), ['a', 'b']);
  assert.deepEqual(dumpToJson({ type: 'object', className: 'X', entries: [{ key: '0', value: s('a') }] }), { 0: 'a' });
  assert.deepEqual(dumpToJson({ type: 'array', entries: [] }), []);
  assert.equal(dumpToJson(s('12345678901234567890', 'int')), '12345678901234567890');
  assert.equal(dumpToJson(s('NAN', 'float')), 'NAN');
  assert.equal(dumpToJson(s('1.0E+25', 'float')), 1e25);
  assert.equal(dumpToJson(s('TRUE', 'bool')), true);
  assert.equal(dumpToJson(s('7')), '7');
  assert.equal(dumpToJson({ type: 'recursion' }), '*RECURSION*');
});

// ---- generated dumps (property tests) -----------------------------------------------------------

type Model =
  | { t: 's'; v: string }
  | { t: 'i'; v: number }
  | { t: 'b'; v: boolean }
  | { t: 'n' }
  | { t: 'a'; list: boolean; e: Array<[string, Model]> };

const WORDS = ['Việt', 'Nam', 'tin', 'mới', 'Hà', 'Nội', 'a', 'b', '2022-01-17', '16:21:54', 'x.jpg', '-', ',', '.', ':', '“Ai”', '0', '1'];

/** A string from an alphabet that avoids the few characters a dump's structure depends on. */
function strArb(extra: string[], multiline: boolean) {
  const w = fc.constantFrom(...WORDS, ...extra);
  const sep = multiline ? fc.constantFrom(' ', ' ', ' ', '\n', NB) : fc.constantFrom(' ', ' ', NB);
  return fc.array(fc.tuple(w, sep), { maxLength: 6 }).map((ps) => ps.map(([a, b]) => a + b).join('').trim());
}

function modelArb(str: fc.Arbitrary<string>) {
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf(), tie('node')),
    node: fc.oneof(
      fc.array(tie('tree'), { maxLength: 4 }).map((vs): Model => ({ t: 'a', list: true, e: vs.map((v, i) => [String(i), v as Model]) })),
      fc.uniqueArray(fc.tuple(fc.constantFrom('news_id', 'news_title', 'title', 'a', 'b_c', 'x1', 'newcate_code2'), tie('tree')), {
        maxLength: 4, selector: (p) => p[0],
      }).map((ps): Model => ({ t: 'a', list: false, e: ps as Array<[string, Model]> })),
    ),
  }));
  function leaf(): fc.Arbitrary<Model> {
    return fc.oneof(
      str.map((v): Model => ({ t: 's', v })),
      fc.integer({ min: -1e6, max: 1e6 }).map((v): Model => ({ t: 'i', v })),
      fc.boolean().map((v): Model => ({ t: 'b', v })),
      fc.constant<Model>({ t: 'n' }),
    );
  }
  const root = fc.oneof(
    fc.array(tree, { maxLength: 4 }).map((vs): Model => ({ t: 'a', list: true, e: vs.map((v, i) => [String(i), v as Model]) })),
    fc.uniqueArray(fc.tuple(fc.constantFrom('news_id', 'news_title', 'id', 'body'), tree), { maxLength: 4, selector: (p) => p[0] })
      .map((ps): Model => ({ t: 'a', list: false, e: ps as Array<[string, Model]> })),
  );
  return root;
}

const sp = (n: number) => ' '.repeat(n);

function printR(m: Model, indent = 0): string {
  switch (m.t) {
    case 's': return m.v;
    case 'i': return String(m.v);
    case 'b': return m.v ? '1' : '';
    case 'n': return '';
    case 'a':
      return `Array\n${sp(indent)}(\n${m.e.map(([k, v]) => `${sp(indent + 4)}[${k}] => ${printR(v, indent + 8)}\n`).join('')}${sp(indent)})\n`;
  }
}

function varDump(m: Model, indent = 0): string {
  switch (m.t) {
    case 's': return `${sp(indent)}string(${Buffer.byteLength(m.v, 'utf8')}) "${m.v}"\n`;
    case 'i': return `${sp(indent)}int(${m.v})\n`;
    case 'b': return `${sp(indent)}bool(${m.v})\n`;
    case 'n': return `${sp(indent)}NULL\n`;
    case 'a':
      return `${sp(indent)}array(${m.e.length}) {\n${m.e.map(([k, v]) => `${sp(indent + 2)}[${/^\d+$/.test(k) ? k : `"${k}"`}]=>\n${varDump(v, indent + 2)}`).join('')}${sp(indent)}}\n`;
  }
}

function varExport(m: Model, indent = 0): string {
  switch (m.t) {
    case 's': return `'${m.v.replace(/[\\']/g, '\\$&')}'`;
    case 'i': return String(m.v);
    case 'b': return String(m.v);
    case 'n': return 'NULL';
    case 'a':
      return `array (\n${m.e.map(([k, v]) => `${sp(indent + 2)}${/^\d+$/.test(k) ? k : `'${k}'`} => ${v.t === 'a' ? `\n${sp(indent + 2)}` : ''}${varExport(v, indent + 2)},\n`).join('')}${sp(indent)})`;
  }
}

function expectJson(m: Model, typed: boolean): unknown {
  switch (m.t) {
    case 's': return typed ? m.v : m.v.trim();
    case 'i': return typed ? m.v : String(m.v);
    case 'b': return typed ? m.v : m.v ? '1' : '';
    case 'n': return typed ? null : '';
    case 'a': {
      if (m.e.every(([k], i) => k === String(i))) return m.e.map(([, v]) => expectJson(v, typed));
      const o: Record<string, unknown> = {};
      for (const [k, v] of m.e) o[k] = expectJson(v, typed);
      return o;
    }
  }
}

function hasNewline(m: Model): boolean {
  return m.t === 's' ? m.v.includes('\n') : m.t === 'a' ? m.e.some(([, v]) => hasNewline(v)) : false;
}

type Fmt = 'print_r' | 'var_dump' | 'var_export';

function render(fmt: Fmt, m: Model): string[] {
  const text = fmt === 'print_r' ? printR(m) : fmt === 'var_dump' ? varDump(m) : varExport(m);
  return text.replace(/\n$/, '').split('\n');
}

// Prose full of dump tokens, but not a dump's own syntax: `… Array ( [0] => …` after prose on a line is
// a collapsed print_r pasted mid-paragraph (a dump since dumps may follow prose on their line).
const proseLine = fc.tuple(
  fc.constantFrom('Theo', 'Ông', 'Hà Nội', 'Sáng', 'Chiều', 'Xem', 'Quay', 'Đây'),
  fc.array(fc.constantFrom('Array', '=>', 'array', '(2020)', ')', '(', '[0]', 'Object.', 'tin', 'mới', '.', '{', '}'), { maxLength: 8 }),
).map(([a, ws]) => [a, ...ws].join(' ')).filter((l) => !/Array \( \[0\] =>/.test(l));
const prose = fc.array(fc.oneof(proseLine, fc.constant('')), { maxLength: 4 });

const STRS: Record<Fmt, fc.Arbitrary<string>> = {
  // print_r values: no brackets/parens (they delimit values), no quotes needed.
  print_r: strArb(['Hà Nội', '"x"', "'y'", '=>', '{', '}'], true),
  // var_dump values: quotes and newlines allowed (the byte length disambiguates).
  var_dump: strArb(['"', '"x"', ')', '=>', 'Array'], true),
  // var_export values: escapes, quotes and newlines.
  var_export: strArb(["'", "\\", "\\'", '"', ')', '=>', 'array', '{', '}'], true),
};

for (const fmt of ['print_r', 'var_dump', 'var_export'] as const) {
  test(`property: generated ${fmt} dumps between prose are found whole and parsed back`, () => {
    fc.assert(
      fc.property(prose, modelArb(STRS[fmt]), prose, fc.constantFrom('plain', 'nbsp', 'collapse', 'cr'), (before, m, after, style) => {
        let dump = render(fmt, m);
        // Re-indenting would also change the continuation lines of multi-line strings.
        if (hasNewline(m)) style = 'plain';
        if (style === 'nbsp') dump = dump.map((l) => l.replace(/^ +/, (s) => NB.repeat(s.length)));
        if (style === 'collapse') dump = dump.map((l) => l.replace(/^ +/, (s) => (s.length ? ' ' : '')));
        if (style === 'cr') dump = dump.map((l) => `${l} \r`);
        const lines = [...before, ...dump, ...after];
        const ds = findDumps(lines);
        assert.equal(ds.length, 1);
        const d = ds[0]!;
        assert.equal(d.format, fmt);
        assert.deepEqual([d.startLine, d.endLine], [before.length, before.length + dump.length - 1]);
        assert.equal(d.truncated, false);
        assert.deepEqual(dumpToJson(d.root), expectJson(m, fmt !== 'print_r'));
      }),
      { numRuns: Number(process.env.PHPDUMP_RUNS ?? 300) },
    );
  });

  test(`property: a ${fmt} dump cut short never swallows the prose after it`, () => {
    fc.assert(
      fc.property(prose, modelArb(STRS[fmt]), fc.nat(), fc.array(proseLine, { minLength: 1, maxLength: 3 }), (before, m, cutSeed, after) => {
        const dump = render(fmt, m);
        fc.pre(dump.length >= 3);
        const k = 1 + (cutSeed % (dump.length - 1)); // keep lines [0, k), 1 <= k < dump.length
        const lines = [...before, ...dump.slice(0, k), '', ...after];
        const ds = findDumps(lines);
        assert.ok(ds.length <= 1);
        if (ds.length === 1) {
          const d = ds[0]!;
          assert.equal(d.startLine, before.length);
          assert.ok(d.endLine < before.length + k, `endLine ${d.endLine} past the cut ${before.length + k - 1}`);
          assert.equal(d.truncated, true);
        }
      }),
      { numRuns: Number(process.env.PHPDUMP_RUNS ?? 300) },
    );
  });
}

test('property: arbitrary line soup never throws; results are ordered, disjoint and reproducible', () => {
  const piece = fc.oneof(
    fc.constantFrom('Array', '(', ')', '', '  [0] => Array', '    (', '[a] => 1', 'array(2) {', '}', '  ["k"]=>', 'string(3) "abc"',
      'int(1)', 'array (', "  'k' => 'v',", '  0 => ', '),', '))', '\\Foo::__set_state(array(', 'Foo Object', '*RECURSION*',
      'object(Foo)#1 (1) {', '/x.php:1:', 'string(5) "ab', "'open", 'Array ( [x] => Array ( [y] => 1 ) )', 'Văn xuôi có Array và =>.'),
    fc.string({ maxLength: 12 }),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (lines) => {
      const ds = findDumps(lines);
      let prev = -1;
      for (const d of ds) {
        assert.ok(d.startLine > prev && d.endLine >= d.startLine && d.endLine < lines.length);
        prev = d.endLine;
        assert.deepEqual(parseDumpAt(lines, d.startLine), d);
        dumpRecords(d);
        dumpPreview(d);
        JSON.stringify(dumpToJson(d.root));
      }
    }),
    { numRuns: Number(process.env.PHPDUMP_RUNS ?? 1000) },
  );
});

// ---- stress ------------------------------------------------------------------------------------

test('stress: a 20 MB document of repeated dumps and prose', () => {
  const models: Model[] = [
    { t: 'a', list: true, e: [['0', { t: 'a', list: false, e: [['news_id', { t: 'i', v: 263820 }], ['news_title', { t: 's', v: 'Việt Nam-Trung Quốc trao đổi thư mừng' }]] }]] },
    { t: 'a', list: false, e: [['body', { t: 's', v: 'Dòng "một"\ndòng hai' }], ['n', { t: 'n' }]] },
  ];
  const blocks: Array<{ lines: string[]; fmt?: Fmt; json?: unknown }> = [];
  const fmts: Fmt[] = ['print_r', 'var_dump', 'var_export'];
  for (let i = 0; i < 6; i++) {
    const fmt = fmts[i % 3]!;
    const m = models[i % 2]!;
    blocks.push({ lines: render(fmt, m), fmt, json: expectJson(m, fmt !== 'print_r') });
  }
  blocks.push({ lines: ['Array ( [0] => Array ( [news_id] => 1 [news_title] => Một ) )'], fmt: 'print_r', json: [{ news_id: '1', news_title: 'Một' }] });
  const para = 'Theo Array và => trong bài viết, (GLO)- Sáng nay ông nói: "array (mảng) là Object (đối tượng)". '.repeat(4);
  const lines: string[] = [];
  const expected: Array<{ start: number; end: number; fmt: Fmt; json: unknown }> = [];
  let size = 0;
  for (let i = 0; size < 20 * 1024 * 1024; i++) {
    const b = blocks[i % blocks.length]!;
    lines.push(para, '', 'Array', para, '');
    size += 2 * para.length + 10;
    expected.push({ start: lines.length, end: lines.length + b.lines.length - 1, fmt: b.fmt!, json: b.json });
    for (const l of b.lines) { lines.push(l); size += l.length + 1; }
    lines.push('');
  }
  // An unclosed dump in the middle and one at the very end.
  const mid = Math.floor(lines.length / 2);
  const midIdx = expected.findIndex((e) => e.start > mid);
  const insertAt = expected[midIdx]!.start - 1; // the blank line before a dump
  const unclosed = ['Array', '(', '    [a] => 1', para, '', para];
  lines.splice(insertAt, 0, ...unclosed);
  for (let j = midIdx; j < expected.length; j++) { expected[j]!.start += unclosed.length; expected[j]!.end += unclosed.length; }
  lines.push('array(2) {', '  ["a"]=>', '  int(1)', para);
  const ds = findDumps(lines);
  assert.equal(ds.length, expected.length + 2);
  let k = 0;
  for (const d of ds) {
    if (d.startLine === insertAt) {
      assert.deepEqual([d.endLine, d.truncated, dumpToJson(d.root)], [insertAt + 2, true, { a: '1' }]);
      continue;
    }
    if (k === expected.length) {
      assert.deepEqual([d.startLine, d.endLine, d.truncated, dumpToJson(d.root)], [lines.length - 4, lines.length - 2, true, { a: 1 }]);
      continue;
    }
    const e = expected[k++]!;
    assert.equal(d.format, e.fmt);
    assert.equal(d.startLine, e.start);
    assert.equal(d.endLine, e.end);
    assert.equal(d.truncated, false);
    if (k % 97 === 0 || k < 10) assert.deepEqual(dumpToJson(d.root), e.json);
  }
  assert.equal(k, expected.length);
});

test('stress: adversarial inputs finish (long lines, many unclosed headers, deep nesting)', () => {
  // Many unclosed dumps: each one must stop at the next.
  const unclosed: string[] = [];
  for (let i = 0; i < 20000; i++) unclosed.push('Array', '(', `    [k${i}] => v`, 'Văn xuôi ( ) [x] không phải => mục.');
  const ds = findDumps(unclosed);
  assert.equal(ds.length, 20000);
  assert.ok(ds.every((d, i) => d.startLine === 4 * i && d.endLine === 4 * i + 2 && d.truncated));

  // Unclosed quoted strings separated by prose.
  const strings: string[] = [];
  for (let i = 0; i < 20000; i++) strings.push("array (", "  'a' => 'never closed", 'prose', 'array(1) {', '  ["a"]=>', '  string(999999) "x', 'prose');
  const ds2 = findDumps(strings);
  assert.equal(ds2.length, 40000);
  assert.ok(ds2.every((d) => d.endLine === d.startLine + 1 && d.truncated)); // the dangling key's line is part of the dump

  // A 5 MB line of brackets and parens, and one of "Array ( [" repeated.
  assert.deepEqual(findDumps(['[[[[ (( ))'.repeat(500000)]), []);
  const longCollapsed = `Array ( ${'[a] => Array ( '.repeat(1000)}[b] => x ${') '.repeat(1000)})`;
  const d3 = findDumps([longCollapsed]);
  assert.equal(d3.length, 1);
  assert.equal(d3[0]!.truncated, true); // nesting beyond the depth cap
  const brackets = `Array ( [a] => ${' [ [ [x] ]'.repeat(300000)} )`;
  const d6 = findDumps([brackets]);
  assert.equal(d6.length, 1);
  assert.equal(entriesOf(d6[0]!.root).length, 1);
  assert.equal(d6[0]!.truncated, false);
  const wide = `Array ( ${'[a] => b [c] => (d) '.repeat(200000)})`;
  const d4 = findDumps([wide, 'Văn.']);
  assert.deepEqual(d4.map((d) => [d.startLine, d.endLine, d.truncated]), [[0, 0, false]]);

  // Deep structured nesting.
  const deep: string[] = ['Array', '('];
  for (let i = 0; i < 5000; i++) deep.push(`[${i}] => Array`, '(');
  deep.push('[x] => 1');
  for (let i = 0; i < 5000; i++) deep.push(')');
  deep.push(')');
  const d5 = findDumps(deep);
  assert.ok(d5.length >= 1);
  assert.equal(d5[0]!.startLine, 0);
  assert.equal(d5[0]!.truncated, true);
});

// ---- shapes people paste (issue: every real shape) ------------------------------------------------

test('var_dump with { on its own line, } } closers, a TAB-indented stray word after {', () => {
  const lines = L('Trước.\narray(2)\n{\n  ["a"]=>\n  string(1) "x"\n  ["b"]=> array(1)\n\t{Junk\n\t[0]=> int(1) } }\nSau.');
  const d = only(lines);
  assert.deepEqual([d.format, d.startLine, d.endLine, d.startColumn, d.endColumn, d.truncated], ['var_dump', 1, 7, 0, lines[7]!.length, false]);
  assert.deepEqual(dumpToJson(d.root), { a: 'x', b: [1] });
});

test("xdebug's HTML form as copied from a browser: header line, sizes, objects, indentation ends objects", () => {
  const lines = L([
    'Đoạn trước.', '',
    'C:\\xampp\\htdocs\\x\\default.php:67:',
    'array (size=3)',
    "  'k' => int 5",
    '  0 => ',
    '    object(stdClass)[378]',
    "      public 'id' => string '23' (length=2)",
    "      protected 'note' => string 'dòng một",
    "dòng (hai)' (length=23)",
    "      private 'p' (Base) => null",
    "      public 'ok' => boolean true",
    '  1 => ',
    '    array (size=0)',
    '      empty',
    '',
    'Đoạn sau.',
  ].join('\n'));
  const d = only(lines);
  assert.deepEqual([d.format, d.variant, d.startLine, d.endLine, d.truncated], ['var_dump', 'xdebug-html', 2, 14, false]);
  assert.deepEqual(dumpToJson(d.root), { k: 5, 0: { id: '23', note: 'dòng một\ndòng (hai)', p: null, ok: true }, 1: [] });
  const obj = at(d.root, '0');
  assert.deepEqual(entriesOf(obj).map((e) => [e.key, e.visibility, e.declaringClass]),
    [['id', undefined, undefined], ['note', 'protected', undefined], ['p', 'private', 'Base'], ['ok', undefined, undefined]]);
  // Without the header line the same dump is found from `array (size=3)`.
  assert.deepEqual(findDumps(lines.slice(3)).map((x) => [x.startLine, x.endLine]), [[0, 11]]);
});

test('headerless fragments: print_r from [attributes:protected] => Array, from a bare (, var_export mid-array', () => {
  const pr = L('Thiên Minh\n \n     [attributes:protected] => Array\n        (\n            [id] => 5\n            [name] => Votes services\n        )\n\nHết.');
  const d1 = only(pr);
  assert.deepEqual([d1.format, d1.startLine, d1.endLine, d1.truncated, d1.headerless], ['print_r', 2, 6, true, true]);
  assert.deepEqual(dumpToJson(d1.root), { attributes: { id: '5', name: 'Votes services' } });
  const bare = L('Văn.\n(\n    [a] => 1\n    [b] => 2\n    [c] => 3\n)\nVăn.');
  const d2 = only(bare);
  assert.deepEqual([d2.format, d2.startLine, d2.endLine, d2.truncated, d2.headerless], ['print_r', 1, 5, false, true]);
  assert.deepEqual(dumpToJson(d2.root), { a: '1', b: '2', c: '3' });
  const ve = L("Văn.\n\n  'permission' => \n  array (\n    'teams' => false,\n    'cache' => \n    DateInterval::__set_state(array(\n       'h' => 24,\n    )),\n  ),\n");
  const d3 = only(ve);
  assert.deepEqual([d3.format, d3.startLine, d3.endLine, d3.truncated], ['var_export', 2, 9, true]);
  assert.deepEqual(dumpToJson(d3.root), { permission: { teams: false, cache: { h: 24 } } });
  // Two entries and a closer, or one entry after a bare `(`, are not enough evidence.
  assert.deepEqual(findDumps(L('[0] => Việt Nam\n[news_id] => 263820\n)')), []);
  assert.deepEqual(findDumps(L('(\n[a] => 1\n)')), []);
  // var_dump's typed entries are: a var_dump cut at its top after two of them, pasted (CRLF) right
  // above a whole one (a real forum post, test/fixtures/real/v03), is one dump, then the other
  const vd = findDumps(L('Nguồn sưu tầm\r\n\r\n  ["SECONDCOL"]=>\r\n  string(19) "1st row col2 string"\r\n  ["ANOTHERCOL"]=>\r\n  string(15) "1 more text    "\r\n}\r\nobject(stdClass)#2 (1) {\r\n  ["caseSensitive"]=>\r\n  string(3) "456"\r\n}'));
  assert.deepEqual(vd.map((d) => [d.format, d.startLine, d.endLine, d.headerless ?? false]), [['var_dump', 2, 6, true], ['var_dump', 7, 10, false]]);
  assert.deepEqual(dumpToJson(vd[0].root), { SECONDCOL: '1st row col2 string', ANOTHERCOL: '1 more text    ' });
  // a print_r copied from a page's HTML source (htmlspecialchars: `=&gt;`, `&quot;`; a real
  // WordPress log pasted at the top of an article, test/fixtures/real/p27): found, read decoded
  const esc = L('\t\t[0] =&gt; stdClass Object\n\t\t    (\n\t\t        [id] =&gt; 27324\n\t\t        [message] =&gt; Updated &quot;{plugin_name}&quot;\n\t\t        [type] =&gt;\n\t\t        [rep] =&gt; 1\nBài viết bắt đầu ở đây, A =&gt; B.');
  const de = findDumps(esc);
  assert.deepEqual(de.map((d) => [d.format, d.startLine, d.endLine, d.startColumn, d.endColumn]), [['print_r', 0, 5, 0, esc[5].length]]);
  assert.deepEqual(dumpToJson(de[0].root), [{ id: '27324', message: 'Updated "{plugin_name}"', type: '', rep: '1' }]);
  // an escaped arrow in prose is no dump
  assert.deepEqual(findDumps(L('Tỷ giá USD =&gt; VND tăng.\nGiá vàng =&gt; giảm.')), []);
  // one var_dump entry is still no evidence
  assert.deepEqual(findDumps(L('  ["SECONDCOL"]=>\n  string(19) "1st row col2 string"\n}')), []);
});

test('a dump pasted mid-line: startColumn / endColumn cover exactly its characters', () => {
  const s = 'Sáng nay, UBND tỉnh đã họp chiều nay.Array ( [TieuDe] => Tin [TomTat] => (tóm tắt) [AnHien] => 0 ) Tiếp theo là phần bình luận.';
  const d = only([s]);
  assert.equal(s.slice(d.startColumn, d.endColumn), 'Array ( [TieuDe] => Tin [TomTat] => (tóm tắt) [AnHien] => 0 )');
  assert.deepEqual(dumpToJson(d.root), { TieuDe: 'Tin', TomTat: '(tóm tắt)', AnHien: '0' });
  const glued = 'Văn bản.Array ( [a] => 1 )Tiếp theo.';
  const g = only([glued]);
  assert.equal(glued.slice(g.startColumn, g.endColumn), 'Array ( [a] => 1 )');
  // Two dumps on one line, and one that owns its line.
  const two = ['Một: array(1) { ["a"]=> int(1) } và hai: array ( 0 => \'b\', ) hết.', 'Array ( [x] => y )'];
  const ds = findDumps(two);
  assert.deepEqual(ds.map((x) => [x.startLine, two[x.startLine]!.slice(x.startColumn, x.endColumn)]),
    [[0, 'array(1) { ["a"]=> int(1) }'], [0, "array ( 0 => 'b', )"], [1, 'Array ( [x] => y )']]);
  assert.deepEqual([ds[2]!.startColumn, ds[2]!.endColumn], [0, two[1]!.length]);
  // A multi-line print_r after prose on its first line.
  const ml = L('Kết quả như sau:Array\n(\n    [a] => 1\n)\nTiếp.');
  const m = only(ml);
  assert.deepEqual([m.startLine, m.startColumn, m.endLine, m.endColumn], [0, 16, 3, 1]);
});

test('a one-line print_r cut off: truncated, and the rest of its line is its own', () => {
  const s = 'Array ( [198] => WC_Order_Item_Product Object ( [id:protected] => 198 [data:protected] => Array ( [order_id] => 253 [name] => Pro';
  const d = only(['Bài viết.', s, '', 'Đoạn sau.']);
  assert.deepEqual([d.startLine, d.endLine, d.startColumn, d.endColumn, d.truncated], [1, 1, 0, s.length, true]);
});

// ---- prose that is not a dump -------------------------------------------------------------------

test('Vietnamese prose with Array, =>, [1] lists, (a) legal items and parentheses is never a dump', () => {
  const prose = [
    'Theo Nghị định 100/2019/NĐ-CP, mức phạt (a) từ 4 đến 6 triệu đồng; (b) tước giấy phép lái xe từ 1 đến 3 tháng.',
    '[1] Theo báo cáo của Bộ Y tế, số ca mắc mới đã giảm.',
    '[2] Theo Tổng cục Thống kê => GDP quý III tăng 13,67%.',
    '[3] Xem thêm tại Phụ lục (kèm theo).',
    'Giá vàng tăng => nhà đầu tư đổ xô đi mua => nhiều cửa hàng hết hàng.',
    'Array là một kiểu dữ liệu trong PHP, còn Object (đối tượng) thì khác.',
    'Hàm print_r trả về Array ( mảng ) khi gặp lỗi.',
    'Kết quả: array ( không có phần tử ) và array(2) { hai phần tử }.',
    'Điều 5. (a) Tổ chức, cá nhân có trách nhiệm:',
    '(',
    'a) Chấp hành quy định;',
    ')',
    'Chiều nay (18/10), UBND TP.HCM (Sở Y tế) tổ chức họp báo [ảnh] => xem tại đây.',
    '  [a] => điểm a khoản 1',
    '  [b] => điểm b khoản 1',
    '',
    "'Tôi' => 'chúng tôi', là cách xưng hô.",
    '0 => không, 1 => có.',
    'public $x => giá trị công khai',
    '/var/www/html/index.php:12:',
    'Xem file index.php:12: để biết thêm (chi tiết).',
    'object(2) là gì? class A { } và {đây là} ví dụ.',
    'Một Object (vật thể) lạ xuất hiện trên bầu trời Hà Nội.',
    'stdClass Object là một lớp.',
    '{',
    '}',
  ];
  assert.deepEqual(findDumps(prose), []);
  for (let i = 0; i < prose.length; i++) assert.equal(parseDumpAt(prose, i), null, `line ${i}`);
});

test('adversarial text (~2 MB of [, (, =>, Array, Object, { and }) finishes with exactly the planted dumps', () => {
  const noise = [
    // Every dump token, but never a dump's syntax (a bracketed key + ` =>` right after a header's opener).
    'Array [ ( => ] Array ( mảng ) ( ( ( [x] [y] => => Array Object ( { } ) [1] Theo (a) (b) =>',
    '[[[[ (((( )))) ]]]] Theo => => Array Array Array Object Object ( [ => ( [ => ( [',
    "Điều [a] gồm b [c] là d ) 'k' là 'v', 0 bằng 1, ) } { array( array ( object( class X (",
    '(',
    '[0] => Việt Nam',
    ')',
    "  'k' => 'v',",
    '  ["k"]=>',
    'Điều (a) [1] => (b) [2] => Array và Object (c).',
  ];
  const lines: string[] = [];
  let size = 0;
  const planted: number[] = [];
  for (let i = 0; size < 2 * 1024 * 1024; i++) {
    const l = noise[i % noise.length]!;
    lines.push(l);
    size += l.length + 1;
    if (i % 997 === 500) {
      planted.push(lines.length);
      lines.push('Array ( [a] => 1 [b] => Array ( [c] => 2 ) )');
    }
  }
  const ds = findDumps(lines);
  assert.deepEqual(ds.map((d) => d.startLine), planted);
  assert.ok(ds.every((d) => d.endLine === d.startLine && !d.truncated && d.startColumn === 0));
  assert.deepEqual(dumpToJson(ds[0]!.root), { a: '1', b: { c: '2' } });
});
