// Settings: defaults, the editor's `corpusCurator.*` settings, and the corpus's project file
// `.corpus-curator.json` (rule severities, extra boilerplate phrases, ignored findings, reviewed files).
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from '../rules/registry';
import type { SeveritySetting } from '../rules/types';
import { PROJECT_FILE_MAX_BYTES, readRegularFile } from '../io/files';
import { readProjectSettings, type EditorValues, type IgnoreEntry } from './settings';

export type { IgnoreEntry } from './settings';

export const PROJECT_FILE = '.corpus-curator.json';

/** The project file's object as read (JSON, not yet validated: mergeConfig validates it against the schema in settings.ts). */
export type ProjectFile = Record<string, unknown> & { ignore?: unknown; reviewed?: unknown };

export interface Config {
  rules: Record<string, SeveritySetting>;
  options: RuleOptions;
  boilerplate: string[];
  ignore: IgnoreEntry[];
  reviewed: string[];
  /** Folder holding the project file (paths in ignore/reviewed are relative to it), if any. */
  root?: string;
}

export const DEFAULT_CONFIG: Config = {
  rules: {},
  options: DEFAULT_RULE_OPTIONS,
  boilerplate: [],
  ignore: [],
  reviewed: [],
};

/**
 * The project file's object validated, once per object read (the server's and the CLI's caches hand
 * out the same object until the file changes; mergeConfig runs for every analysis).
 */
const validatedProjects = new WeakMap<object, { label: string; result: ReturnType<typeof readProjectSettings> }>();
function validated(project: unknown, label: string): ReturnType<typeof readProjectSettings> {
  if (typeof project !== 'object' || project === null) return readProjectSettings(project, label);
  const known = validatedProjects.get(project);
  if (known && known.label === label) return known.result;
  const result = readProjectSettings(project, label);
  validatedProjects.set(project, { label, result });
  return result;
}

/**
 * Merges defaults < editor settings (already validated: settings.ts readEditorSettings) < project
 * file. The project file is validated here against the one schema (settings.ts): invalid values are
 * dropped, each with a problem message.
 */
export function mergeConfig(editor: Pick<EditorValues, 'rules' | 'options'> | undefined, project: unknown, root?: string): { config: Config; problems: string[] } {
  const { values: p, problems } = project === undefined ? { values: undefined, problems: [] } : validated(project, root ? path.join(root, PROJECT_FILE) : PROJECT_FILE);
  const config: Config = {
    rules: { ...editor?.rules, ...p?.rules },
    options: { ...DEFAULT_RULE_OPTIONS, ...editor?.options, ...p?.options },
    boilerplate: (p?.boilerplate ?? []).filter((s) => s.trim() !== ''),
    ignore: p?.ignore ?? [],
    reviewed: p?.reviewed ?? [],
    root,
  };
  return { config, problems };
}

/**
 * The nearest folder at or above `dir` holding a project file, or undefined. Only looks (stat), never
 * reads: a FIFO or a link to a device there names the root all the same, and loadProjectFile says
 * why it cannot be used. A folder of that name does not count.
 */
export function findProjectRoot(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    let st;
    try {
      st = statSync(path.join(d, PROJECT_FILE));
    } catch {
      st = undefined; // not here (or not reachable)
    }
    if (st && !st.isDirectory()) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

export function parseProjectFile(text: string): { project?: ProjectFile; problem?: string } {
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { problem: `${PROJECT_FILE} must hold a JSON object` };
    return { project: v as ProjectFile };
  } catch (e) {
    return { problem: `${PROJECT_FILE} is not valid JSON: ${(e as Error).message}` };
  }
}

/**
 * Reads the project file's text: only a regular file of at most PROJECT_FILE_MAX_BYTES (a FIFO, a
 * link to a device or a huge file is refused, never read). `text` undefined: there is none.
 */
export async function readProjectText(file: string): Promise<{ text?: string; problem?: string }> {
  try {
    const r = await readRegularFile(file, { maxBytes: PROJECT_FILE_MAX_BYTES });
    if (!r.ok) return { problem: `cannot read ${PROJECT_FILE}: ${r.reason}` };
    return { text: r.bytes.toString('utf8') };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { problem: `cannot read ${PROJECT_FILE}: ${(e as Error).message}` };
  }
}

export async function loadProjectFile(root: string): Promise<{ project?: ProjectFile; problem?: string }> {
  const { text, problem } = await readProjectText(path.join(root, PROJECT_FILE));
  if (text === undefined) return problem ? { problem } : {};
  return parseProjectFile(text);
}

/** The key an ignore entry uses for a file: its path relative to the project root, '/'-separated. */
export function relativeKey(root: string | undefined, file: string | undefined): string {
  if (!file) return '';
  return (root ? path.relative(root, file) : path.basename(file)).split(path.sep).join('/');
}
