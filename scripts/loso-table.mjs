#!/usr/bin/env node
// Turns `npm run eval -- --by-source` output (stdin) into docs/figures/loso-by-source.md's table:
// one row per publisher of each set, sorted by set, then by lines right (worst first).
//   node out/eval/eval.js --train-also real-dev --load-models DIR --by-source | node scripts/loso-table.mjs "# Title" "Paragraph…" > docs/figures/loso-by-source.md
import { readFileSync } from 'node:fs';

const input = readFileSync(0, 'utf8');
const [title = '# Leave-one-source-out figures per publisher', intro = ''] = process.argv.slice(2);
const rows = [];
let set = null;
for (const line of input.split('\n')) {
  const h = /^## (\S+):/.exec(line);
  if (h) { set = h[1]; continue; }
  if (/^## /.test(line)) { set = null; continue; }
  const m = /^ {2}(\S+)\s+lines ([\d.]+)% · mean recall over kinds ([\d.]+|n\/a)%? · dates (\d+\/\d+) · defects found (\d+\/\d+) · unexplained warnings (\d+) of (\d+)/.exec(line);
  if (m && set) rows.push({ set, source: m[1], lines: +m[2], recall: m[3], dates: m[4], defects: m[5], alarms: `${m[6]} of ${m[7]}` });
}
if (rows.length === 0) {
  process.stderr.write('loso-table: no per-source lines in the input (run eval with --by-source)\n');
  process.exit(2);
}
const order = [...new Set(rows.map((r) => r.set))];
rows.sort((a, b) => order.indexOf(a.set) - order.indexOf(b.set) || a.lines - b.lines || a.source.localeCompare(b.source));
const out = [title, '', ...(intro ? [intro, ''] : []),
  '| set | source | lines right | mean recall over kinds | dates | defects found | unjustified warnings |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.set} | ${r.source} | ${r.lines.toFixed(1)}% | ${r.recall === 'n/a' ? 'n/a' : `${r.recall}%`} | ${r.dates} | ${r.defects} | ${r.alarms} |`)];
process.stdout.write(out.join('\n') + '\n');
