import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findDate, matchDateline } from './dates';
import data from '../../data/dates.vi.json';

// ---- Formats -> ISO --------------------------------------------------------------------------

/** [line, expected ISO, expected date+time span inside the line (optional)] */
const FORMATS: [string, string, string?][] = [
  // The four real datelines from the seeds (000 line 3, 001 line 1, 003 line 8, 004 line 3).
  ['Cập nhật: 03-12-2021 | 09:02:04', '2021-12-03T09:02:04', '03-12-2021 | 09:02:04'],
  ['14/03/2023 2:16:46', '2023-03-14T02:16:46', '14/03/2023 2:16:46'],
  ['Thứ Tư, 16/06/2021, 05:44 [GMT+7]', '2021-06-16T05:44:00+07:00', '16/06/2021, 05:44 [GMT+7]'],
  ['20/05/2022 - 15:17', '2022-05-20T15:17:00', '20/05/2022 - 15:17'],
  // Date only.
  ['16/06/2021', '2021-06-16', '16/06/2021'],
  ['Ngày 14/3/2023', '2023-03-14', '14/3/2023'],
  ['Thứ hai, ngày 14 tháng 3 năm 2023', '2023-03-14', '14 tháng 3 năm 2023'],
  ['Thứ Ba, ngày 14 tháng 03 năm 2023', '2023-03-14'],
  ['14 tháng 3, 2023', '2023-03-14', '14 tháng 3, 2023'],
  ['14 tháng Ba năm 2023', '2023-03-14'],
  ['ngay 14 thang 3 nam 2023', '2023-03-14'],
  ['14.03.2023', '2023-03-14', '14.03.2023'],
  ['14-3-2023', '2023-03-14'],
  ['14 / 03 / 2023', '2023-03-14', '14 / 03 / 2023'],
  // a provincial portal's CMS prints the parts apart (e07, e10)
  ['thứ ba, 06 08 2019 14:49', '2019-08-06T14:49:00', '06 08 2019 14:49'],
  ['06 08 2019', '2019-08-06', '06 08 2019'],
  // a WordPress theme's numeric "d m, Y" under a weekday (ad02)
  ['thứ tư, 28 06, 2017', '2017-06-28', '28 06, 2017'],
  ['14/03/23', '2023-03-14'],
  ['01/01/99', '1999-01-01'],
  ['29/02/2024', '2024-02-29'],
  ['2023-03-14', '2023-03-14'],
  ['2023/3/14', '2023-03-14'],
  ['Ngày đăng: 14/03/2023', '2023-03-14', '14/03/2023'],
  ['Xuất bản: 14/03/2023', '2023-03-14'],
  ['Sáng 14/3/2023', '2023-03-14'],
  ['CN, 5/3/2023', '2023-03-05'],
  ['chu nhat, 5/3/2023', '2023-03-05'],
  ['THỨ BẢY, 4/3/2023', '2023-03-04'],
  ['Thứ 7 04/03/2023', '2023-03-04'],
  ['T3, 14/03/2023', '2023-03-14'],
  // Date and time.
  ['Chủ nhật, 5/3/2023 - 08:30', '2023-03-05T08:30:00', '5/3/2023 - 08:30'],
  ['Chủ Nhật, 05/03/2023 08:30', '2023-03-05T08:30:00'],
  ['08:30 14/03/2023', '2023-03-14T08:30:00', '08:30 14/03/2023'],
  ['2023-03-14 08:30', '2023-03-14T08:30:00', '2023-03-14 08:30'],
  ['2023-03-14T08:30:15+07:00', '2023-03-14T08:30:15+07:00', '2023-03-14T08:30:15+07:00'],
  ['2023-03-14T01:30:15Z', '2023-03-14T01:30:15+00:00'],
  ['14/03/2023 08:30 (GMT+7)', '2023-03-14T08:30:00+07:00', '14/03/2023 08:30 (GMT+7)'],
  ['14/03/2023 08:30 GMT+07:00', '2023-03-14T08:30:00+07:00', '14/03/2023 08:30 GMT+07:00'],
  ['14/03/2023 08:30 (GMT+07:00)', '2023-03-14T08:30:00+07:00'],
  ['14/03/2023, 08:30 ICT', '2023-03-14T08:30:00+07:00'],
  ['14/03/2023 08:30 (giờ Hà Nội)', '2023-03-14T08:30:00+07:00'],
  ['14/03/2023 08:30 UTC', '2023-03-14T08:30:00+00:00'],
  ['14/03/2023 15h30', '2023-03-14T15:30:00', '14/03/2023 15h30'],
  ['15h30 ngày 14/3/2023', '2023-03-14T15:30:00', '15h30 ngày 14/3/2023'],
  ['14/03/2023 15 giờ 30', '2023-03-14T15:30:00'],
  ['Lúc 15 giờ 30 phút, ngày 14/3/2023', '2023-03-14T15:30:00'],
  ['Đăng lúc 9 giờ sáng, 14/03/2023', '2023-03-14T09:00:00'],
  ['14/03/2023 2:16 CH', '2023-03-14T14:16:00'],
  ['14/03/2023 2:16:05 SA', '2023-03-14T02:16:05'],
  ['14/03/2023 12:05 SA', '2023-03-14T00:05:00'],
  ['14/03/2023 12:05 CH', '2023-03-14T12:05:00'],
  ['14/03/2023 8:30 PM', '2023-03-14T20:30:00'],
  ['14/03/2023 8:30 am', '2023-03-14T08:30:00'],
  ['14/03/2023, 8 giờ tối', '2023-03-14T20:00:00'],
  ['Cập nhật lúc: 10:15 ngày 14/3/2023', '2023-03-14T10:15:00', '10:15 ngày 14/3/2023'],
  ['Đăng ngày: 14/03/2023 - 10:15', '2023-03-14T10:15:00'],
  ['Thời gian: 14/03/2023 10:15:00', '2023-03-14T10:15:00'],
  ['Cập nhật: 03-12-2021 | 09:02:04 | Báo Long An', '2021-12-03T09:02:04', '03-12-2021 | 09:02:04'],
  ['20/05/2022 - 15:17 - baolongan.vn', '2022-05-20T15:17:00'],
  ['Báo Long An | 20/05/2022', '2022-05-20'],
  ['14/03/2023 (Báo Long An)', '2023-03-14', '14/03/2023'],
  ['Theo TTXVN - 14/03/2023 08:30', '2023-03-14T08:30:00', '14/03/2023 08:30'],
  ['Thứ Sáu, 17/3/2023 | 10:45 GMT+7', '2023-03-17T10:45:00+07:00', '17/3/2023 | 10:45 GMT+7'],
  ['Cập nhật ngày 17/3/2023 lúc 10:45', '2023-03-17T10:45:00', '17/3/2023 lúc 10:45'],
  ['17 thg 3, 2023', '2023-03-17'],
  ['Thứ Ba 14/3/2023 (GMT+7) 08:30', '2023-03-14T08:30:00+07:00'],
  // Messy whitespace and Unicode.
  ['Thứ\u00a0Tư,\u00a016/06/2021,\u00a005:44', '2021-06-16T05:44:00', '16/06/2021,\u00a005:44'],
  ['  Thứ Tư,  16/06/2021   05:44  ', '2021-06-16T05:44:00', '16/06/2021   05:44'],
  ['Cập nhật: 03-12-2021 | 09:02:04'.normalize('NFD'), '2021-12-03T09:02:04', '03-12-2021 | 09:02:04'],
  ['Thứ Tư, 16/06/2021, 05:44 [GMT+7]'.normalize('NFD'), '2021-06-16T05:44:00+07:00'],
  ['14–03–2023 – 08:30', '2023-03-14T08:30:00'],
  ['\ufeff14/03/2023', '2023-03-14'],
  // Blog platforms in a reader's locale (Blogger, WordPress): month names, month first.
  ['Sunday, 2 November 2025', '2025-11-02', '2 November 2025'],
  ['dimanche 2 novembre 2025', '2025-11-02', '2 novembre 2025'],
  ['03 avril 2022', '2022-04-03'],
  ['1er août 2021', '2021-08-01'],
  ['November 2, 2025 at 10:15 am', '2025-11-02T10:15:00', 'November 2, 2025 at 10:15 am'],
  ['Posted on Sep 5, 2019', '2019-09-05', 'Sep 5, 2019'],
  ['Chủ Nhật, tháng 11 02, 2025', '2025-11-02', 'tháng 11 02, 2025'],
  // WordPress's Vietnamese "F j, Y": the month by its name (mobiagri.vn's crawl, i08-i10)
  ['Tháng Một 15, 2024', '2024-01-15', 'Tháng Một 15, 2024'],
  ['Tháng Mười Hai 5, 2023', '2023-12-05', 'Tháng Mười Hai 5, 2023'],
  ['tháng Tư 30, 2022 lúc 8:15 sáng', '2022-04-30T08:15:00'],
  // a crawler's time stamp made safe for a file name (autodaily.vn, tapchihangkhong.com: i01-i07)
  ['31-12-2018_15-00-00', '2018-12-31T15:00:00', '31-12-2018_15-00-00'],
  ['15-09-2018_00-00-00', '2018-09-15T00:00:00'],
  // a slash date whose day-first reading is impossible is read month-first
  ['9/21/2022', '2022-09-21'],
  ['12/31/2023 08:30', '2023-12-31T08:30:00'],
  // an RSS pubDate or an e-mail header (RFC 2822), as a Jekyll post's front matter keeps it (ac04-ac07)
  ['date: Thu, 19 Sep 2024 03:00:00 +0700', '2024-09-19T03:00:00+07:00', '19 Sep 2024 03:00:00 +0700'],
  ['pubDate: Fri, 12 Jul 2024 14:00:00 GMT', '2024-07-12T14:00:00+00:00', '12 Jul 2024 14:00:00 GMT'],
  ['Wed, 11 Sep 2024 13:00:00 -0500', '2024-09-11T13:00:00-05:00'],
  // a Markdown scrape's section link beside the date (aa04)
  ['[Nghiên cứu - Trao đổi](https://example.vn/nghien-cuu) 18:00 | 22/12/2025', '2025-12-22T18:00:00', '18:00 | 22/12/2025'],
  ['22/12/2025 - [thế giới](https://example.vn/the-gioi)', '2025-12-22'],
];

for (const [line, iso, span] of FORMATS) {
  test(`dateline ${JSON.stringify(line)} -> ${iso}`, () => {
    const m = matchDateline(line);
    assert.ok(m, 'should be a dateline');
    assert.ok(m.date, 'should parse');
    assert.equal(m.date.iso, iso);
    assert.ok(m.confidence > 0.5 && m.confidence <= 1, `confidence ${m.confidence}`);
    if (span !== undefined) assert.equal(line.slice(m.date.startColumn, m.date.endColumn), span);
    // findDate agrees on a dateline.
    assert.equal(findDate(line)?.iso, iso);
  });
}

test('FORMATS has at least 40 rows', () => {
  assert.ok(FORMATS.length >= 40);
});

test('fields of a parsed date', () => {
  const d = matchDateline('Thứ Tư, 16/06/2021, 05:44 [GMT+7]')!.date!;
  assert.deepEqual(
    { ...d },
    { iso: '2021-06-16T05:44:00+07:00', year: 2021, month: 6, day: 16, hour: 5, minute: 44, second: 0, offsetMinutes: 420, startColumn: 8, endColumn: 33 },
  );
  const dOnly = matchDateline('16/06/2021')!.date!;
  assert.equal(dOnly.hour, undefined);
  assert.equal(dOnly.offsetMinutes, undefined);
  // A timezone without a time is recorded but not written into a date-only ISO string.
  const dTz = matchDateline('16/06/2021 (GMT+7)')!.date!;
  assert.equal(dTz.iso, '2021-06-16');
  assert.equal(dTz.offsetMinutes, 420);
});

test('a crawler\'s ISO timestamp with a second T before the offset is a dateline, offset kept', () => {
  // (seen in a news dataset's date field: 2025-02-22T18:55:13T+07:00)
  const d = matchDateline('2025-02-22T18:55:13T+07:00')!.date!;
  assert.equal(d.iso, '2025-02-22T18:55:13+07:00');
  assert.equal(d.endColumn, 26);
  assert.equal(matchDateline('2025-02-22T18:55:13T-05:30')!.date!.offsetMinutes, -330);
  // a T not followed by an offset is not taken as one
  assert.equal(matchDateline('2025-02-22T18:55:13Tx'), null);
});

test('real seed lines', () => {
  // 000 line 3, 001 line 1, 003 line 8, 004 line 3
  assert.equal(matchDateline('Cập nhật: 03-12-2021 | 09:02:04')!.date!.iso, '2021-12-03T09:02:04');
  assert.equal(matchDateline('14/03/2023 2:16:46')!.date!.iso, '2023-03-14T02:16:46');
  assert.equal(matchDateline('Thứ Tư, 16/06/2021, 05:44 [GMT+7]')!.date!.iso, '2021-06-16T05:44:00+07:00');
  assert.equal(matchDateline('20/05/2022 - 15:17')!.date!.iso, '2022-05-20T15:17:00');
});

test('weekday that contradicts the date lowers confidence', () => {
  const right = matchDateline('Thứ Ba, 14/03/2023')!;
  const wrong = matchDateline('Thứ Hai, 14/03/2023')!;
  assert.equal(wrong.date!.iso, '2023-03-14');
  assert.ok(wrong.confidence < right.confidence);
});

// ---- Not datelines ---------------------------------------------------------------------------

const NOT_DATELINES = [
  'Sáng ngày 14/3/2023, Đảng bộ Khối doanh nghiệp quận Đống Đa tổ chức sơ kết 02 năm thực hiện Chỉ thị 05-CT/TW',
  'Sáng ngày 14/3/2023, Đảng bộ Khối doanh nghiệp quận Đống Đa tổ chức sơ kết…',
  'Kết luận số 01-KL/TW ngày 18/5/2021',
  'Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị',
  '05-CT/TW',
  'Chỉ thị số 05-CT/TW',
  '2021-2023',
  'Giai đoạn 2021-2023',
  '0912.345.678',
  '0912 345 678',
  '0912 06 2019',
  '12 5 1234',
  'Lô 12 3 2019m2',
  '09.12.34.56.78',
  '(028) 3823 4567',
  'Hotline: 1900.1234',
  'Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh: Lan tỏa các mô hình hay trong học tập, làm theo Bác',
  'Long An: Học tập và làm theo gương Bác đi vào chiều sâu',
  'Gắn với công việc hàng ngày',
  'Ngày 14/3/2023: Khai mạc hội nghị sơ kết công tác',
  '14/03/2023 - khai mạc hội nghị',
  'Thứ Tư',
  '09:02:04',
  '14/03',
  'tháng 3/2023',
  '',
  '   ',
  '.',
  'A A',
  'Quyết định 01/02/2023/QĐ-UBND',
  '14/03/2023 - 1234 lượt xem',
  'KHAI MẠC HỘI NGHỊ SƠ KẾT - 14/3/2023',
  'Khai mạc hội nghị (14/3/2023)',
  'Số 123 | 14/03/2023',
  // an offset needs a time before it; a link with a number or many words is no section
  '14/03/2023 +0700 người',
  '[Xem thêm 12 tin](https://example.vn) 18:00 22/12/2025',
  '[Bộ trưởng Bộ Nông nghiệp và Môi trường phát biểu](https://example.vn/a) 22/12/2025',
  // a month named in a sentence is no date
  'Tháng Một 15, nông dân bắt đầu thu hoạch cà phê',
  `Ngày 14/3/2023 ${'rất '.repeat(50)}dài`,
];

for (const line of NOT_DATELINES) {
  test(`not a dateline: ${JSON.stringify(line.slice(0, 60))}`, () => {
    assert.equal(matchDateline(line), null);
  });
}

// ---- Looks like a dateline, impossible date --------------------------------------------------

const IMPOSSIBLE = [
  '31/02/2023',
  '29/02/2023',
  '31/04/2021 08:30',
  'Thứ Tư, 32/06/2021, 05:44 [GMT+7]',
  '14/13/2023',
  '00/03/2023',
  '14/03/2023 25:00',
  '14/03/2023 08:61',
  'Cập nhật: 30-02-2021 | 09:02:04',
  '2023-02-30',
  '31 tháng 2 năm 2023',
  // a crawler's file-name stamp whose parts are no date or no time
  '31-12-2018_25-61-00',
  '31-13-2018_15-00-00',
  'Tháng Hai 30, 2024',
];

for (const line of IMPOSSIBLE) {
  test(`impossible date gives date null: ${JSON.stringify(line)}`, () => {
    const m = matchDateline(line);
    assert.ok(m, 'still looks like a dateline');
    assert.equal(m.date, null);
    assert.ok(m.confidence >= 0 && m.confidence <= 1);
  });
}

// ---- findDate --------------------------------------------------------------------------------

test('findDate in prose', () => {
  const text = 'Sáng ngày 14/3/2023, Đảng bộ Khối doanh nghiệp quận Đống Đa tổ chức sơ kết';
  const d = findDate(text)!;
  assert.equal(d.iso, '2023-03-14');
  assert.equal(text.slice(d.startColumn, d.endColumn), '14/3/2023');

  const k = 'Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị';
  const dk = findDate(k)!;
  assert.equal(dk.iso, '2021-05-18');
  assert.equal(k.slice(dk.startColumn, dk.endColumn), '18/5/2021');

  const t = 'Vào lúc 15h30 ngày 14/3/2023, tại Hà Nội';
  const dt = findDate(t)!;
  assert.equal(dt.iso, '2023-03-14T15:30:00');
  assert.equal(t.slice(dt.startColumn, dt.endColumn), '15h30 ngày 14/3/2023');

  const nfd = 'Sáng ngày 14/3/2023, Đảng bộ'.normalize('NFD');
  const dn = findDate(nfd)!;
  assert.equal(nfd.slice(dn.startColumn, dn.endColumn), '14/3/2023');
});

test('findDate skips impossible dates and non-dates', () => {
  assert.equal(findDate('Chỉ thị 05-CT/TW giai đoạn 2021-2023, ĐT 0912.345.678'), null);
  assert.equal(findDate('không có ngày 31/02/2023 nhưng có 01/03/2023')!.iso, '2023-03-01');
  assert.equal(findDate(''), null);
  assert.equal(findDate('Hội nghị ngày 14 tháng 3 năm 2023 diễn ra')!.iso, '2023-03-14');
});

test('findDate ignores an impossible time next to a valid date', () => {
  assert.equal(findDate('ngày 14/03/2023 25:00')!.iso, '2023-03-14');
});

// ---- Properties ------------------------------------------------------------------------------

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

const dateArb = fc
  .record({
    year: fc.integer({ min: 1970, max: 2069 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ year, month, day }) => day <= new Date(Date.UTC(year, month, 0)).getUTCDate());

const timeArb = fc.option(
  fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }), second: fc.option(fc.integer({ min: 0, max: 59 })) }),
);

type D = { year: number; month: number; day: number };
type T = { hour: number; minute: number; second: number | null };

const DATE_FORMATS: ((d: D) => string)[] = [
  (d) => `${pad(d.day)}/${pad(d.month)}/${d.year}`,
  (d) => `${d.day}/${d.month}/${d.year}`,
  (d) => `${pad(d.day)}-${pad(d.month)}-${d.year}`,
  (d) => `${pad(d.day)}.${pad(d.month)}.${d.year}`,
  (d) => `${pad(d.day)}/${pad(d.month)}/${pad(d.year % 100)}`,
  (d) => `${d.year}-${pad(d.month)}-${pad(d.day)}`,
  (d) => `${d.day} tháng ${d.month} năm ${d.year}`,
  (d) => `${d.day} tháng ${pad(d.month)}, ${d.year}`,
];

const TIME_FORMATS: ((t: T) => string)[] = [
  (t) => `${pad(t.hour)}:${pad(t.minute)}${t.second === null ? '' : `:${pad(t.second)}`}`,
  (t) => `${t.hour}:${pad(t.minute)}${t.second === null ? '' : `:${pad(t.second)}`}`,
  (t) => `${t.hour}h${pad(t.minute)}`,
  (t) => `${t.hour} giờ ${t.minute} phút`,
  (t) => `${t.hour % 12 === 0 ? 12 : t.hour % 12}:${pad(t.minute)} ${t.hour < 12 ? 'SA' : 'CH'}`,
  (t) => `${t.hour % 12 === 0 ? 12 : t.hour % 12}:${pad(t.minute)} ${t.hour < 12 ? 'AM' : 'PM'}`,
];
/** Formats whose rendering carries seconds. */
const TIME_WITH_SECONDS = new Set([0, 1]);

const LAYOUTS: ((date: string, time: string | null) => string)[] = [
  (d, t) => (t ? `${d} ${t}` : d),
  (d, t) => (t ? `${d} - ${t}` : d),
  (d, t) => (t ? `${d} | ${t}` : d),
  (d, t) => (t ? `${d}, ${t}` : d),
  (d, t) => (t ? `${t} ${d}` : d),
  (d, t) => (t ? `${t} ngày ${d}` : `ngày ${d}`),
];

const WEEKDAY_NAMES = Object.entries(data.weekdays);

test('property: rendered dates parse back to the same ISO and span', () => {
  fc.assert(
    fc.property(
      dateArb,
      timeArb,
      fc.nat(DATE_FORMATS.length - 1),
      fc.nat(TIME_FORMATS.length - 1),
      fc.nat(LAYOUTS.length - 1),
      fc.option(fc.constantFrom(...data.prefixes)),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom(' ', '\u00a0', '  '),
      (d, t, fi, ti, li, prefix, weekday, gmt, space) => {
        const dateText = DATE_FORMATS[fi]!(d);
        const timeText = t ? TIME_FORMATS[ti]!(t) : null;
        const expr = LAYOUTS[li]!(dateText, timeText).replace(/^ngày /, '');
        const core = LAYOUTS[li]!(dateText, timeText);
        let line = core + (gmt ? ' [GMT+7]' : '');
        if (weekday) {
          const dow = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
          const name = WEEKDAY_NAMES.filter(([, n]) => n === dow)[0]![0];
          line = `${name}, ${line}`;
        }
        if (prefix !== null) line = `${prefix}: ${line}`;
        line = line.replace(/ /g, space);

        let iso = `${d.year}-${pad(d.month)}-${pad(d.day)}`;
        if (t) {
          const sec = TIME_WITH_SECONDS.has(ti) && t.second !== null ? t.second : 0;
          iso += `T${pad(t.hour)}:${pad(t.minute)}:${pad(sec)}`;
          if (gmt) iso += '+07:00';
        }
        const m = matchDateline(line);
        assert.ok(m && m.date, `no parse: ${JSON.stringify(line)}`);
        assert.equal(m.date.iso, iso, JSON.stringify(line));
        let span = line.slice(m.date.startColumn, m.date.endColumn);
        if (gmt && t) span = span.replace(/[\s\u00a0]*\[GMT\+7\]$/, '');
        if (!gmt || t) assert.equal(span, expr.replace(/ /g, space), JSON.stringify(line));
        // NFD input gives the same result, with columns into the NFD string.
        const nfd = line.normalize('NFD');
        const mn = matchDateline(nfd);
        assert.equal(mn?.date?.iso, iso);
        assert.equal(nfd.slice(mn.date!.startColumn, mn.date!.endColumn).normalize('NFC'), line.slice(m.date.startColumn, m.date.endColumn));
        // findDate finds it inside prose too.
        assert.equal(findDate(`Theo thông báo ${line.replace(/^[^\d]*?(?=\d)/, '')} của Ban`)?.iso.slice(0, 10), iso.slice(0, 10));
      },
    ),
    { numRuns: 2000 },
  );
});

test('property: impossible day of month gives date null', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1970, max: 2069 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
      const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
      if (dim === 31) return;
      const m = matchDateline(`${dim + 1}/${pad(month)}/${year}`);
      assert.ok(m);
      assert.equal(m.date, null);
    }),
  );
});

const datey = fc.constantFrom(
  ...'0123456789/-.:|, ()[]+hgTZ'.split(''),
  'Thứ', 'Tư', 'tháng', 'năm', 'ngày', 'GMT', 'giờ', 'SA', 'CH', 'Cập nhật', 'lúc', '\u00a0', '\u0301', '\ud800', 'Báo',
);

test('property: matchDateline and findDate never throw', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.array(datey, { maxLength: 40 }).map((a) => a.join('')),
        fc.array(datey, { maxLength: 40 }).map((a) => a.join(' ')),
      ),
      (s) => {
        const m = matchDateline(s);
        if (m) {
          assert.ok(m.confidence >= 0 && m.confidence <= 1);
          if (m.date) {
            assert.ok(m.date.startColumn >= 0 && m.date.startColumn < m.date.endColumn && m.date.endColumn <= s.length);
            assert.match(m.date.iso, /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?)?$/);
          }
        }
        const d = findDate(s);
        if (d) assert.ok(d.startColumn >= 0 && d.startColumn < d.endColumn && d.endColumn <= s.length);
      },
    ),
    { numRuns: 3000 },
  );
});

test('long input is handled (speed is measured by npm run bench)', () => {
  const long = `${'Đảng bộ Khối doanh nghiệp 05-CT/TW 2021-2023 '.repeat(5000)} ngày 14/3/2023`;
  assert.equal(matchDateline(long), null);
  assert.equal(findDate(long)?.iso, '2023-03-14');
});

test('a Unix time stamp on its own line (crawler metadata) is a dateline, read in Vietnam time', () => {
  assert.equal(matchDateline('1570090649.0')?.date?.iso, '2019-10-03T15:17:29+07:00');
  assert.equal(matchDateline('1570090649')?.date?.iso, '2019-10-03T15:17:29+07:00');
  // a phone number, an ID out of the 2000-2035 range, a number in a sentence: not dates
  assert.equal(matchDateline('0936014305'), null);
  assert.equal(matchDateline('123456789'), null);
  assert.equal(matchDateline('Mã số 1570090649 đã được cấp'), null);
});

test("a Java CMS's dates are datelines: java.util.Date.toString() and java.sql.Timestamp", () => {
  // `EEE MMM dd HH:mm:ss zzz yyyy`, the zone as an offset or a name, the year last
  assert.equal(matchDateline('Fri Feb 07 13:35:00 GMT+07:00 2025')?.date?.iso, '2025-02-07T13:35:00+07:00');
  assert.equal(matchDateline('Thu Feb 06 20:09:00 ICT 2025')?.date?.iso, '2025-02-06T20:09:00+07:00');
  assert.equal(matchDateline('Sat Mar 16 08:05:07 2024')?.date?.iso, '2024-03-16T08:05:07');
  // the time stamp's fraction of a second, as many digits as it needs
  assert.equal(matchDateline('2023-08-11 18:21:00.0')?.date?.iso, '2023-08-11T18:21:00');
  assert.equal(matchDateline('2023-08-11 18:21:00.123456789')?.date?.iso, '2023-08-11T18:21:00');
  // a month, a day and a time with no year after them: no date
  assert.equal(matchDateline('Feb 07 13:35:00 GMT+07:00'), null);
  // an impossible day stays impossible
  assert.equal(matchDateline('Fri Feb 30 13:35:00 GMT+07:00 2025')?.date, null);
});

test('two numbers and a year with a comma before it are a date only as day, month, year: "28 06, 2017"', () => {
  assert.equal(matchDateline('thứ tư, 28 06, 2017')?.date?.iso, '2017-06-28');
  // an impossible month or day is no date, nor a count before a year in a sentence
  assert.equal(findDate('28 13, 2017'), null);
  assert.equal(findDate('32 06, 2017'), null);
  assert.equal(findDate('Có 120 06, 2017 người'), null);
});
