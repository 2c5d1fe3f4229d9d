// Settings: defaults, the editor's `corpusCurator.*` settings, and the corpus's project file
// `.corpus-curator.json` (rule severities, extra boilerplate phrases, ignored findings, reviewed files).
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RuleOptions, SeveritySetting } from '../rules/types';
import { DEFAULT_RULE_OPTIONS } from '../rules/types';

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

/** The nearest folder at or above `dir` holding a project file, or undefined. */
export function findProjectRoot(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    try {
      readFileSync(path.join(d, PROJECT_FILE));
      return d;
    } catch {
      /* not here */
    }
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

export async function loadProjectFile(root: string): Promise<{ project?: ProjectFile; problem?: string }> {
  try {
    return parseProjectFile(await fs.readFile(path.join(root, PROJECT_FILE), 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { problem: `cannot read ${PROJECT_FILE}: ${(e as Error).message}` };
  }
}

/** The key an ignore entry uses for a file: its path relative to the project root, '/'-separated. */
export function relativeKey(root: string | undefined, file: string | undefined): string {
  if (!file) return '';
  return (root ? path.relative(root, file) : path.basename(file)).split(path.sep).join('/');
}
