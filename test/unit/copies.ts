// Generated articles shared by the fix-all tests (unit and CLI).

/**
 * A paragraph scraped again and again as it grew, each copy the previous one plus a word: each
 * copy is a truncated copy of the next, so a pass removes only some of them (never both sides of a
 * pair, never a block another flagged one relies on): the chain of 300 takes 11 passes.
 */
export function growingCopies(n: number): string {
  const vocab = 'nông dân xã tân phú thu hoạch lúa đông xuân trên cánh đồng mẫu lớn với năng suất cao hơn mọi năm trước đây nhờ giống mới bà con phấn khởi giá bán ổn định thương lái đến tận ruộng mua'.split(' ');
  let seed = 1;
  const words: string[] = [];
  for (let i = 0; i < 14 + n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    words.push(vocab[Math.floor((seed / 2147483648) * vocab.length)] + (i % 7));
  }
  const copies = Array.from({ length: n }, (_, i) => words.slice(0, 14 + i).join(' ') + '.');
  return `Nông dân phấn khởi vì lúa được mùa, được giá\n\n20/05/2022 - 15:17\n\n${copies.join('\n\n')}\n\nNgười dân phấn khởi vì giá bán ổn định, thương lái đến tận ruộng thu mua.\n`;
}
