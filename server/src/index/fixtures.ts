// Synthetic Vietnamese-looking articles for the index's tests and benchmark (deterministic: the same
// seed gives the same text), and the labelled seeds for the corpus rules' tests. Not used by the product.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const SYLLABLES = (
  'các những một hai ba bốn năm sáu bảy tám chín mười người dân cán bộ đảng viên tỉnh huyện xã phường ' +
  'thành phố quận ban chấp hành thường vụ tỉnh ủy chính quyền nhà nước công tác kế hoạch thực hiện triển khai ' +
  'học tập làm theo tư tưởng đạo đức phong cách hồ chí minh chỉ thị nghị quyết kết luận hội nghị sơ kết tổng ' +
  'phát triển kinh tế xã hội văn hóa giáo dục y tế môi trường tài nguyên giao thông vận tải nông nghiệp nông thôn ' +
  'mới doanh nghiệp đầu tư sản xuất kinh doanh thương mại dịch vụ du lịch lao động việc làm an sinh hỗ trợ ' +
  'hộ nghèo gia đình chính sách người có công thanh niên phụ nữ cựu chiến binh mặt trận tổ quốc đoàn thể ' +
  'nâng cao chất lượng hiệu quả đổi mới phương thức lãnh đạo chỉ đạo kiểm tra giám sát đánh giá biểu dương ' +
  'khen thưởng tập thể cá nhân điển hình tiên tiến mô hình cách làm hay sáng tạo thiết thực cụ thể rõ nét ' +
  'trong ngoài trên dưới sau trước khi đã đang sẽ được bị cho với và hoặc nhưng vì nên để từ đến tại qua ' +
  'năm tháng ngày tuần quý nhiệm kỳ giai đoạn thời gian tới vừa qua hiện nay đồng thời bên cạnh đó ngoài ra ' +
  'đặc biệt tiếp tục đẩy mạnh tăng cường phối hợp tuyên truyền vận động nhân dân tham gia ủng hộ đóng góp ' +
  'xây dựng công trình nhà tình nghĩa đường sá cầu cống trường học trạm y tế chợ nước sạch điện chiếu sáng ' +
  'mùa vụ lúa gạo cây trồng vật nuôi thủy sản trái cây rau màu giá cả thị trường xuất khẩu nhập khẩu'
).split(' ');

/** mulberry32 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function cap(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

export function sentence(r: () => number, minWords = 8, maxWords = 24): string {
  const n = minWords + Math.floor(r() * (maxWords - minWords + 1));
  const ws: string[] = [];
  for (let i = 0; i < n; i++) ws.push(pick(r, SYLLABLES));
  if (n > 10 && r() < 0.5) ws[Math.floor(n / 2)] += ',';
  return cap(ws.join(' ')) + '.';
}

export function paragraph(r: () => number, words = 80): string {
  const out: string[] = [];
  let n = 0;
  while (n < words) {
    const s = sentence(r);
    out.push(s);
    n += s.split(' ').length;
  }
  return out.join(' ');
}

export interface ArticleSpec {
  seed: number;
  /** Approximate number of words of body text. */
  words?: number;
  /** Lines appended after the byline (site chrome shared by a site's articles). */
  footer?: string[];
  /** Lines put before the headline. */
  header?: string[];
  byline?: string;
}

/** A whole article: headline, dateline, paragraphs (with a heading now and then), byline, footer. */
export function makeArticle(spec: ArticleSpec): string {
  const r = rng(spec.seed);
  const total = spec.words ?? 400;
  const lines: string[] = [...(spec.header ?? [])];
  lines.push(cap(sentence(r, 8, 14).replace(/\.$/, '')));
  const d = 1 + Math.floor(r() * 28), m = 1 + Math.floor(r() * 12), y = 2018 + Math.floor(r() * 6);
  lines.push(`${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y} - ${String(Math.floor(r() * 24)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}`);
  let n = 0;
  let k = 0;
  while (n < total) {
    if (k > 0 && k % 4 === 0) lines.push(cap(sentence(r, 3, 6).replace(/\.$/, '')));
    const p = paragraph(r, 60 + Math.floor(r() * 60));
    lines.push(p);
    n += p.split(' ').length;
    k++;
  }
  lines.push(spec.byline ?? pick(r, ['NGUYỄN VĂN AN', 'LÊ TOÀN', 'ĐỖ TRỌNG', 'VĂN LÊ', 'Theo Báo Long An']));
  lines.push(...(spec.footer ?? []));
  return lines.join('\n\n') + '\n';
}

/** A copy of an article with `edits` words replaced here and there (same seed -> same edits). */
export function editCopy(text: string, edits: number, seed = 1): string {
  const r = rng(seed);
  const lines = text.split('\n');
  const body = lines.map((l, i) => ({ l, i })).filter((x) => x.l.split(' ').length > 30);
  for (let e = 0; e < edits && body.length; e++) {
    const x = pick(r, body);
    const ws = lines[x.i].split(' ');
    const at = 1 + Math.floor(r() * (ws.length - 2));
    ws[at] = pick(r, SYLLABLES);
    lines[x.i] = ws.join(' ');
  }
  return lines.join('\n');
}

/** The template text of each site of templatedStub(). */
const STUB_TEMPLATES: string[] = (() => {
  const r = rng(7);
  return Array.from({ length: 8 }, () => [sentence(r, 12, 16), sentence(r, 10, 14), 'Mời quý độc giả xem thêm các tin khác trong chuyên mục.'].join(' '));
})();

/**
 * The i-th of a run of templated CMS stub pages: its site's template text (one of `sites`, at most
 * 8) with a headline of 3 to 10 words and a time stamp of its own; every 20th page is a copy of the
 * one before. Pages of a site share most MinHash bands: LSH buckets of thousands of pages, some
 * pairs above the near-duplicate threshold, most below.
 */
export function templatedStub(i: number, sites = 4): string {
  const k = i % 20 === 19 ? i - 1 : i;
  const r = rng(1000 + k);
  const site = k % Math.max(1, Math.min(sites, STUB_TEMPLATES.length));
  const headline = sentence(r, 3, 10).replace(/\.$/, '');
  const hh = String(Math.floor(r() * 24)).padStart(2, '0');
  const mm = String(Math.floor(r() * 60)).padStart(2, '0');
  return `${headline}\n\n${STUB_TEMPLATES[site]}\n\nCập nhật lúc ${hh}:${mm} ngày ${1 + (k % 28)}/${1 + (k % 12)}/2023\n`;
}

// ---- labelled articles (seeds, held-out) ---------------------------------------------------------

export interface GoldFile {
  file: string;
  blocks: Array<{ kind: string; startLine: number; endLine: number }>;
  defects: Array<{ code: string; lines: [number, number]; optional?: boolean }>;
}

export interface LabelledText {
  file: string;
  text: string;
  gold: GoldFile | null;
}

function goldFor(dirs: string[], name: string): GoldFile | null {
  for (const d of dirs) {
    const p = path.join(d, name.replace(/\.txt$/, '.gold.json'));
    if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')) as GoldFile;
  }
  return null;
}

/** Every .txt of a folder (absolute paths), with its gold labels when there are any. */
export function loadLabelled(dir: string, goldDirs: string[]): LabelledText[] {
  const abs = path.resolve(dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ file: path.join(abs, f), text: readFileSync(path.join(abs, f), 'utf8'), gold: goldFor(goldDirs.map((g) => path.resolve(g)), f) }));
}

export const GOLD_DIRS = ['test/fixtures/gold', '/work/shared/gold', 'test/fixtures/heldout'];

/** Is the 0-based line range on a block the gold calls clean (content, not junk, no defect)? */
export function onCleanBlock(gold: GoldFile, startLine0: number, endLine0: number): boolean {
  const s = startLine0 + 1, e = endLine0 + 1;
  const overlaps = (a: number, b: number) => s <= b && e >= a;
  if (gold.defects.some((d) => overlaps(d.lines[0], d.lines[1]))) return false;
  if (gold.blocks.some((b) => ['boilerplate', 'related', 'php-dump', 'blank'].includes(b.kind) && overlaps(b.startLine, b.endLine))) return false;
  return gold.blocks.some((b) => overlaps(b.startLine, b.endLine));
}

/**
 * The source of an index worker for fault tests: it loads the real worker bundle `bundle` after
 * wrapping fs.promises.open, so that opening a file whose name holds a marker busy-loops
 * (`__busy__`), exits (`__exit__`), throws out of the event loop (`__throw__`), or exits the first
 * time only (`__once__`); and its port, so that a job reporting a `__reject__` file fails (rejects).
 */
export function faultyWorkerSource(bundle: string): string {
  return `
const fs = require('node:fs');
const open = fs.promises.open;
fs.promises.open = function (file, ...rest) {
  const name = String(file);
  if (name.includes('__busy__')) for (;;) {}
  if (name.includes('__exit__')) process.exit(7);
  if (name.includes('__throw__')) {
    setImmediate(() => { throw new Error('thrown while reading ' + name); });
    return new Promise(() => {});
  }
  if (name.includes('__once__') && !fs.existsSync(name + '.seen')) {
    fs.writeFileSync(name + '.seen', '');
    process.exit(9);
  }
  return open.call(this, file, ...rest);
};
// the job itself fails (rejects) when it reports a batch holding a __reject__ file
const { parentPort } = require('node:worker_threads');
const post = parentPort.postMessage;
parentPort.postMessage = function (m, ...rest) {
  if (m && m.type !== 'error' && JSON.stringify(m).includes('__reject__')) throw new TypeError('posting a batch with a __reject__ file failed');
  return post.call(this, m, ...rest);
};
require(${JSON.stringify(bundle)});
`;
}
