// The editor's `corpusCurator` settings as the server reads them: pulled per document with
// workspace/configuration when the client can (cached per document until the settings change),
// otherwise what the client pushed with didChangeConfiguration, else the defaults. Each value is
// validated against the one settings schema (engine/settings.ts).
import { readEditorSettings, type EditorValues } from '../engine/settings';

/** The validated settings; `problems` name the values that were invalid (each replaced by its default). */
export type CuratorSettings = EditorValues & { problems: readonly string[] };

export const DEFAULT_SETTINGS: Readonly<CuratorSettings> = { ...readEditorSettings(undefined).values, problems: [] };

export function normalizeSettings(raw: unknown): CuratorSettings {
  const { values, problems } = readEditorSettings(raw);
  return { ...values, problems };
}

export interface SettingsDeps {
  /** Does the client answer workspace/configuration (known after initialize)? */
  canPull(): boolean;
  /** workspace/configuration for one document's `corpusCurator` section. */
  pull(uri: string): Promise<unknown>;
}

export class SettingsSource {
  private pushed: CuratorSettings = { ...DEFAULT_SETTINGS };
  private readonly cache = new Map<string, Promise<CuratorSettings>>();
  /** Bumped on every settings change: part of each analysis's configuration key. */
  generation = 0;

  constructor(private readonly deps: SettingsDeps) {}

  /** The settings that apply to a document. */
  settingsFor(uri: string): Promise<CuratorSettings> {
    if (!this.deps.canPull()) return Promise.resolve(this.pushed);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.deps.pull(uri).then(normalizeSettings, () => ({ ...DEFAULT_SETTINGS }));
      this.cache.set(uri, p);
    }
    return p;
  }

  /** Drops what is cached for a closed document (or for all). */
  forget(uri?: string): void {
    if (uri === undefined) this.cache.clear();
    else this.cache.delete(uri);
  }

  /** didChangeConfiguration: `section` is what the client pushed under `corpusCurator`, if anything. */
  changed(section: unknown): void {
    if (section !== undefined) this.pushed = normalizeSettings(section);
    this.generation++;
    this.cache.clear();
  }
}
