// Push diagnostics over stdio: what the editor shows for the seeds, ranges on CRLF/BOM documents,
// severities from settings, the project file (ignores, broken file), debouncing and clean-up.
// Rules are being added to the registry over time: checks on a rule's findings run when it is registered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { readSeed, seedUri, startServer, type LspClient } from './client';
import {
  ALL_SEEDS,
  applyTextEdits,
  assertRangesInside,
  editsFor,
  onLines,
  registered,
  registeredCodes,
  removeDir,
  SEED0,
  SEED1,
  SEED3,
  tempCorpus,
} from './helpers';
import { analyze } from '../../server/src/engine/analyze';
import { ruleDocsUrl } from '../../server/src/engine/docs';

const memUri = (name: string) => `untitled:${name}`;
const byCode = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

async function openAndWait(lsp: LspClient, uri: string, text: string): Promise<Diagnostic[]> {
  const since = lsp.notifications.length;
  await lsp.open(uri, text);
  return (await lsp.waitForDiagnostics(uri, () => true, 5000, since)).diagnostics;
}

function assertDiagnosticShape(d: Diagnostic, where: string): void {
  assert.equal(d.source, 'corpus-curator', `${where}: source`);
  assert.equal(typeof d.code, 'string', `${where}: code`);
  assert.equal(d.codeDescription?.href, ruleDocsUrl(String(d.code)), `${where}: codeDescription`);
  assert.ok(d.severity && d.severity >= 1 && d.severity <= 4, `${where}: severity`);
  assert.ok(typeof d.message === 'string' && d.message.trim().length > 0, `${where}: message`);
  assert.ok(d.data && typeof (d.data as { v: number }).v === 'number', `${where}: data for code actions`);
}

describe('publishDiagnostics (VS Code-like client)', () => {
  let lsp: LspClient;
  before(async () => {
    lsp = await startServer();
  });
  after(async () => {
    if (lsp.proc.exitCode === null) {
      const code = await lsp.stop().catch(() => null);
      lsp.kill();
      assert.equal(code, 0, `server exit code (stderr: ${lsp.stderr})`);
    }
  });

  test('initialize advertises code actions (quickfix, source.fixAll) and the commands', async () => {
    const caps = lsp.initializeResult.capabilities;
    const ca = caps.codeActionProvider;
    assert.ok(ca && typeof ca === 'object', 'codeActionProvider with options');
    assert.deepEqual(
      [...(ca.codeActionKinds ?? [])].sort(),
      [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, 'source.fixAll.corpus-curator', 'source.corpus-curator.fixAllUnsafe'].sort(),
    );
    assert.deepEqual(
      [...(caps.executeCommandProvider?.commands ?? [])].sort(),
      ['corpusCurator.cleanCorpusEdit', 'corpusCurator.fixAll', 'corpusCurator.ignoreFinding', 'corpusCurator.ignoredFindings', 'corpusCurator.unignoreFinding', 'corpusCurator.writeSidecar'],
    );
    const watches = () =>
      lsp.serverRequests.some((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('.corpus-curator.json'));
    for (let i = 0; i < 50 && !watches(); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(watches(), 'watches the project file');
  });

  test('every seed: well-formed diagnostics matching the engine, one per finding', async () => {
    for (const name of ALL_SEEDS) {
      const text = readSeed(name);
      const uri = seedUri(name);
      const diags = await openAndWait(lsp, uri, text);
      const expected = analyze(text, { file: path.join(process.cwd(), 'seeds', name) }).findings;
      assert.equal(diags.length, expected.length, `${name}: one diagnostic per finding`);
      assert.deepEqual(
        diags.map((d) => d.code),
        expected.map((f) => f.code),
        `${name}: same codes in the same order`,
      );
      diags.forEach((d, i) => assertDiagnosticShape(d, `${name}#${i}`));
      assertRangesInside(diags, text, (m) => assert.fail(`${name}: ${m}`));
      const pub = lsp.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).at(-1)!
        .params as PublishDiagnosticsParams;
      assert.equal(pub.version, 1, `${name}: published for the document version`);
    }
  });

  test('seed 000: the PHP dump on lines 54-160 is a faded warning with its docs link', { skip: !registered('php-dump') }, () => {
    const diags = lsp.diagnostics(seedUri(SEED0)) ?? [];
    const dumps = byCode(diags, 'php-dump');
    const first = dumps.find((d) => d.range.start.line === 53);
    assert.ok(first, `php-dump starting on line 54: ${JSON.stringify(dumps.map((d) => d.range))}`);
    assert.ok(onLines(first.range, 53, 159), JSON.stringify(first.range));
    assert.equal(first.range.start.character, 0);
    assert.equal(first.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(first.tags, [DiagnosticTag.Unnecessary]);
    assert.equal(first.codeDescription?.href, ruleDocsUrl('php-dump'));
    assert.match(first.codeDescription!.href, /php-dump\.md$/);
    assert.ok(dumps.some((d) => d.range.start.line === 160), 'the second dump (line 161)');
  });

  test('seed 003: duplicate paragraph on line 18 points at its original on line 17', { skip: !registered('duplicate-paragraph') }, () => {
    const uri = seedUri(SEED3);
    const dup = byCode(lsp.diagnostics(uri) ?? [], 'duplicate-paragraph').find((d) => d.range.start.line === 17);
    assert.ok(dup, 'duplicate-paragraph on line 18');
    assert.deepEqual(dup.tags, [DiagnosticTag.Unnecessary]);
    const rel = dup.relatedInformation ?? [];
    assert.ok(rel.length >= 1, 'relatedInformation');
    assert.ok(
      rel.some((r) => r.location.uri === uri && r.location.range.start.line === 16),
      `related location on line 17 of the same document: ${JSON.stringify(rel)}`,
    );
  });

  test('seed 003: its nine NBSP-only lines are one diagnostic on the first, the others related, one fix emptying exactly them', { skip: !registered('whitespace') }, async () => {
    const uri = seedUri(SEED3);
    const text = readSeed(SEED3);
    const lines = text.split(/\r?\n/);
    const nbspOnly = lines.flatMap((l, i) => (l.length > 0 && /^[\u00A0 ]+$/.test(l) ? [i] : []));
    const grouped = byCode(lsp.diagnostics(uri) ?? [], 'whitespace').filter((d) => /lines hold only/.test(String(d.message)));
    assert.equal(grouped.length, 1, JSON.stringify(grouped));
    const d = grouped[0];
    assert.equal(d.message, '9 lines hold only NBSP');
    assert.deepEqual(d.range, { start: { line: 10, character: 0 }, end: { line: 10, character: lines[10].length } });
    assert.equal(byCode(lsp.diagnostics(uri) ?? [], 'whitespace').filter((x) => /^Line holds only/.test(String(x.message))).length, 0);
    const related = (d.relatedInformation ?? []).map((r) => r.location.range.start.line);
    // the first of them is the diagnostic; a run's second line goes with the run's collapse
    for (const l of related) assert.ok(nbspOnly.includes(l), `related line ${l + 1} holds only NBSP`);
    assert.equal(related.length, 8);
    const actions = (await lsp.codeActions(uri, d.range, { diagnostics: [d], triggerKind: 1 })) as Array<{ title: string; edit?: unknown }>;
    const fix = actions.find((a) => a.title === 'Make the 9 lines empty');
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    const edits = editsFor(fix.edit as never, uri);
    assert.equal(edits.length, 9);
    const fixed = applyTextEdits(text, edits).split(/\r?\n/);
    assert.equal(fixed.length, lines.length);
    for (let i = 0; i < lines.length; i++) {
      if ([10, ...related].includes(i)) assert.equal(fixed[i], '', `line ${i + 1} emptied`);
      else assert.equal(fixed[i], lines[i], `line ${i + 1} unchanged`);
    }
  });

  test('seed 003: trailing whitespace on line 13 is not faded', { skip: !registered('whitespace') }, () => {
    const ws = byCode(lsp.diagnostics(seedUri(SEED3)) ?? [], 'whitespace').find((d) => d.range.start.line === 12);
    assert.ok(ws, 'whitespace on line 13');
    assert.equal(ws.tags, undefined);
  });

  test('CRLF and BOM documents: same findings, ranges never split a line ending, BOM column counted', async () => {
    const lf = readSeed(SEED0);
    const crlf = lf.replace(/\r?\n/g, '\r\n');
    const lfDiags = await openAndWait(lsp, memUri('lf-000.txt'), lf);
    const crlfDiags = await openAndWait(lsp, memUri('crlf-000.txt'), crlf);
    assertRangesInside(crlfDiags, crlf, (m) => assert.fail(`CRLF: ${m}`));
    const strip = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, range: d.range, severity: d.severity }));
    assert.deepEqual(strip(crlfDiags), strip(lfDiags), 'same ranges as the LF document');

    const seed1 = readSeed(SEED1);
    const plain = await openAndWait(lsp, memUri('plain-001.txt'), seed1);
    const bom = await openAndWait(lsp, memUri('bom-001.txt'), '\uFEFF' + seed1);
    const shift = (d: Diagnostic) => {
      const p = (x: Diagnostic['range']['start']) => (x.line === 0 ? { line: 0, character: x.character + 1 } : x);
      return { code: d.code, range: { start: p(d.range.start), end: p(d.range.end) } };
    };
    assert.deepEqual(
      bom.map((d) => ({ code: d.code, range: d.range })),
      plain.map(shift),
      'only line 0 columns move, by one',
    );
    assertRangesInside(bom, '\uFEFF' + seed1, (m) => assert.fail(`BOM: ${m}`));
  });

  test('a burst of changes is debounced: only the latest version is published', async () => {
    const uri = memUri('burst-000.txt');
    const text = readSeed(SEED0);
    await openAndWait(lsp, uri, text);
    const since = lsp.notifications.length;
    let version = 1;
    for (let i = 0; i < 6; i++) {
      version = await lsp.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    }
    const pub = await lsp.waitForDiagnostics(uri, () => true, 5000, since);
    assert.equal(pub.version, version, 'the first publication after the burst is for the last version');
    await new Promise((r) => setTimeout(r, 400));
    const later = lsp.notifications.slice(since).filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
    assert.equal(later.length, 1, 'published once for the burst');
    // closing clears the document's diagnostics
    const beforeClose = lsp.notifications.length;
    await lsp.close(uri);
    const cleared = await lsp.waitForDiagnostics(uri, () => true, 5000, beforeClose);
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('empty, whitespace-only and NUL documents publish without crashing', async () => {
    for (const [name, text] of [
      ['empty', ''],
      ['ws', ' \n\t\n\u00a0\n'],
      ['nul', 'Tiêu đề\u0000\n\n\u0000\u0000 đoạn\n'],
    ] as const) {
      const diags = await openAndWait(lsp, memUri(`odd-${name}.txt`), text);
      assertRangesInside(diags, text, (m) => assert.fail(`${name}: ${m}`));
    }
  });
});

describe('settings and the project file', () => {
  test('severity override and "off" from corpusCurator.rules; all rules off gives no diagnostics', { skip: !registered('php-dump') }, async () => {
    const lsp = await startServer({ settings: { rules: { 'php-dump': 'error' } } });
    try {
      const uri = seedUri(SEED0);
      const diags = await openAndWait(lsp, uri, readSeed(SEED0));
      const dumps = byCode(diags, 'php-dump');
      assert.ok(dumps.length >= 2);
      assert.ok(dumps.every((d) => d.severity === DiagnosticSeverity.Error), 'php-dump as error');

      let since = lsp.notifications.length;
      lsp.setSettings({ rules: { 'php-dump': 'off' } });
      let pub = await lsp.waitForDiagnostics(uri, () => true, 5000, since);
      assert.equal(byCode(pub.diagnostics, 'php-dump').length, 0, 'php-dump off');
      assert.ok(pub.diagnostics.length > 0 || registeredCodes().length === 1, 'other rules still report');

      since = lsp.notifications.length;
      lsp.setSettings({ rules: Object.fromEntries(registeredCodes().map((c) => [c, 'off'])) });
      pub = await lsp.waitForDiagnostics(uri, () => true, 5000, since);
      assert.deepEqual(pub.diagnostics, [], 'no rule enabled: no diagnostics');

      since = lsp.notifications.length;
      lsp.setSettings({ rules: { 'php-dump': 'hint', nonsense: 'loud' } });
      pub = await lsp.waitForDiagnostics(uri, () => true, 5000, since);
      assert.ok(byCode(pub.diagnostics, 'php-dump').every((d) => d.severity === DiagnosticSeverity.Hint));
      const warn = await lsp.waitForNotification((n) => n.method === 'window/showMessage' && /nonsense/.test(n.params.message));
      assert.equal(warn.params.type, 2, 'an invalid severity is reported once as a warning');
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
    }
  });

  test('.corpus-curator.json: rules and ignore entries apply; changes are picked up; a broken file warns once', { skip: !registered('php-dump') }, async () => {
    const dir = tempCorpus([SEED0]);
    const file = path.join(dir, SEED0);
    const uri = pathToFileURL(file).href;
    const text = readSeed(SEED0);
    const findings = analyze(text, { file }).findings.filter((f) => f.code === 'php-dump');
    assert.ok(findings.length >= 2);
    const projectFile = path.join(dir, '.corpus-curator.json');
    writeFileSync(projectFile, JSON.stringify({ ignore: [{ file: SEED0, code: 'php-dump', hash: findings[0].hash }] }, null, 2));
    const lsp = await startServer({ rootPath: dir });
    try {
      let diags = await openAndWait(lsp, uri, text);
      assert.equal(byCode(diags, 'php-dump').length, findings.length - 1, 'the ignored dump is not reported');
      assert.ok(!byCode(diags, 'php-dump').some((d) => d.range.start.line === 53), 'the first dump is the ignored one');

      // the project file changes: the client's file watcher reports it
      writeFileSync(projectFile, JSON.stringify({ rules: { 'php-dump': 'error' } }));
      let since = lsp.notifications.length;
      await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(projectFile).href, type: 2 }] });
      diags = (await lsp.waitForDiagnostics(uri, () => true, 5000, since)).diagnostics;
      assert.equal(byCode(diags, 'php-dump').length, findings.length, 'no ignores any more');
      assert.ok(byCode(diags, 'php-dump').every((d) => d.severity === DiagnosticSeverity.Error), 'project severity');

      // broken JSON: one warning, diagnostics with the editor settings only, no crash
      writeFileSync(projectFile, '{ "rules": { "php-dump": "error" ');
      since = lsp.notifications.length;
      await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(projectFile).href, type: 2 }] });
      diags = (await lsp.waitForDiagnostics(uri, () => true, 5000, since)).diagnostics;
      assert.ok(byCode(diags, 'php-dump').every((d) => d.severity === DiagnosticSeverity.Warning), 'defaults again');
      await lsp.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
      await lsp.waitForDiagnostics(uri, (p) => p.version === 2, 5000, since);
      const warnings = lsp.notifications.filter((n) => n.method === 'window/showMessage' && n.params.message.includes('.corpus-curator.json'));
      assert.equal(warnings.length, 1, `one warning: ${JSON.stringify(warnings)}`);
      assert.equal(warnings[0].params.type, 2);
      assert.match(warnings[0].params.message, /not valid JSON/);

      // no watcher needed: a change on disk is noticed by mtime at the next validation
      writeFileSync(projectFile, JSON.stringify({ rules: { 'php-dump': 'off' } }) + '\n\n');
      since = lsp.notifications.length;
      await lsp.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }]);
      diags = (await lsp.waitForDiagnostics(uri, () => true, 5000, since)).diagnostics;
      assert.equal(byCode(diags, 'php-dump').length, 0, 're-read by mtime');
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
      removeDir(dir);
    }
  });

  test('a document over maxFileSize publishes empty diagnostics', async () => {
    const lsp = await startServer({ settings: { maxFileSize: 1000 } });
    try {
      const uri = seedUri(SEED0);
      const diags = await openAndWait(lsp, uri, readSeed(SEED0));
      assert.deepEqual(diags, []);
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
    }
  });

  test('a client without workspace/configuration or dataSupport still gets diagnostics', async () => {
    const lsp = await startServer({ capabilities: { textDocument: { publishDiagnostics: {} } } });
    try {
      const text = readSeed(SEED0);
      const diags = await openAndWait(lsp, memUri('plain-client.txt'), text);
      assert.equal(diags.length, analyze(text).findings.length);
      assert.equal(await lsp.stop(), 0);
    } finally {
      lsp.kill();
    }
  });
});
