// Settings: defaults, the editor's `corpusCurator.*` settings, and the corpus's project file
// `.corpus-curator.json` (rule severities, extra boilerplate phrases, ignored findings, reviewed files).
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { RuleOptions, SeveritySetting } from '../rules/types';
import { DEFAULT_RULE_OPTIONS } from '../rules/types';
import { PROJECT_FILE_MAX_BYTES, readRegularFile } from '../io/files';

export const PROJECT_FILE = '.corpus-curator.json';

export interface IgnoreEntry {
  /** Path relative to the project file's folder, with forward slashes. */
  file: string;
  code: string;
  /** Hash of the flagged text (Finding.hash). */
  hash: string;
}

export interface ProjectFile {
  rules?: Record<string, SeveritySetting>;
  toneStyle?: 'new' | 'old';
  learnedBoilerplate?: { minFiles?: number; minShare?: number };
  nearDuplicateThreshold?: number;
  boilerplate?: string[];
  ignore?: IgnoreEntry[];
  reviewed?: string[];
}

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

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Editor settings (the `corpusCurator` section) as the client sends them. */
export interface EditorSettings {
  rules?: Record<string, string>;
  toneStyle?: string;
  learnedBoilerplate?: { minFiles?: number; minShare?: number };
  nearDuplicateThreshold?: number;
}

function cleanRules(src: Record<string, unknown> | undefined, problems: string[], where: string): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const [code, v] of Object.entries(src ?? {})) {
    if (typeof v === 'string' && SEVERITIES.has(v)) out[code] = v as SeveritySetting;
    else problems.push(`${where}: rules.${code} must be one of error, warning, information, hint, off`);
  }
  return out;
}

/** Merges defaults < editor settings < project file. Invalid values are dropped with a problem message. */
export function mergeConfig(editor: EditorSettings | undefined, project: ProjectFile | undefined, root?: string): { config: Config; problems: string[] } {
  const problems: string[] = [];
  const options: RuleOptions = { ...DEFAULT_RULE_OPTIONS };
  for (const src of [editor, project]) {
    if (!src) continue;
    if (src.toneStyle === 'new' || src.toneStyle === 'old') options.toneStyle = src.toneStyle;
    if (typeof src.learnedBoilerplate?.minFiles === 'number') options.learnedBoilerplateMinFiles = src.learnedBoilerplate.minFiles;
    if (typeof src.learnedBoilerplate?.minShare === 'number') options.learnedBoilerplateMinShare = src.learnedBoilerplate.minShare;
    if (typeof src.nearDuplicateThreshold === 'number' && src.nearDuplicateThreshold > 0 && src.nearDuplicateThreshold <= 1) {
      options.nearDuplicateThreshold = src.nearDuplicateThreshold;
    }
  }
  const config: Config = {
    rules: { ...cleanRules(editor?.rules, problems, 'corpusCurator'), ...cleanRules(project?.rules, problems, PROJECT_FILE) },
    options,
    boilerplate: (project?.boilerplate ?? []).filter((s): s is string => typeof s === 'string' && s.trim() !== ''),
    ignore: (project?.ignore ?? []).filter((e) => e && typeof e.file === 'string' && typeof e.code === 'string' && typeof e.hash === 'string'),
    reviewed: (project?.reviewed ?? []).filter((s): s is string => typeof s === 'string'),
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
