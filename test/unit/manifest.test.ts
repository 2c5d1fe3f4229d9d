// The extension manifest: workspace trust and virtual workspaces are declared (what works in
// Restricted Mode and in a virtual workspace), restricted settings exist, and every %key% of
// package.json has its English and Vietnamese string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const read = (name: string) => JSON.parse(readFileSync(path.join(process.cwd(), name), 'utf8'));
const pkg = read('package.json');

test('untrustedWorkspaces: limited, with a description and the settings a workspace may not set', () => {
  const u = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(u?.supported, 'limited');
  assert.match(u.description, /^%.+%$/);
  const declared = Object.keys(pkg.contributes.configuration.properties);
  assert.ok(u.restrictedConfigurations.includes('corpusCurator.useConfigAboveWorkspace'));
  for (const key of u.restrictedConfigurations) assert.ok(declared.includes(key), `${key} is a declared setting`);
});

test('virtualWorkspaces is declared with a description', () => {
  const v = pkg.capabilities?.virtualWorkspaces;
  assert.ok(v && (v.supported === false || v.supported === 'limited'));
  assert.match(v.description, /^%.+%$/);
});

test('useConfigAboveWorkspace: a boolean, off by default', () => {
  const s = pkg.contributes.configuration.properties['corpusCurator.useConfigAboveWorkspace'];
  assert.equal(s.type, 'boolean');
  assert.equal(s.default, false);
});

test('every %key% of package.json is in package.nls.json and package.nls.vi.json', () => {
  const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 10);
  for (const nls of ['package.nls.json', 'package.nls.vi.json']) {
    const strings = read(nls);
    for (const k of keys) assert.equal(typeof strings[k], 'string', `${k} in ${nls}`);
  }
});

test('packaging: an icon, a changelog, the walkthrough\'s images, the rule pages and the JSON schema exist and go into the .vsix', async () => {
  const { existsSync } = await import('node:fs');
  const { minimatch } = await import('minimatch');
  // .vscodeignore: everything out, then the listed patterns back in
  const rules = readFileSync('.vscodeignore', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const packaged = (file: string) => {
    let inside = true;
    for (const r of rules) {
      if (r.startsWith('!')) { if (minimatch(file, r.slice(1), { dot: true })) inside = true; } else if (minimatch(file, r, { dot: true })) inside = false;
    }
    return inside;
  };
  const needed = [
    pkg.icon as string,
    'CHANGELOG.md',
    'schemas/corpus-curator.schema.json',
    ...(pkg.contributes.walkthroughs as Array<{ steps: Array<{ media: { image: string } }> }>).flatMap((w) => w.steps.map((s) => s.media.image)),
    ...readFileSync('README.md', 'utf8').match(/docs\/screenshots\/[\w-]+\.png/g)!,
    'docs/rules/php-dump.md',
  ];
  for (const f of needed) {
    assert.ok(existsSync(f), `${f} exists`);
    assert.ok(packaged(f), `${f} goes into the .vsix`);
  }
  assert.match(pkg.icon, /\.png$/, 'the icon is a PNG (the marketplace takes no SVG)');
  assert.ok(!/baseContentUrl|baseImagesUrl/.test(pkg.scripts.package), 'relative links kept: the screenshots render offline');
});
