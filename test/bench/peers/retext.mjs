// A peer of `corpus-curator lint` for `npm run bench`: unified + retext-latin + retext-repeated-words
// over every .txt file under the given folders, one after another. Copied into .bench/peers/ (where
// the packages are installed) and run there. Prints one JSON line: {files, bytes, messages, ms}.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { unified } from 'unified';
import retextLatin from 'retext-latin';
import retextRepeatedWords from 'retext-repeated-words';
import { VFile } from 'vfile';

const t0 = performance.now();
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.txt')) files.push(p);
  }
};
for (const d of process.argv.slice(2)) walk(d);
const processor = unified().use(retextLatin).use(retextRepeatedWords);
let bytes = 0;
let messages = 0;
for (const f of files) {
  const buf = readFileSync(f);
  bytes += buf.length;
  const file = new VFile({ path: f, value: buf.toString('utf8') });
  await processor.run(processor.parse(file), file);
  messages += file.messages.length;
}
process.stdout.write(JSON.stringify({ files: files.length, bytes, messages, ms: Math.round(performance.now() - t0) }) + '\n');
