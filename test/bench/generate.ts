// Deterministic synthetic corpora for `npm run bench` (issue #8): Vietnamese news articles as a
// scraper leaves them (site chrome, headline, dateline, lead with a source prefix, paragraphs,
// captions, subheadings, related teasers, byline, footer; now and then doubled spaces, a doubled
// word, trailing blanks, CRLF on one site, and 2% edited copies of an earlier article), CMS stub
// pages (one template, a few words differ), large articles for editing, and a file of short lines.
// The same seed gives the same bytes. The vocabulary is the 1,100 most frequent syllables of
// Vietnamese news text, drawn with Zipf-like weights.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { rng } from '../../server/src/index/fixtures';

const VOCAB = (
  'và các của có trong là người cho được đã bộ không với một hiện làm đảng học công những thực theo ' +
  'nhiều việc tôi anh đến ủy tập chỉ để tại chính đạo nam thể hàng về đại vụ viên khi ngày bệnh động ' +
  'ra ở cách năm thành sinh đó nhân chức quan ông trị qua hội bà vào cơ số ảnh trên trường cũng bị ' +
  'hình thị đi nhà đầu đồng thời minh dân sự chí lại sau nhiệm tư tưởng đức này nghiệp chủ thông hồ từ ' +
  'điều tổ cao bạn mới nguyễn ban văn doanh đơn nên cấp hơn biết tỉnh vị phát như pháp phải phương ' +
  'việt con phong nhưng thư định trung kết nước quả sống sẽ sĩ quyết thường gia hợp nghị đường còn ' +
  'bình nội giải bác dựng hành kỳ vì xây lực nhận chuyên chúng trước bản mình biểu tiêu tâm luật cán ' +
  'truyền tin trình thế mà hoạt lý thanh kinh xe cả sáng chi mạnh hiệu sở tác thi giúp cô triển lên ' +
  'đoàn xã cùng nhất ý dụng tế ngân cầu rất thì đang tạo bí tăng nguyên tài dương địa mặt đây dự tay ' +
  'đề sản lê lượng tiếp mua khối thức tục tốt liên lương tìm cụ phần lớn tịch quốc năng hóa án chị ' +
  'trọng bằng chuyển đưa tự trẻ tuổi thuốc mụn trĩ chất quá nói cuộc bắt khiến đông thuận do mưa muốn ' +
  'chạy xuất khác giao chân cần báo liệt thấy tích từng tiến yêu giờ gian sức phó phòng tra tiên hương ' +
  'chữa gần lúc khánh thuộc lãnh khóa dịch đối tới rồi mang căn trang nữ tử gì nghĩa đọc giới vẫn hiền ' +
  'biệt bảo gương thương đánh góp đấu hai ký đình bé nhiên mô gắn toàn khu dung chia quận sơ nay bán ' +
  'ăn chuyện tuyển hay trở nâng phẩm giá vi phạm điểm thân gây nhẫn biến cường khai tuyên ngoài tính ' +
  'tổng cá ai huyện tình vận kể hùng viện cổ đeo lan cực thứ ứng tham mục khó quần bài thêm trưởng bên ' +
  'hà kiện cảnh giữa tuy em phước khỏe vé kiểm đứng cải điển kiến tiếng lợi lập thôn trí lần biển máy ' +
  'vợt chiều hệ hướng xem phú đời nhanh bất rằng chứng nào trực sâu xuyên thần quyền ngành thống hoàn ' +
  'thái chọn kế hết vô chấp hoàng cũ phụ bỏ khỏi họ dược mỗi đẩy giáo sẻ bao cứu luôn tiền thu dâng da ' +
  'hiểu độ thủ đạt đáng dài phá chương đội chăm lời đất tỷ hòa chú hoa thuật diễn vật mất ngập cướp ' +
  'càng rộng trách chống xa tháng giữ đoạn đổi liệu lo đa lao nghiệm hoạch áp vực bàn cứ danh vay ' +
  'chồng tên ấy thiết phục sát trợ thảo quản khăn luận quán giảm di dùng gái xuân vậy thật nghe lạ đặc ' +
  'giám phối mắc sao chinh tấm sạch điện trận tật mỹ trai thai chưa xếp đỡ ma môn phù niên trào triệt ' +
  'khách vọng cạnh mạng tranh khám kỹ vừa long môi thẩm cư mọi vợ ba cua hôm tỏa đặt lượt nhau lối dẫn ' +
  'dục tiết xét ánh diện bổ quy chế khoảng gặp cố chết bão hỏi ngay đá nữa sợ cháu nhỏ chó đảm sắc kịp ' +
  'duy tải ngoại sử lòng vững niệm tri huy nhớ ninh tòa vũng tàu xanh phố nếu hủy triệu chung linh bởi ' +
  'trăm câu loại cái châu nơi kiểu đỏ hoang phẫu nghệ tân giai trần xác nổi kéo tượng nêu nghề vấn ' +
  'thiện biên lấy chiến ích quang nghĩ phí cà đẹp nghèo thăm thắng tín hải rịa mẹ dưới nợ cầm đổ sân ' +
  'đêm chục la trải lộ mùa ngược ung não hỗ khoa chuẩn đột ngũ đủ tối lang cáo đăng chịu máu tố khởi ' +
  'suy nhóm yếu mức lộc phường vượt vong tất cắt đều mở du chờ ngón thích khá loài xảy nặng cây cung ' +
  'nguồn tặng lưu phân chặt vàng bước sài gòn dám nhập sách đô trả tccsđ hoặc cảm cộng tiện bào thiếu ' +
  'thắp vòng mắt lâm vùng cam quảng phía thay ít sư hoài phiếu chóng cđv cửa chứa dù cậu chắc chơi ' +
  'dành ngôi nhiễm nhìn chàng chiếc ôtô nộp đậu tuấn trò tuyến chốt ghi riêng đúng dưỡng đích viết ' +
  'đóng kỷ thúc nghiên nỗ thao tạp trương kênh giác luyện hộ tỉ kháng ngọc mộ rút bắc nguy mai miền ' +
  'gốc nhờ vệ hiểm đợi sắp ngủ dắt nằm trời đau đàn thú thôi nó ngờ cục dạy chỉnh vai khen tốc rõ tuần ' +
  'đua vui gửi ta trao quân sung đáp sang quê tôn đôi đặng thạnh khuyết soạn hiệp đảo cấm nguyện phản ' +
  'thoả nghi nạn gấp bóng sóc xuống ngạc tây mấy họa đâu lắm nghìn sóng vài gió khả quí tinh giấy túc ' +
  'thưởng bay nien lệ lựa dễ ô ấm tộc cử ân độc trú lở khoản tức thự toán tạm mời tránh chanh chiếu ' +
  'lâu cuối tấn ngất hét gắng vẻ khuyên á vết chụp chữ lành thang khắp nhúc ốc mặc quế nửa xóm siêu ' +
  'xuyến kì món viễn mẽ huỳnh ly soát dầu trì dấu kèm mê sơn vũ nhằm phận đốc mau rèn bầu quà lĩnh ' +
  'làng cbđv suốt hạn rửa hậu xử trạng nóng trật chặn dũng tỏ dòng tô mong sớm dõi phép lịch vốn hữu ' +
  'thừa nhượng tương đừng gọi xin uống cha nền so chen xỉu đám khôi thoát chừng lạc gồm sỹ vuông lạnh ' +
  'giống bấu bò phút ngã trấn khẳng ca trùng huyết dần trưa nhu nốt mật bốc đè lộn đốn đợt phiên ' +
  'liền bật lề mực bồi muôn đài mừng xúc dĩ đống bày vinh phúc mưu họp phán tươi miễn lai uy mái quỹ ' +
  'đo đồ hưởng hưng dinh viếng hi lũ sạt hại ổn mơ song chứ ro xế vĩnh trúng dữ chỗ ngồi mét quanh ' +
  'giành chẳng lẽ sai phim bè co chăn bờ thủy làn thoại tán lắng đ miếu phủ giàu tắc ngụ buồn rắn đen ' +
  'góc thấp thánh kem viêm tỏi bổng kịch nhuận nhiệt lốc nhật nối '
).trim().split(' ');

/** Cumulative Zipf-like weights over VOCAB (rank r weighs 1 / (r + 8)). */
const CUM = (() => {
  const c = new Float64Array(VOCAB.length);
  let s = 0;
  for (let i = 0; i < VOCAB.length; i++) c[i] = s += 1 / (i + 8);
  for (let i = 0; i < c.length; i++) c[i] /= s;
  return c;
})();

function word(r: () => number): string {
  const x = r();
  let lo = 0;
  let hi = CUM.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUM[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo];
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
const cap = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
const pad2 = (n: number) => String(n).padStart(2, '0');

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Hữu', 'Đức', 'Thanh', 'Quốc', 'Ngọc', 'Hoài', 'Xuân', 'Công', 'Thu'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hải', 'Hùng', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Phong', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Việt', 'Yến', 'Hòa', 'Nghĩa'];
const PLACES = ['Hà Nội', 'TP.HCM', 'Đà Nẵng', 'Cần Thơ', 'Hải Phòng', 'Bình Dương', 'Gia Lai', 'Long An', 'An Giang', 'Hải Dương', 'Nghệ An', 'Thanh Hóa', 'Quảng Ninh', 'Khánh Hòa', 'Đồng Nai', 'Lâm Đồng', 'Bắc Ninh', 'Kiên Giang'];
const ORGS = ['UBND tỉnh', 'HĐND thành phố', 'Bộ Y tế', 'Bộ Công an', 'Sở GD-ĐT', 'Tỉnh ủy', 'Công an huyện', 'Ban Tuyên giáo', 'Ủy ban MTTQ', 'Bộ Tài chính', 'Tổng cục Thống kê', 'Ngân hàng Nhà nước'];
const ROLES = ['Chủ tịch UBND tỉnh', 'Phó Bí thư Tỉnh ủy', 'Giám đốc Sở Y tế', 'Trưởng Công an huyện', 'Phó Chủ tịch HĐND', 'Tổng thư ký', 'Hiệu trưởng nhà trường', 'Phó Giám đốc bệnh viện'];
const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const SECTIONS = ['Thời sự', 'Xã hội', 'Kinh tế', 'Thế giới', 'Giáo dục', 'Sức khỏe', 'Pháp luật', 'Thể thao', 'Văn hóa', 'Du lịch'];

const person = (r: () => number) => `${pick(r, SURNAMES)} ${pick(r, MIDDLE)} ${pick(r, GIVEN)}`;

function sentence(r: () => number, min = 8, max = 26): string {
  const n = min + Math.floor(r() * (max - min + 1));
  const ws: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.015) ws.push(person(r));
    else if (x < 0.03) ws.push(pick(r, PLACES));
    else if (x < 0.04) ws.push(pick(r, ORGS));
    else if (x < 0.055) ws.push(String(Math.floor(r() * (r() < 0.5 ? 100 : 100000))).replace(/\B(?=(\d{3})+$)/g, '.'));
    else {
      // no accidental doubled word: those are planted (rarely) by paragraph()
      let w = word(r);
      while (w === ws[ws.length - 1]) w = word(r);
      ws.push(w);
    }
    if (i > 2 && i < n - 2 && r() < 0.07) ws[ws.length - 1] += ',';
  }
  let s = cap(ws.join(' '));
  if (r() < 0.08) {
    const a = Math.floor(n / 3);
    const parts = s.split(' ');
    parts[a] = '“' + parts[a];
    parts[Math.min(parts.length - 1, a + 4)] += '”';
    s = parts.join(' ');
  }
  const end = r();
  return s.replace(/,$/, '') + (end < 0.9 ? '.' : end < 0.95 ? '...' : end < 0.98 ? '?' : '!');
}

function paragraph(r: () => number, words: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < words) {
    const s = sentence(r);
    out.push(s);
    n += s.split(' ').length;
  }
  let p = out.join(' ');
  if (r() < 0.05) {
    // a doubled space somewhere in the middle
    const at = p.indexOf(' ', Math.floor(p.length / 2));
    if (at > 0) p = p.slice(0, at) + ' ' + p.slice(at);
  }
  if (r() < 0.01) {
    // a doubled word
    const ws = p.split(' ');
    const at = 1 + Math.floor(r() * (ws.length - 2));
    if (/^\p{Ll}+$/u.test(ws[at])) ws.splice(at, 0, ws[at]);
    p = ws.join(' ');
  }
  return p;
}

function headline(r: () => number): string {
  let h = cap(sentence(r, 7, 15).replace(/[.?!]+$/, ''));
  if (r() < 0.25) h = `${pick(r, PLACES)}: ${h}`;
  return h;
}

interface Date6 { y: number; m: number; d: number; hh: number; mm: number; ss: number; wd: number }
function date(r: () => number): Date6 {
  const y = 2015 + Math.floor(r() * 9), m = 1 + Math.floor(r() * 12), d = 1 + Math.floor(r() * 28);
  return { y, m, d, hh: Math.floor(r() * 24), mm: Math.floor(r() * 60), ss: Math.floor(r() * 60), wd: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

/** A site: its chrome, its dateline's format, its line separator, its captions, teasers and byline. */
interface Site {
  name: string;
  prefix: string;
  blankLines: boolean;
  crlf?: boolean;
  header: (r: () => number, d: Date6) => string[];
  dateline: (d: Date6) => string;
  caption: (r: () => number) => string;
  teaser: (r: () => number) => string[];
  byline: (r: () => number) => string;
  footer: (r: () => number) => string[];
  headings: boolean;
}

const SITES: Site[] = [
  {
    name: 'tuoitre', prefix: 'TTO - ', blankLines: false, headings: false,
    header: () => [],
    dateline: (d) => `${d.y}-${pad2(d.m)}-${pad2(d.d)} ${pad2(d.hh)}:${pad2(d.mm)}:00`,
    caption: (r) => `${sentence(r, 6, 14).replace(/\.$/, '')} - Ảnh: ${person(r)}`,
    teaser: (r) => [`>> ${headline(r)}`],
    byline: (r) => person(r).toUpperCase(),
    footer: () => [],
  },
  {
    name: 'baogialai', prefix: '(GLO)- ', blankLines: false, headings: true,
    header: () => ['.', '.'],
    dateline: (d) => `${WEEKDAYS[d.wd]}, ${pad2(d.d)}/${pad2(d.m)}/${d.y}, ${pad2(d.hh)}:${pad2(d.mm)} [GMT+7]`,
    caption: (r) => `${sentence(r, 8, 18).replace(/\.$/, '')}. Ảnh: ${pick(r, MIDDLE)} ${pick(r, GIVEN)}`,
    teaser: () => [],
    byline: (r) => `${pick(r, MIDDLE).toUpperCase()} ${pick(r, GIVEN).toUpperCase()}`,
    footer: () => [' ', 'Chia sẻ', 'Bản quyền © Báo Gia Lai điện tử. Ghi rõ nguồn khi phát hành lại thông tin từ website này.'],
  },
  {
    name: 'baobinhduong', prefix: '', blankLines: true, headings: true,
    header: () => [],
    dateline: (d) => `Cập nhật: ${pad2(d.d)}-${pad2(d.m)}-${d.y} | ${pad2(d.hh)}:${pad2(d.mm)}:${pad2(d.ss)}`,
    caption: (r) => `${person(r)}, ${pick(r, ROLES)} ${sentence(r, 6, 12).replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`,
    teaser: () => [],
    byline: (r) => person(r).split(' ').slice(1).join(' ').toUpperCase(),
    footer: () => ['Chia sẻ bài viết', 'In bài viết'],
  },
  {
    name: 'vnexpress', prefix: '', blankLines: false, headings: false,
    header: (r) => [`${pick(r, SECTIONS)}`, `${pick(r, SECTIONS)} › ${pick(r, SECTIONS)}`],
    dateline: (d) => `${WEEKDAYS[d.wd]}, ${d.d}/${d.m}/${d.y}, ${pad2(d.hh)}:${pad2(d.mm)} (GMT+7)`,
    caption: (r) => `${sentence(r, 8, 16).replace(/\.$/, '')}. Ảnh: ${pick(r, GIVEN)} ${pick(r, GIVEN)}`,
    teaser: (r) => ['Xem thêm:', headline(r), headline(r), headline(r)],
    byline: (r) => `${pick(r, GIVEN)} ${pick(r, GIVEN)}`,
    footer: () => ['Chia sẻ Facebook Twitter', 'Ý kiến (0)', 'Quay lại'],
  },
  {
    name: 'dantri', prefix: '(Dân trí) - ', blankLines: false, headings: true,
    header: (r, d) => ['Trang chủ', 'Thời sự | Thế giới | Kinh doanh | Giải trí | Thể thao | Pháp luật', `${WEEKDAYS[(d.wd + 1) % 7]}, ${pad2(d.d)}/${pad2(d.m)}/${d.y}`, pick(r, SECTIONS)],
    dateline: (d) => `${WEEKDAYS[d.wd]}, ${pad2(d.d)}/${pad2(d.m)}/${d.y} - ${pad2(d.hh)}:${pad2(d.mm)}`,
    caption: (r) => `${sentence(r, 8, 18).replace(/\.$/, '')} (Ảnh: ${person(r)}).`,
    teaser: (r) => ['Tin liên quan', headline(r), headline(r), headline(r)],
    byline: (r) => person(r),
    footer: (r) => [`Từ khóa: ${word(r)} ${word(r)}, ${word(r)} ${word(r)}, ${pick(r, PLACES)}`, 'Đăng nhập để bình luận', '© Copyright 2005-2023 Báo điện tử Dân trí'],
  },
  {
    name: 'laodong', prefix: '', blankLines: true, headings: false,
    header: () => ['Lao Động', 'Đăng nhập | Đăng ký'],
    dateline: (d) => `${pad2(d.hh)}:${pad2(d.mm)} ${WEEKDAYS[d.wd]}, ${pad2(d.d)}/${pad2(d.m)}/${d.y}`,
    caption: (r) => `Ảnh minh họa: ${pick(r, GIVEN)} ${pick(r, GIVEN)}`,
    teaser: (r) => [`Xem thêm: ${headline(r)}`],
    byline: (r) => `${person(r)} - ${pick(r, PLACES)}`,
    footer: () => ['Theo dõi Báo Lao Động trên Google News', 'Tin mới nhất', 'Đọc nhiều'],
  },
  {
    name: 'thanhnien', prefix: '', blankLines: false, headings: true, crlf: true,
    header: () => [],
    dateline: (d) => `${pad2(d.d)}/${pad2(d.m)}/${d.y} ${pad2(d.hh)}:${pad2(d.mm)} GMT+7`,
    caption: (r) => `${sentence(r, 6, 14).replace(/\.$/, '')} ẢNH: ${person(r).toUpperCase()}`,
    teaser: (r) => [headline(r), headline(r)],
    byline: (r) => person(r),
    footer: () => ['Bình luận (0)', 'Gửi bình luận', 'Quan tâm nhất', 'Mới nhất'],
  },
  {
    name: 'baolongan', prefix: 'Báo Long An - ', blankLines: true, headings: false,
    header: () => [],
    dateline: (d) => `Ngày đăng: ${pad2(d.d)}/${pad2(d.m)}/${d.y} - ${pad2(d.hh)}:${pad2(d.mm)}`,
    caption: (r) => `${sentence(r, 8, 14)}`,
    teaser: () => [],
    byline: () => 'Theo Báo Long An',
    footer: () => [],
  },
];

export interface Generated {
  text: string;
  site: string;
}

/** One article of about `targetBytes` bytes (UTF-8), from `seed`. */
export function article(seed: number, targetBytes?: number): Generated {
  const r = rng(seed);
  const site = SITES[Math.floor(r() * SITES.length)];
  // sizes: log-normal around 4.3 KB (mean ~5 KB), 1.2 KB to 30 KB
  const target = targetBytes ?? Math.min(30000, Math.max(1200, Math.exp(Math.log(4300) + 0.55 * gauss(r))));
  const d = date(r);
  const lines: string[] = [...site.header(r, d)];
  lines.push(headline(r));
  lines.push(site.dateline(d));
  let bytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 2, 0) + 300;
  const lead = paragraph(r, 30 + Math.floor(r() * 30));
  lines.push(site.prefix + lead);
  bytes += Buffer.byteLength(lead);
  let k = 0;
  let teased = false;
  while (bytes < target) {
    if (site.headings && k > 0 && k % 4 === 0 && r() < 0.7) lines.push(cap(sentence(r, 3, 7).replace(/[.?!]+$/, '')));
    const p = paragraph(r, 40 + Math.floor(r() * 110));
    lines.push(p);
    bytes += Buffer.byteLength(p) + 2;
    if (r() < 0.18) {
      const c = site.caption(r);
      lines.push(c);
      bytes += Buffer.byteLength(c);
    }
    if (!teased && k >= 2 && r() < 0.12) {
      const t = site.teaser(r);
      if (t.length === 1) {
        lines.push(...t);
        teased = true;
      }
    }
    k++;
  }
  lines.push(site.byline(r));
  if (!teased && r() < 0.4) {
    const t = site.teaser(r);
    if (t.length > 1) lines.push(...t);
  }
  lines.push(...site.footer(r));
  const sep = site.crlf ? '\r\n' : '\n';
  return { text: lines.join(site.blankLines ? sep + sep : sep) + sep, site: site.name };
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** A copy of a text with `edits` words replaced (the same seed gives the same edits). */
export function editCopy(text: string, edits: number, seed: number): string {
  const r = rng(seed);
  const lines = text.split('\n');
  const body = lines.map((l, i) => ({ l, i })).filter((x) => x.l.split(' ').length > 30);
  for (let e = 0; e < edits && body.length; e++) {
    const x = pick(r, body);
    const ws = lines[x.i].split(' ');
    ws[1 + Math.floor(r() * (ws.length - 2))] = word(r);
    lines[x.i] = ws.join(' ');
  }
  return lines.join('\n');
}

/** The text of article `i` of a corpus: 2% are an edited copy of an article a few places before. */
export function corpusArticle(seed: number, i: number): Generated {
  const s = (seed * 1000003 + i) >>> 0;
  if (i % 50 === 49) {
    const orig = article((seed * 1000003 + i - 1 - (i % 7)) >>> 0);
    return { text: editCopy(orig.text, 3 + (i % 5), s), site: orig.site };
  }
  return article(s);
}

/** A CMS stub page: one template for all, a few words differ (id, date, section, one phrase). */
export function stubPage(seed: number, i: number): string {
  const r = rng((seed * 7919 + i) >>> 0);
  const d = date(r);
  const id = 100000 + i * 37 + Math.floor(r() * 37);
  const section = pick(r, SECTIONS);
  return [
    'Trang chủ',
    'Thời sự | Thế giới | Kinh doanh | Giải trí | Thể thao | Pháp luật | Giáo dục | Sức khỏe',
    'Đăng nhập | Đăng ký',
    `${section} › Tin tức`,
    `Trang tin ${section.toLowerCase()} - mã ${id}`,
    `${WEEKDAYS[d.wd]}, ${pad2(d.d)}/${pad2(d.m)}/${d.y} - ${pad2(d.hh)}:${pad2(d.mm)}`,
    'Nội dung đang được cập nhật. Bài viết bạn tìm có thể đã được chuyển sang chuyên mục khác hoặc tạm thời chưa được xuất bản.',
    `Quý độc giả vui lòng quay lại sau hoặc xem các tin ${pick(r, ['mới nhất', 'nổi bật', 'đọc nhiều', 'liên quan'])} của chuyên mục ${section} dưới đây.`,
    'Tin mới nhất',
    'Chủ tịch nước tiếp đoàn đại biểu người có công tiêu biểu của các tỉnh phía Nam',
    'Giá xăng dầu hôm nay điều chỉnh theo chiều hướng giảm nhẹ ở kỳ điều hành mới',
    'Thời tiết các vùng trên cả nước có mưa rào và dông vài nơi trong chiều tối',
    'Học sinh cả nước chuẩn bị bước vào kỳ thi tốt nghiệp trung học phổ thông',
    'Đọc nhiều',
    'Theo dõi chúng tôi trên Facebook | Zalo | YouTube',
    'Tòa soạn: 123 đường Lê Lợi, quận 1, TP.HCM. Điện thoại: (028) 3822 1234',
    '© Bản quyền thuộc về Báo điện tử Tin Tức. Ghi rõ nguồn khi phát hành lại thông tin từ website này.',
  ].join('\n') + '\n';
}

/** A long article (for editing in the language server) of about `bytes` bytes, LF line ends. */
export function longArticle(seed: number, bytes: number): string {
  let text = '';
  let s = seed;
  // one site with blank lines between blocks, several articles' bodies joined under one headline
  while (Buffer.byteLength(text) < bytes) {
    const a = article(s++, Math.min(bytes, 60000)).text.replace(/\r\n/g, '\n');
    text += text ? a.split('\n').slice(3).join('\n') : a;
  }
  return text;
}

/** About `bytes` bytes of very short lines (1-2 characters, some blank): ~2.4M lines for 5 MB. */
export function shortLines(bytes: number): string {
  const r = rng(5);
  const TOKENS = ['a', '1', '.', '-', 'x', '', 'b', '2', 'đ', 'ab', '|', 'o'];
  const out: string[] = [];
  let n = 0;
  while (n < bytes - 4) {
    const t = TOKENS[Math.floor(r() * TOKENS.length)];
    out.push(t);
    n += Buffer.byteLength(t) + 1;
  }
  return out.join('\n') + '\n';
}

export interface WrittenCorpus {
  /** Folders of up to 1,000 files each, in order. */
  dirs: string[];
  /** Bytes in each folder. */
  dirBytes: number[];
  files: number;
  bytes: number;
}

/** Writes `n` files into `root/corpus/<folder>NNN/`, `perFolder` per folder; `file(i)` names and fills each. */
function writeFiles(root: string, n: number, folder: string, perFolder: number, file: (i: number) => { name: string; text: string }): WrittenCorpus {
  const out: WrittenCorpus = { dirs: [], dirBytes: [], files: 0, bytes: 0 };
  for (let i = 0; i < n; i++) {
    if (i % perFolder === 0) {
      const dir = path.join(root, 'corpus', `${folder}${String(i / perFolder).padStart(3, '0')}`);
      mkdirSync(dir, { recursive: true });
      out.dirs.push(dir);
      out.dirBytes.push(0);
    }
    const f = file(i);
    const buf = Buffer.from(f.text);
    writeFileSync(path.join(out.dirs[out.dirs.length - 1], f.name), buf);
    out.dirBytes[out.dirBytes.length - 1] += buf.length;
    out.bytes += buf.length;
    out.files++;
  }
  return out;
}

/** Writes `n` articles into `root/corpus/dNNN/NNNNNN_site.txt`, `perFolder` per folder. */
export function writeCorpus(root: string, n: number, seed = 8, perFolder = 1000): WrittenCorpus {
  return writeFiles(root, n, 'd', perFolder, (i) => {
    const a = corpusArticle(seed, i);
    return { name: `${String(i).padStart(6, '0')}_${a.site}.txt`, text: a.text };
  });
}

/** Writes `n` stub pages into `root/corpus/sNNN/stub_NNNNNN.txt`, `perFolder` per folder. */
export function writeStubs(root: string, n: number, seed = 11, perFolder = 1000): WrittenCorpus {
  return writeFiles(root, n, 's', perFolder, (i) => ({ name: `stub_${String(i).padStart(6, '0')}.txt`, text: stubPage(seed, i) }));
}
