import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './tempDir';

if (process.env.CC_TEMPDIR_CHILD === '1') {
  // the child: two folders, one with read-only folders inside (as the fault tests leave them)
  const a = tempDir('cc-tempdir-test-');
  const b = tempDir('cc-tempdir-test-');
  mkdirSync(path.join(b, 'locked', 'inner'), { recursive: true });
  writeFileSync(path.join(b, 'locked', 'inner', 'f.txt'), 'x');
  chmodSync(path.join(b, 'locked', 'inner'), 0o500);
  chmodSync(path.join(b, 'locked'), 0o500);
  process.stdout.write(JSON.stringify([a, b]));
} else {
  test('a test process leaves no temporary folder behind, even one it made read-only', () => {
    const out = execFileSync(process.execPath, [__filename], { encoding: 'utf8', env: { ...process.env, CC_TEMPDIR_CHILD: '1' } });
    const dirs = JSON.parse(out) as string[];
    assert.equal(dirs.length, 2);
    for (const d of dirs) assert.equal(existsSync(d), false, `${d} is still there`);
  });
}
