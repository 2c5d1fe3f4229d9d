// Temporary folders for tests, removed when the test process exits: a test run leaves nothing
// behind in the system's temporary folder (before, each `node --test out/` left some 60 folders).
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

/** A new folder under the system's temporary folder, named `prefix` and six random characters. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (made.push(dir) === 1) process.on('exit', removeAll);
  return dir;
}

function removeAll(): void {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // a test that took away a folder's permissions (as the fault tests do, to see a write fail):
      // give them back and try again
      try {
        restore(dir);
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // left behind; nothing else to do at exit
      }
    }
  }
}

function restore(dir: string): void {
  chmodSync(dir, 0o700);
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (lstatSync(p).isDirectory()) restore(p);
  }
}
