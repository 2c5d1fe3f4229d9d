#!/usr/bin/env node
// `npm run screenshots`: copies the screenshots the last end-to-end run took (build/screenshots,
// untracked) over the README's copies in docs/screenshots. Run it after a passing `npm test` or
// `npm run test:e2e`, look at the pictures, and commit them.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const from = 'build/screenshots';
const to = 'docs/screenshots';
if (!existsSync(from)) {
  console.error(`${from} does not exist: run the end-to-end suite first (npm run test:e2e)`);
  process.exit(1);
}
mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((f) => f.endsWith('.png'));
if (files.length === 0) {
  console.error(`${from} holds no screenshots`);
  process.exit(1);
}
for (const f of files) {
  copyFileSync(join(from, f), join(to, f));
  console.log(`${to}/${f} (${Math.round(statSync(join(from, f)).size / 1024)} KB)`);
}
