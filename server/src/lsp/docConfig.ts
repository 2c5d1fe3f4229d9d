// Per-document configuration: the editor settings that apply to a document merged with its nearest
// project file; each problem with either (an invalid value, a broken project file) is shown once.
import * as path from 'node:path';
import { mergeConfig, PROJECT_FILE, type Config } from '../engine/config';
import { t } from './l10n';
import type { ProjectFiles, ProjectInfo } from './project';
import type { CuratorSettings, SettingsSource } from './settings';

export interface DocConfig {
  settings: CuratorSettings;
  config: Config;
  /** Absolute path for file: documents. */
  file?: string;
  /** Changes when the settings or the project file change. */
  key: string;
}

export interface DocConfigDeps {
  settings: SettingsSource;
  projects: ProjectFiles;
  /** Shows a warning to the user (and logs it). */
  warn(message: string): void;
}

/** configFor(uri, file): the DocConfig of a document; warnings once per distinct problem (per settings generation and project file version). */
export function createDocConfigs(deps: DocConfigDeps): (uri: string, file: string | undefined) => Promise<DocConfig> {
  const warned = new Set<string>();
  const warnOnce = (key: string, message: string) => {
    if (warned.has(key)) return;
    if (warned.size > 1000) warned.clear();
    warned.add(key);
    deps.warn(message);
  };
  return async (uri, file) => {
    const settings = await deps.settings.settingsFor(uri);
    const generation = deps.settings.generation;
    let info: ProjectInfo | undefined;
    if (file) {
      try {
        info = await deps.projects.lookup(path.dirname(file), settings.useConfigAboveWorkspace);
      } catch {
        info = undefined;
      }
    }
    const stamp = info?.stamp ?? '';
    const projectPath = info ? path.join(info.root, PROJECT_FILE) : PROJECT_FILE;
    if (info?.problem) {
      warnOnce(`${stamp}|${info.problem}`, t('Corpus Curator: {0}: {1}. Its settings and ignores are not used until it is fixed.', projectPath, info.problem));
    }
    const { config, problems } = mergeConfig(settings, info?.project, info?.root);
    for (const p of settings.problems) warnOnce(`${generation}|${p}`, t('Corpus Curator: {0} (the value is ignored).', p));
    for (const p of problems) warnOnce(`${generation}|${stamp}|${p}`, t('Corpus Curator: {0} (the value is ignored).', p));
    return { settings, config, file, key: `${generation}|${stamp}` };
  };
}
