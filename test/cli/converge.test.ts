// `lint --fix` reaches the fixed point in one run: a second run has nothing left to fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { growingCopies } from '../unit/copies';
import { tempDir } from '../../server/src/testing/tempDir';

const CLI = path.resolve('dist/cli.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('lint --fix: one run fixes a chain of 300 growing copies completely; the second run applies nothing', () => {
  const dir = tempDir('cc-converge-');
  const file = path.join(dir, 'chain.txt');
  writeFileSync(file, growingCopies(300));
  const first = run(['lint', dir, '--fix']);
  assert.match(first.stderr, /applied [1-9]\d\d fixes in 1 file; 0 unchanged/, first.stderr);
  const after = readFileSync(file, 'utf8');
  const second = run(['lint', dir, '--fix']);
  assert.match(second.stderr, /applied 0 fixes in 0 files; 1 unchanged/, second.stderr);
  assert.equal(readFileSync(file, 'utf8'), after);
});
