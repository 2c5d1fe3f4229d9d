// Helpers shared by the *.e2e.ts files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'corpus-curator.corpus-curator';

/** Which launcher started VS Code: 'code-server', 'electron', or undefined when unknown. */
export const host: string | undefined = process.env.CORPUS_E2E_HOST;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await probe();
    if (last) return last;
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last value: ${String(last)})`);
}

/** The first (and only) workspace folder: a fresh copy of the repository's seeds/. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the end-to-end suite needs a workspace folder (a copy of seeds/)');
  return folder;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...segments);
}

/**
 * Asks the launcher for a screenshot of what the user sees right now, saved as
 * docs/screenshots/<name>.png. Arrange the UI first (open editors, focus views), then await this.
 *
 * Protocol (see test/e2e/run-code-server.mjs): the suite logs the line `##screenshot <name>`;
 * the launcher, which reads every console line of the extension host, takes the screenshot and
 * then creates the file `<name>.done` in the directory given by CORPUS_E2E_SCREENSHOT_ACK_DIR.
 * We wait for that file (at most `timeoutMs`), so the UI does not change under the shot. Where no
 * launcher takes screenshots (that variable is unset, e.g. under @vscode/test-electron) this only
 * logs the line and returns at once.
 */
export async function screenshot(name: string, timeoutMs = 15_000): Promise<void> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) throw new Error(`bad screenshot name: ${name}`);
  const ackDir = process.env.CORPUS_E2E_SCREENSHOT_ACK_DIR;
  await sleep(300); // let the workbench render the last change
  console.log(`##screenshot ${name}`);
  if (!ackDir) return;
  const ack = path.join(ackDir, `${name}.done`);
  const end = Date.now() + timeoutMs;
  while (!fs.existsSync(ack)) {
    if (Date.now() > end) {
      console.warn(`screenshot ${name}: no acknowledgement from the launcher after ${timeoutMs} ms`);
      return;
    }
    await sleep(100);
  }
  fs.rmSync(ack, { force: true });
}

/** The file in the workspace folder that names the launcher's phase (see workspaces.e2e.ts). */
export const PHASE_FILE = '.corpus-e2e-phase';

/** The phase this window runs: 'first' (no phase file), 'second-workspace' or 'return'. */
export function phaseOf(folder: string | undefined = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath): string {
  if (!folder) return 'first';
  try {
    return fs.readFileSync(path.join(folder, PHASE_FILE), 'utf8').trim() || 'first';
  } catch {
    return 'first';
  }
}
