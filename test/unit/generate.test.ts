// `npm run generate -- --check` (run by npm test) fails on drift: a generated file edited by hand, or
// a setting whose Vietnamese is missing; `npm run generate` repairs what it can.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../server/src/testing/tempDir';

const GENERATE = path.resolve('out/scripts/generate.js');

function copyProject(): string {
  const dir = tempDir('cc-gen-');
  for (const f of ['package.json', 'package.nls.json', 'package.nls.vi.json', 'README.md', 'l10n', 'schemas', 'docs/rules']) {
    cpSync(f, path.join(dir, f), { recursive: true });
  }
  return dir;
}

function generate(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [GENERATE, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('generate --check passes on the committed files and names each one edited by hand', () => {
  const dir = copyProject();
  try {
    assert.equal(generate(dir, '--check').code, 0, 'the committed generated files are up to date');
    const doc = path.join(dir, 'docs/rules/related.md');
    writeFileSync(doc, readFileSync(doc, 'utf8').replace('| Default severity | warning |', '| Default severity | error |'));
    const pkgFile = path.join(dir, 'package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    pkg.contributes.configuration.properties['corpusCurator.nearDuplicateThreshold'].default = 0.5;
    writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
    const stale = generate(dir, '--check');
    assert.equal(stale.code, 1);
    assert.match(stale.err, /out of date.*package\.json/);
    assert.match(stale.err, /docs\/rules\/related\.md/);
    assert.equal(readFileSync(doc, 'utf8').includes('| Default severity | error |'), true, '--check writes nothing');
    // generate repairs them; the hand-written prose below the header is kept
    const prose = readFileSync(doc, 'utf8').split('<!-- end of the generated part')[1];
    assert.equal(generate(dir).code, 0);
    assert.equal(generate(dir, '--check').code, 0);
    assert.equal(readFileSync(doc, 'utf8').split('<!-- end of the generated part')[1], prose);
    assert.equal(JSON.parse(readFileSync(pkgFile, 'utf8')).contributes.configuration.properties['corpusCurator.nearDuplicateThreshold'].default, 0.8);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a setting without its Vietnamese text fails generate, naming it', () => {
  const dir = copyProject();
  try {
    const bundleFile = path.join(dir, 'l10n/bundle.l10n.vi.json');
    const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as Record<string, string>;
    const key = Object.keys(bundle).find((k) => k.startsWith('Where tone marks go'));
    assert.ok(key);
    delete bundle[key];
    writeFileSync(bundleFile, JSON.stringify(bundle, null, 2));
    const r = generate(dir, '--check');
    assert.equal(r.code, 1);
    assert.match(r.err, /no Vietnamese for the setting text "Where tone marks go.*\(config\.toneStyle\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
