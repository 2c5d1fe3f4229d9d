// The one settings schema: every `corpusCurator.*` editor setting and every key of the project file
// `.corpus-curator.json`, declared once (zod). From it come the types, the validation (the server's,
// the corpus handlers' and the CLI's), the defaults, package.json's `contributes.configuration` and
// the JSON schema of the project file (both written by `npm run generate`). The rules' options are
// declared in their own rule files (RuleMeta.options) and joined in here.
import { z } from 'zod';
import { OPTION_DECLS, RULES, type RuleOptions } from '../rules/registry';
import type { SeveritySetting } from '../rules/types';

export const SEVERITY_SETTINGS = ['error', 'warning', 'information', 'hint', 'off'] as const;
export const severitySchema = z.enum(SEVERITY_SETTINGS);

/** Files larger than this many bytes are not analysed or indexed, unless `corpusCurator.maxFileSize` says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export const DEFAULT_INCLUDE: readonly string[] = ['**/seeds/**/*.txt', '**/corpus/**/*.txt'];

/** Where a setting is read: the editor (`corpusCurator.<key>`), the project file, or both. */
type Where = 'editor' | 'project' | 'both';

/** A setting's declaration. `key` is the editor setting's name after `corpusCurator.` and, dotted = nested, its key in the project file. */
export interface SettingDecl {
  key: string;
  schema: z.ZodType;
  default: unknown;
  /** Markdown, English (the Vietnamese is in l10n/bundle.l10n.vi.json, keyed by this text). */
  description: string;
  enumDescriptions?: Record<string, string>;
  where: Where;
  /** Read by the client only (the explorer, the trace): the server ignores it. */
  clientOnly?: boolean;
  /** package.json: `"scope"`. */
  scope?: 'resource' | 'window' | 'machine' | 'application';
  /** Not taken from an untrusted workspace's settings (package.json capabilities.untrustedWorkspaces.restrictedConfigurations). */
  restricted?: boolean;
}

/** Every rule code, each with its severity (listed one by one: completion and hovers in settings.json and the project file). */
const rulesSchema = z.object(Object.fromEntries(RULES.map((r) => [r.code, severitySchema.meta({ description: r.description }).optional()]))).strict();

const ignoreEntrySchema = z.object({
  file: z.string().meta({ description: "The article's path relative to this file's folder, with `/`." }),
  code: z.string().meta({ description: 'The rule code.' }),
  hash: z.string().regex(/^[0-9a-f]{8}$/).meta({ description: 'The hash of the flagged text (8 hex digits).' }),
}).strict();

/** Every setting, in the order the Settings editor lists them. */
export const SETTINGS: readonly SettingDecl[] = [
  {
    key: 'include',
    schema: z.array(z.string()),
    default: [...DEFAULT_INCLUDE],
    description: 'Glob patterns of `.txt` files that open as News Articles. Other `.txt` files are left alone.',
    where: 'editor',
  },
  {
    key: 'maxFileSize',
    schema: z.number().min(0),
    default: DEFAULT_MAX_FILE_SIZE,
    description: 'Files larger than this many bytes are not analysed (a message says so).',
    where: 'editor',
    restricted: true,
  },
  {
    key: 'rules',
    schema: rulesSchema,
    default: {},
    description: 'Severity of each rule: `error`, `warning`, `information`, `hint` or `off`, e.g. `{ "whitespace": "hint", "structure": "off" }`. The project file `.corpus-curator.json` (its `rules` key) overrides these for its corpus.',
    where: 'both',
  },
  ...OPTION_DECLS.map((o): SettingDecl => ({
    key: o.decl.setting,
    schema: o.decl.schema,
    default: o.decl.default,
    description: o.decl.description,
    enumDescriptions: o.decl.enumDescriptions,
    where: 'both',
  })),
  {
    key: 'boilerplate',
    schema: z.array(z.string()),
    default: [],
    description: 'Extra whole-line chrome phrases of this corpus, matched after folding whitespace and case.',
    where: 'project',
  },
  {
    key: 'ignore',
    schema: z.array(ignoreEntrySchema),
    default: [],
    description: 'Findings hidden in one file: `{ file, code, hash }` (written by the quick fix "Ignore this finding").',
    where: 'project',
  },
  {
    key: 'reviewed',
    schema: z.array(z.string()),
    default: [],
    description: 'Articles marked reviewed in the Corpus Curator explorer (paths relative to this file\'s folder).',
    where: 'project',
  },
  {
    key: 'explorer.groupBy',
    schema: z.enum(['status', 'date', 'source', 'duplicates']),
    default: 'status',
    description: 'How the Corpus Curator explorer groups articles at start-up (the view\'s Group By menu changes it for the workspace).',
    enumDescriptions: {
      status: 'Needs cleanup (by rule), reviewed, clean.',
      date: 'Year, then month of the dateline.',
      source: 'The site, inferred from bylines, credits and boilerplate.',
      duplicates: 'Clusters of files sharing their content.',
    },
    where: 'editor',
    clientOnly: true,
  },
  {
    key: 'explorer.sortBy',
    schema: z.enum(['problems', 'date', 'headline']),
    default: 'problems',
    description: 'How the Corpus Curator explorer orders articles within a group at start-up.',
    enumDescriptions: {
      problems: 'Most errors and warnings first.',
      date: 'Newest first; undated last.',
      headline: 'Alphabetically by headline.',
    },
    where: 'editor',
    clientOnly: true,
  },
  {
    key: 'locale',
    schema: z.enum(['auto', 'vi', 'en']),
    default: 'auto',
    description: 'The language of Corpus Curator\'s own words: diagnostics, quick fixes, hovers, the outline, the explorer and its messages. `auto` follows VS Code\'s display language; `vi` or `en` choose Vietnamese or English whatever VS Code\'s language is (VS Code has no Vietnamese language pack). Menus and settings follow VS Code\'s display language.',
    enumDescriptions: {
      auto: 'VS Code\'s display language (Vietnamese when it is Vietnamese, else English).',
      vi: 'Vietnamese (tiếng Việt).',
      en: 'English.',
    },
    where: 'editor',
    clientOnly: true,
  },
  {
    key: 'useConfigAboveWorkspace',
    schema: z.boolean(),
    default: false,
    description: 'Also use a `.corpus-curator.json` found above the workspace folder (in a parent folder). Off by default: only project files inside the workspace folder count. Ignore entries and reviewed marks are never written above the workspace folder. Not used from an untrusted workspace\'s settings.',
    where: 'editor',
    scope: 'resource',
    restricted: true,
  },
  {
    key: 'trace.server',
    schema: z.enum(['off', 'messages', 'verbose']),
    default: 'off',
    description: 'Traces the communication between VS Code and the Corpus Curator language server (shown in its output channel).',
    where: 'editor',
    clientOnly: true,
  },
];

const BY_KEY = new Map(SETTINGS.map((s) => [s.key, s]));

/** The declaration of a setting. */
export function settingDecl(key: string): SettingDecl {
  const d = BY_KEY.get(key);
  if (!d) throw new Error(`no setting ${key}`);
  return d;
}

export type IgnoreEntry = z.infer<typeof ignoreEntrySchema>;

/** What the project file says, once validated (every key optional). */
export interface ProjectSettings {
  rules: Record<string, SeveritySetting>;
  options: Partial<RuleOptions>;
  boilerplate?: string[];
  ignore?: IgnoreEntry[];
  reviewed?: string[];
}

/** What the editor's `corpusCurator` section says, once validated (what the server reads). */
export interface EditorValues {
  include: string[];
  maxFileSize: number;
  useConfigAboveWorkspace: boolean;
  rules: Record<string, SeveritySetting>;
  options: Partial<RuleOptions>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function say(issue: z.core.$ZodIssue | undefined): string {
  return issue ? issue.message.replace(/^Invalid input: /, '') : 'invalid value';
}

/**
 * Reads one source (the editor's section, or the project file's object) against the schema: each
 * value is checked on its own, an invalid one is left out with a problem naming it, so that one
 * typo never costs the rest. Arrays and the rule map are checked entry by entry.
 */
function readSource(raw: unknown, where: 'editor' | 'project', label: string, problems: string[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (raw === undefined || raw === null) return out;
  if (!isObject(raw)) {
    problems.push(`${label} must hold an object`);
    return out;
  }
  const name = (key: string) => (where === 'editor' ? `${label}.${key}` : `${label}: ${key}`);
  const visit = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (where === 'project' && key === '$schema') continue;
      const decl = BY_KEY.get(key);
      if (!decl) {
        if (isObject(v) && SETTINGS.some((s) => s.key.startsWith(`${key}.`))) visit(v, key);
        else if (where === 'project') problems.push(`${name(key)}: unknown key`);
        continue; // the editor's section holds what VS Code merged from elsewhere too
      }
      if (decl.where !== 'both' && decl.where !== where) {
        if (where === 'project') problems.push(`${name(key)}: not a project file key (an editor setting)`);
        continue;
      }
      if (decl.clientOnly || v === undefined || v === null) continue;
      if (key === 'rules') {
        if (!isObject(v)) {
          problems.push(`${name(key)} must be an object of rule severities`);
          continue;
        }
        const rules: Record<string, SeveritySetting> = {};
        for (const [code, s] of Object.entries(v)) {
          if (!RULES.some((r) => r.code === code)) problems.push(`${name(`rules.${code}`)}: no rule has this code`);
          else if (severitySchema.safeParse(s).success) rules[code] = s as SeveritySetting;
          else problems.push(`${name(`rules.${code}`)} must be one of ${SEVERITY_SETTINGS.join(', ')}`);
        }
        out.set(key, rules);
        continue;
      }
      if (decl.schema instanceof z.ZodArray && Array.isArray(v)) {
        const item = decl.schema.element as z.ZodType;
        const kept: unknown[] = [];
        v.forEach((e, i) => {
          const r = item.safeParse(e);
          if (r.success) kept.push(r.data);
          else problems.push(`${name(`${key}[${i}]`)}: ${say(r.error.issues[0])}`);
        });
        out.set(key, kept);
        continue;
      }
      const r = decl.schema.safeParse(v);
      if (r.success) out.set(key, r.data);
      else problems.push(`${name(key)}: ${say(r.error.issues[0])}`);
    }
  };
  visit(raw, '');
  return out;
}

function optionsOf(values: Map<string, unknown>): Partial<RuleOptions> {
  const options: Record<string, unknown> = {};
  for (const o of OPTION_DECLS) if (values.has(o.decl.setting)) options[o.name] = values.get(o.decl.setting);
  return options as Partial<RuleOptions>;
}

/** The editor's `corpusCurator` section, validated; invalid values fall back to their defaults, with a problem each. */
export function readEditorSettings(raw: unknown): { values: EditorValues; problems: string[] } {
  const problems: string[] = [];
  const v = readSource(raw, 'editor', 'corpusCurator', problems);
  // a value given, else the declared default (a copy: callers may keep and change it)
  const get = <T>(key: string): T => (v.has(key) ? v.get(key) : structuredClone(settingDecl(key).default)) as T;
  return {
    values: {
      include: get<string[]>('include'),
      maxFileSize: get<number>('maxFileSize'),
      useConfigAboveWorkspace: get<boolean>('useConfigAboveWorkspace'),
      rules: get<Record<string, SeveritySetting>>('rules'),
      options: optionsOf(v),
    },
    problems,
  };
}

/** The project file's object, validated; invalid values are left out, with a problem each. */
export function readProjectSettings(raw: unknown, label: string): { values: ProjectSettings; problems: string[] } {
  const problems: string[] = [];
  const v = readSource(raw, 'project', label, problems);
  const values: ProjectSettings = { rules: (v.get('rules') as Record<string, SeveritySetting> | undefined) ?? {}, options: optionsOf(v) };
  for (const k of ['boilerplate', 'ignore', 'reviewed'] as const) if (v.has(k)) (values as unknown as Record<string, unknown>)[k] = v.get(k);
  return { values, problems };
}

/** Nests dotted keys: `learnedBoilerplate.minFiles` → `{ learnedBoilerplate: { minFiles } }`. */
function nest(decls: readonly SettingDecl[], leaf: (d: SettingDecl) => z.ZodType): z.ZodObject {
  const tree: Record<string, z.ZodType | Record<string, unknown>> = {};
  for (const d of decls) {
    const parts = d.key.split('.');
    let node = tree as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = leaf(d);
  }
  const build = (node: Record<string, unknown>): z.ZodObject =>
    z.object(Object.fromEntries(Object.entries(node).map(([k, v]) => [k, (v instanceof z.ZodType ? v : build(v as Record<string, unknown>)).optional()]))).strict();
  return build(tree);
}

/** The project file's schema (zod), every key optional. */
export function projectFileSchema(): z.ZodObject {
  const decls = SETTINGS.filter((s) => s.where !== 'editor');
  const base = nest(decls, (d) => {
    const described = d.schema.meta({ description: d.description, default: d.default as never });
    return described;
  });
  return base.extend({ $schema: z.string().optional() }).strict();
}

/** zod's JSON schema, without the safe-integer bounds it writes for z.int() (noise in a settings UI). */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const js = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
  const clean = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(clean);
    else if (isObject(v)) {
      if (v.maximum === Number.MAX_SAFE_INTEGER) delete v.maximum;
      if (v.minimum === Number.MIN_SAFE_INTEGER) delete v.minimum;
      Object.values(v).forEach(clean);
    }
  };
  clean(js);
  delete js.$schema;
  return js;
}

/** The JSON schema of `.corpus-curator.json` (package.json `jsonValidation` points at it). */
export function projectJsonSchema(): Record<string, unknown> {
  const s = jsonSchemaOf(projectFileSchema());
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/corpus-curator/corpus-curator/raw/main/schemas/corpus-curator.schema.json',
    title: 'Corpus Curator project file (.corpus-curator.json)',
    description: 'Rule severities, rule options, extra boilerplate phrases, ignored findings and reviewed articles of a corpus. Generated from server/src/engine/settings.ts by `npm run generate`.',
    ...s,
  };
}

/** One setting as package.json's `contributes.configuration.properties` entry (descriptions as %nls% keys). */
export function contributedSetting(d: SettingDecl): Record<string, unknown> {
  const js = jsonSchemaOf(d.schema);
  const out: Record<string, unknown> = { ...js, default: d.default };
  if (d.scope) out.scope = d.scope;
  if (d.enumDescriptions && Array.isArray(js.enum)) {
    out.enumDescriptions = (js.enum as string[]).map((e) => `%${nlsKey(d)}.${e}%`);
  }
  out.markdownDescription = `%${nlsKey(d)}%`;
  return out;
}

/** The package.nls key of a setting's description. */
export function nlsKey(d: SettingDecl): string {
  return `config.${d.key}`;
}
