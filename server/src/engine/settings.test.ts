// The one settings schema: validation of the editor's settings and of the project file (one bad
// value never costs the others), the defaults in one place, and the generated contributions and
// JSON schema agreeing with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_RULE_OPTIONS, OPTION_DECLS, RULES } from '../rules/registry';
import { mergeConfig } from './config';
import { DEFAULT_MAX_FILE_SIZE, projectFileSchema, projectJsonSchema, readEditorSettings, readProjectSettings, SETTINGS } from './settings';

test('editor settings: defaults from the schema; each invalid value falls back alone, named in a problem', () => {
  const d = readEditorSettings(undefined);
  assert.deepEqual(d.problems, []);
  assert.equal(d.values.maxFileSize, DEFAULT_MAX_FILE_SIZE);
  assert.equal(d.values.maxFileSize, 5 * 1024 * 1024);
  assert.deepEqual(d.values.include, ['**/seeds/**/*.txt', '**/corpus/**/*.txt']);
  assert.equal(d.values.useConfigAboveWorkspace, false);

  // what VS Code sends: nested sections, client-only settings, defaults of everything
  const r = readEditorSettings({
    include: ['**/*.txt'],
    maxFileSize: -5,
    rules: { whitespace: 'hint', structure: 'loud', 'no-such-rule': 'off' },
    toneStyle: 'new',
    learnedBoilerplate: { minFiles: 1, minShare: 0.5 },
    nearDuplicateThreshold: 0.9,
    explorer: { groupBy: 'date', sortBy: 'problems' },
    trace: { server: 'verbose' },
    useConfigAboveWorkspace: 'yes',
  });
  assert.deepEqual(r.values.include, ['**/*.txt']);
  assert.equal(r.values.maxFileSize, DEFAULT_MAX_FILE_SIZE, 'a negative size falls back to the default');
  assert.deepEqual(r.values.rules, { whitespace: 'hint' });
  assert.deepEqual(r.values.options, { toneStyle: 'new', learnedBoilerplateMinShare: 0.5, nearDuplicateThreshold: 0.9 });
  assert.equal(r.values.useConfigAboveWorkspace, false);
  const problems = r.problems.join('\n');
  assert.match(problems, /corpusCurator\.maxFileSize: Too small/);
  assert.match(problems, /corpusCurator\.rules\.structure must be one of error, warning, information, hint, off/);
  assert.match(problems, /corpusCurator\.rules\.no-such-rule: no rule has this code/);
  assert.match(problems, /corpusCurator\.learnedBoilerplate\.minFiles: Too small/);
  assert.match(problems, /corpusCurator\.useConfigAboveWorkspace: expected boolean/);
  assert.equal(r.problems.length, 5, problems);
});

test('project file: checked key by key and entry by entry; unknown keys and editor-only keys are named', () => {
  const { values, problems } = readProjectSettings({
    $schema: './schemas/corpus-curator.schema.json',
    rules: { 'php-dump': 'error', whitespace: 'sometimes' },
    nearDuplicateThreshold: 2,
    learnedBoilerplate: { minFiles: 4, extra: 1 },
    boilerplate: ['Bản quyền thuộc Báo X', 7],
    ignore: [{ file: 'a.txt', code: 'stray-token', hash: '1a2b3c4d' }, { file: 'b.txt', code: 'x' }],
    reviewed: ['a.txt'],
    maxFileSize: 10,
    tonestyle: 'new',
  }, '/c/.corpus-curator.json');
  assert.deepEqual(values.rules, { 'php-dump': 'error' });
  assert.deepEqual(values.options, { learnedBoilerplateMinFiles: 4 });
  assert.deepEqual(values.boilerplate, ['Bản quyền thuộc Báo X']);
  assert.deepEqual(values.ignore, [{ file: 'a.txt', code: 'stray-token', hash: '1a2b3c4d' }], 'the valid ignore entry is kept');
  assert.deepEqual(values.reviewed, ['a.txt']);
  const text = problems.join('\n');
  for (const re of [
    /\/c\/\.corpus-curator\.json: rules\.whitespace must be one of/,
    /nearDuplicateThreshold: Too big/,
    /learnedBoilerplate\.extra: unknown key/,
    /boilerplate\[1\]: expected string/,
    /ignore\[1\]: /,
    /maxFileSize: not a project file key/,
    /tonestyle: unknown key/,
  ]) assert.match(text, re);
  assert.equal(problems.length, 7, text);
  assert.deepEqual(readProjectSettings('not an object', 'p').problems, ['p must hold an object']);
});

test('mergeConfig: defaults < editor < project file, options from every rule\'s declaration', () => {
  assert.deepEqual(Object.keys(DEFAULT_RULE_OPTIONS).sort(), OPTION_DECLS.map((o) => o.name).sort());
  const editor = readEditorSettings({ toneStyle: 'new', nearDuplicateThreshold: 0.7, rules: { whitespace: 'hint', unicode: 'error' } }).values;
  const { config, problems } = mergeConfig(editor, { nearDuplicateThreshold: 0.95, rules: { whitespace: 'off' } }, '/c');
  assert.deepEqual(problems, []);
  assert.deepEqual(config.options, { ...DEFAULT_RULE_OPTIONS, toneStyle: 'new', nearDuplicateThreshold: 0.95 });
  assert.deepEqual(config.rules, { whitespace: 'off', unicode: 'error' });
  assert.equal(config.root, '/c');
});

test('the project file example in docs/rules/README.md is valid against the schema', () => {
  const doc = readFileSync('docs/rules/README.md', 'utf8');
  const i = doc.indexOf('## The project file');
  const m = /```json\n([\s\S]*?)\n```/.exec(doc.slice(i));
  assert.ok(m, 'an example');
  const example = JSON.parse(m[1]);
  assert.equal(projectFileSchema().safeParse(example).success, true);
  assert.deepEqual(readProjectSettings(example, 'x').problems, []);
  // and the schema refuses what the validation refuses
  assert.equal(projectFileSchema().safeParse({ ...example, nearDuplicateThreshold: 3 }).success, false);
  assert.equal(projectFileSchema().safeParse({ ...example, rules: { 'no-such-rule': 'off' } }).success, false);
});

test('the generated contributions and JSON schema come from the declarations (npm run generate)', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const props = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
  for (const s of SETTINGS.filter((x) => x.where !== 'project')) {
    const p = props[`corpusCurator.${s.key}`];
    assert.ok(p, `corpusCurator.${s.key} contributed`);
    assert.deepEqual(p.default, s.default, `${s.key}: default`);
  }
  const rules = props['corpusCurator.rules'].properties as Record<string, unknown>;
  assert.deepEqual(Object.keys(rules), RULES.map((r) => r.code));
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.corpus-curator.json', url: './schemas/corpus-curator.schema.json' }]);
  assert.deepEqual(JSON.parse(readFileSync('schemas/corpus-curator.schema.json', 'utf8')), JSON.parse(JSON.stringify(projectJsonSchema())));
  const nlsEn = JSON.parse(readFileSync('package.nls.json', 'utf8'));
  const nlsVi = JSON.parse(readFileSync('package.nls.vi.json', 'utf8'));
  for (const o of OPTION_DECLS) {
    assert.equal(nlsEn[`config.${o.decl.setting}`], o.decl.description);
    assert.ok(nlsVi[`config.${o.decl.setting}`] && nlsVi[`config.${o.decl.setting}`] !== o.decl.description, `${o.decl.setting}: Vietnamese`);
  }
});
