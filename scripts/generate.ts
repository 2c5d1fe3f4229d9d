// `npm run generate`: writes what is generated from the rules' declarations (server/src/rules/*.ts)
// and the settings schema (server/src/engine/settings.ts):
//   - package.json: contributes.configuration, contributes.jsonValidation, the untrusted-workspace
//     restricted settings and the activation events (from the default include globs);
//   - package.nls.json and package.nls.vi.json: the settings' descriptions (the Vietnamese from
//     l10n/bundle.l10n.vi.json, keyed by the English text);
//   - schemas/corpus-curator.schema.json: the JSON schema of `.corpus-curator.json`;
//   - the header of each docs/rules/<code>.md (up to the generated-part marker; the prose below stays
//     hand-written), docs/rules/README.md's rule table, and README.md's rule list.
// `npm run generate -- --check` writes nothing and exits 1, naming each stale file (npm test runs it).
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { RULES, OPTION_DECLS } from '../server/src/rules/registry';
import type { Rule } from '../server/src/rules/types';
import { SETTINGS, contributedSetting, nlsKey, projectJsonSchema, settingDecl } from '../server/src/engine/settings';

const root = process.cwd();
const check = process.argv.includes('--check');
const stale: string[] = [];
const problems: string[] = [];

function put(rel: string, text: string): void {
  const file = path.join(root, rel);
  const old = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (old === text) return;
  if (check) {
    stale.push(rel);
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${rel}`);
}

const readJson = (rel: string) => JSON.parse(readFileSync(path.join(root, rel), 'utf8')) as Record<string, any>;
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Replaces what lies between two marker lines (kept) in a file. */
function between(text: string, begin: string, end: string, body: string, rel: string): string {
  const a = text.indexOf(begin);
  const b = text.indexOf(end, a + begin.length);
  if (a < 0 || b < 0) {
    problems.push(`${rel}: the markers ${begin} … ${end} are missing`);
    return text;
  }
  return `${text.slice(0, a + begin.length)}\n${body}${text.slice(b)}`;
}

// ---- package.json, package.nls*.json, the JSON schema --------------------------------------------

const pkg = readJson('package.json');
const properties: Record<string, unknown> = {};
for (const d of SETTINGS) if (d.where !== 'project') properties[`corpusCurator.${d.key}`] = contributedSetting(d);
pkg.contributes.configuration = { title: 'Corpus Curator', properties };
pkg.contributes.jsonValidation = [{ fileMatch: '.corpus-curator.json', url: './schemas/corpus-curator.schema.json' }];
pkg.capabilities.untrustedWorkspaces.restrictedConfigurations = SETTINGS.filter((d) => d.restricted).map((d) => `corpusCurator.${d.key}`);
// Activation: a News Article, a workspace holding a project file or articles under the default
// include globs, the explorer; and a plain-text file (a workspace opened at its corpus folder, or
// include globs of the user's own: the extension then looks for a corpus and stays idle without one)
pkg.activationEvents = [
  'onLanguage:news-article',
  'onLanguage:plaintext',
  'workspaceContains:**/.corpus-curator.json',
  ...(settingDecl('include').default as string[]).map((g) => `workspaceContains:${g}`),
  'onView:corpusCurator.explorer',
];
put('package.json', json(pkg));

const english: Record<string, string> = {};
for (const d of SETTINGS) {
  if (d.where === 'project') continue;
  english[nlsKey(d)] = d.description;
  for (const [value, text] of Object.entries(d.enumDescriptions ?? {})) english[`${nlsKey(d)}.${value}`] = text;
}
const bundle = readJson('l10n/bundle.l10n.vi.json') as Record<string, string>;
for (const [lang, source] of [['en', 'package.nls.json'], ['vi', 'package.nls.vi.json']] as const) {
  const nls = readJson(source) as Record<string, string>;
  const out: Record<string, string> = {};
  // the other strings (commands, views) as they are; the settings' from their declarations
  for (const [k, v] of Object.entries(nls)) if (!k.startsWith('config.')) out[k] = v;
  for (const [k, en] of Object.entries(english)) {
    if (lang === 'en') out[k] = en;
    else if (bundle[en] !== undefined) out[k] = bundle[en];
    else problems.push(`l10n/bundle.l10n.vi.json has no Vietnamese for the setting text ${JSON.stringify(en)} (${k})`);
  }
  put(source, json(out));
}

put('schemas/corpus-curator.schema.json', json(projectJsonSchema()));

// ---- docs ------------------------------------------------------------------------------------------

const GEN_END = '<!-- end of the generated part: the text below is written by hand -->';

function fixText(r: Rule): string {
  const a = r.fix.availability;
  const base = a === 'never' ? 'none' : a === 'always' ? 'every finding (fix-all, `--fix`)' : 'some findings (fix-all, `--fix`)';
  return r.fix.unsafe ? `${base}; **unsafe** (only on request: a quick fix, \`--unsafe-fixes\`): ${r.fix.unsafe}` : base;
}

function optionText(r: Rule): string {
  const opts = OPTION_DECLS.filter((o) => o.rule === r.code);
  if (opts.length === 0) return '';
  return opts.map((o) => {
    const js = JSON.stringify(o.decl.default);
    return `\`corpusCurator.${o.decl.setting}\` (in \`.corpus-curator.json\`: \`${o.decl.setting}\`), default \`${js}\``;
  }).join('<br>');
}

function ruleHeader(r: Rule): string {
  const rows: Array<[string, string]> = [
    ['Default severity', r.defaultSeverity],
    ['Tags', r.tags.join(', ')],
    ['Fixes', fixText(r)],
  ];
  if (r.demoted) rows.push(['Demoted to information', r.demoted]);
  rows.push(['Shown faded (text to remove)', r.removable ? 'yes' : 'no']);
  rows.push(['Needs the corpus index', r.corpus ? '**yes**' : 'no']);
  const opts = optionText(r);
  if (opts) rows.push(['Options', opts]);
  return [
    `# \`${r.code}\``,
    '',
    `<!-- generated by npm run generate from the declaration in server/src/rules/${r.code}.ts: edit it there -->`,
    '',
    r.description,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`),
    '',
    GEN_END,
    '',
  ].join('\n');
}

for (const r of RULES) {
  const rel = `docs/rules/${r.code}.md`;
  const file = path.join(root, rel);
  let prose = '';
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const i = text.indexOf(GEN_END);
    if (i >= 0) prose = text.slice(i + GEN_END.length).replace(/^\n+/, '');
    // a page written by hand for a new rule: its text goes below the generated header (its title is the header's)
    else prose = text.replace(/^# [^\n]*\n+/, '');
  } else {
    problems.push(`${rel} is missing: write its prose below the generated header`);
  }
  put(rel, `${ruleHeader(r)}\n${prose}`);
}

function severityCell(r: Rule): string {
  return r.demoted ? `${r.defaultSeverity} (some: information)` : r.defaultSeverity;
}

const readmeTable = [
  '| Code | Default severity | Fixable | What it flags |',
  '|---|---|---|---|',
  ...RULES.map((r) => `| [\`${r.code}\`](${r.code}.md) | ${severityCell(r)} | ${r.fix.availability === 'never' ? 'no' : r.fix.availability === 'always' ? 'yes' : 'some'}${r.fix.unsafe ? ' (some unsafe)' : ''} | ${r.flags}${r.corpus ? ' — needs the corpus index' : ''} |`),
  '',
].join('\n');
{
  const rel = 'docs/rules/README.md';
  put(rel, between(readFileSync(path.join(root, rel), 'utf8'), '<!-- rules:begin (npm run generate) -->', '<!-- rules:end -->', readmeTable, rel));
}
{
  const rel = 'README.md';
  const list = [
    '| Rule | Default | Fix | What it flags |',
    '|---|---|---|---|',
    ...RULES.map((r) => `| [\`${r.code}\`](docs/rules/${r.code}.md) | ${severityCell(r)} | ${r.fix.availability}${r.fix.unsafe ? ', some unsafe' : ''} | ${r.flags}${r.corpus ? ' (corpus index)' : ''} |`),
    '',
  ].join('\n');
  put(rel, between(readFileSync(path.join(root, rel), 'utf8'), '<!-- rules:begin (npm run generate) -->', '<!-- rules:end -->', list, rel));
}

if (problems.length) {
  for (const p of problems) console.error(`generate: ${p}`);
  process.exit(1);
}
if (stale.length) {
  console.error(`generate --check: out of date (run npm run generate): ${stale.join(', ')}`);
  process.exit(1);
}
if (check) console.log('generate --check: every generated file is up to date');
