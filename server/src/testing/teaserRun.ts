// A short article whose last lines are a teaser run (a `Tin liên quan` header and two teasers): one
// block whose lines the recognizer read one by one, each with a reason of its own. Lines 1–4 (0-based
// 0–3): headline, dateline, two paragraphs; line 5 (4) the header; lines 6–7 (5–6) the teasers.
export const TEASER_RUN = [
  'Thanh Hóa: Huyện miền núi khánh thành cầu treo cho học sinh',
  'Thứ Năm, 4/5/2023, 17:16 (GMT+7)',
  'Sáng 4/5, huyện Mường Lát tổ chức khánh thành cây cầu treo mới, giúp hàng trăm học sinh qua suối an toàn trong mùa mưa lũ sắp tới.',
  'Cây cầu dài 80 m được xây dựng bằng nguồn vốn xã hội hóa và ngân sách địa phương, hoàn thành sau bốn tháng thi công liên tục.',
  'Tin liên quan',
  'Thanh Hóa đầu tư hơn 200 tỷ đồng làm đường lên các bản vùng cao',
  'Mường Lát: Hàng trăm hộ dân được hỗ trợ nhà ở trước mùa mưa bão',
].join('\n');
