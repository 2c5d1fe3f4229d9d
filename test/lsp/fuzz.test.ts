// A bounded LSP fuzz over stdio. Each run opens a copy of a real article (seeds/, test/fixtures/real;
// or the seeds end to end, past the size analysed off the main thread)
// and plays a random sequence against one server: incremental didChange edits (1-3 ranges each) that
// insert astral characters (emoji, surrogate pairs), CR, LF, CRLF, NBSP, Vietnamese text and junk
// lines, or delete; interleaved with every request kind the server serves (documentSymbol,
// foldingRange, hover, codeAction, executeCommand corpusCurator.fixAll and cleanCorpusEdit, the
// corpus requests corpusSummary, articleProblems, markReviewed, reindex) and applied code actions
// (their edits, and fix-all's workspace/applyEdit, are applied to the test's copy and sent back as
// didChange, as an editor does). Checked: no request fails; every position answered lies inside
// the document of its version (never past a line's end, never inside a surrogate pair); the
// server's text equals the test's copy (cleanCorpusEdit's edit, made from the server's text,
// applied to the copy gives the engine's fix-all of the copy; the final diagnostics are the
// engine's findings of the copy).
//
// Default: CC_FUZZ_RUNS=20 runs of up to 30 steps (about 10 s). Replay a failure with the seed it
// prints: CC_FUZZ_SEED=<seed> node --test out/test/lsp/fuzz.test.js. A longer run:
// CC_FUZZ_RUNS=500 node --test out/test/lsp/fuzz.test.js (CC_FUZZ_STEPS sets the steps per run;
// CC_FUZZ_SHRINK=1 shrinks a failure to a shorter sequence).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  ApplyWorkspaceEditParams,
  CodeAction,
  Command,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { ROOT, seedPath, startServer, type LspClient } from './client';
import { ALL_SEEDS, editsFor, removeDir, tempCorpus } from './helpers';
import { fixAll } from '../../server/src/engine/fix';
import { analyze, CORPUS_RULE_CODES } from '../../server/src/engine/analyze';
import { OFF_THREAD_CHARS } from '../../server/src/lsp/offThread';

const RUNS = Number(process.env.CC_FUZZ_RUNS) > 0 ? Number(process.env.CC_FUZZ_RUNS) : 20;
const SEED = process.env.CC_FUZZ_SEED !== undefined && process.env.CC_FUZZ_SEED !== '' ? Number(process.env.CC_FUZZ_SEED) : Date.now() % 2 ** 31;
const STEPS = Number(process.env.CC_FUZZ_STEPS) > 0 ? Number(process.env.CC_FUZZ_STEPS) : 30;

const REAL = path.join(ROOT, 'test', 'fixtures', 'real');
const SOURCES = [...ALL_SEEDS.map((s) => seedPath(s)), path.join(REAL, 'c01_cafef.txt'), path.join(REAL, 'c03_nguoiduatin.txt'), 'big'];
/** 'big': the seeds one after another until past OFF_THREAD_CHARS (analysed off the main thread; code actions use shifted findings). */
function sourceText(source: string): string {
  if (source !== 'big') return readFileSync(source, 'utf8');
  let text = '';
  while (text.length <= OFF_THREAD_CHARS) for (const s of ALL_SEEDS) text += readFileSync(seedPath(s), 'utf8') + '\n';
  return text;
}

// ---- the test's copy and position checks -----------------------------------------------------------

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Moves an offset off the middle of a surrogate pair or of a CRLF (an editor never puts a cursor there). */
function snap(text: string, o: number): number {
  o = Math.max(0, Math.min(text.length, o));
  if (o > 0 && o < text.length) {
    const a = text.charCodeAt(o - 1);
    const b = text.charCodeAt(o);
    if ((isHigh(a) && isLow(b)) || (a === 13 && b === 10)) o--;
  }
  return o;
}

/** Lines of a text with their start offsets (LF, CRLF and CR end lines, as in LSP). */
function lineTable(text: string): Array<{ start: number; length: number }> {
  const out: Array<{ start: number; length: number }> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push({ start, length: i - start });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  out.push({ start, length: text.length - start });
  return out;
}

function checkPosition(text: string, p: Position, where: string): void {
  const lines = lineTable(text);
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0, `${where}: ${JSON.stringify(p)}`);
  assert.ok(p.line < lines.length, `${where}: line ${p.line} of ${lines.length}`);
  const l = lines[p.line];
  assert.ok(p.character <= l.length, `${where}: ${JSON.stringify(p)} past the end of the line (${l.length})`);
  const o = l.start + p.character;
  assert.ok(!(p.character > 0 && isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))), `${where}: ${JSON.stringify(p)} inside a surrogate pair`);
}

function checkRange(text: string, r: Range, where: string): void {
  checkPosition(text, r.start, where);
  checkPosition(text, r.end, where);
  const before = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  assert.ok(before, `${where}: start after end ${JSON.stringify(r)}`);
}

// ---- steps -------------------------------------------------------------------------------------------

const PIECES = [
  '😀', '👍🏽', '𝔘𝔫𝔦', '🇻🇳', '\u{1F600}\u{1F601}', 'a😀b',
  '\r', '\n', '\r\n', '\n\n', '\r\n\r\n', '\r\r', '\u00a0', ' \u00a0 ', '\t',
  'Hà Nội', 'Ảnh: Minh họa', 'Chia sẻ Facebook', 'Xem thêm:', 'TIN LIÊN QUAN', '  ', 'Array\n(\n    [0] => 1\n)\n',
  'ĐỖ TRỌNG', '14/03/2023 2:16:46', 'Theo VnExpress', '.', '\uFEFF',
];

type Step =
  | { kind: 'edit'; changes: Array<{ at: number; len: number; text: string }> }
  | { kind: 'symbols' | 'folding' | 'summary' | 'problems' | 'reindex' | 'echo' | 'fixAll' }
  | { kind: 'hover'; at: number }
  | { kind: 'codeAction'; at: number; len: number; pick: number; apply: boolean }
  | { kind: 'markReviewed'; reviewed: boolean };

const insertText = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { minLength: 0, maxLength: 4 }).map((xs) => xs.join(''));
const change = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 400 })), text: insertText });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('edit' as const), changes: fc.array(change, { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.constantFrom<Step>({ kind: 'symbols' }, { kind: 'folding' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hover' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('codeAction' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      len: fc.integer({ min: 0, max: 300 }),
      pick: fc.nat(),
      apply: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom<Step>({ kind: 'fixAll' }, { kind: 'echo' }, { kind: 'summary' }, { kind: 'problems' }, { kind: 'reindex' }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('markReviewed' as const), reviewed: fc.boolean() }) },
);

// ---- the run -----------------------------------------------------------------------------------------

let lsp: LspClient;
let dir: string;
let runNo = 0;

before(async () => {
  dir = tempCorpus();
  lsp = await startServer({ rootPath: dir });
});

after(async () => {
  try {
    const code = await lsp.stop(10_000);
    assert.equal(code, 0, `server exit code (stderr: ${lsp.stderr})`);
  } finally {
    lsp.kill();
    removeDir(dir);
  }
});

class Run {
  doc: TextDocument;
  readonly texts = new Map<number, string>();
  constructor(
    readonly uri: string,
    readonly file: string,
    text: string,
  ) {
    this.doc = TextDocument.create(uri, 'news-article', 1, text);
    this.texts.set(1, text);
  }
  get text(): string {
    return this.doc.getText();
  }
  offset(share: number): number {
    return snap(this.text, Math.floor(share * this.text.length));
  }
  /** Sends the changes (each relative to the text after the previous one) and applies them to the copy. */
  async change(changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = await lsp.change(this.uri, changes);
    this.doc = TextDocument.update(this.doc, changes, version);
    this.texts.set(version, this.text);
  }
  /** Applies the text edits an action or applyEdit made for this document, as an editor does. */
  async applyEdits(edits: TextEdit[], where: string): Promise<void> {
    if (edits.length === 0) return;
    for (const e of edits) checkRange(this.text, e.range, where);
    // from the end: each range stays valid for the text the previous changes leave
    const sorted = [...edits].sort((a, b) => this.doc.offsetAt(b.range.start) - this.doc.offsetAt(a.range.start));
    await this.change(sorted.map((e) => ({ range: e.range, text: e.newText })));
  }
  /** The version a WorkspaceEdit was made for (documentChanges), or undefined. */
  editVersion(edit: WorkspaceEdit | undefined): number | null | undefined {
    for (const dc of edit?.documentChanges ?? []) if ('textDocument' in dc && dc.textDocument.uri === this.uri) return dc.textDocument.version;
    return undefined;
  }
  /** Every diagnostics notification so far for this document, checked against the text of its version. */
  checkDiagnostics(): void {
    for (const n of lsp.notifications) {
      if (n.method !== 'textDocument/publishDiagnostics' || n.params.uri !== this.uri) continue;
      const p = n.params as PublishDiagnosticsParams;
      const text = p.version !== undefined ? this.texts.get(p.version) : undefined;
      if (text === undefined) continue;
      p.diagnostics.forEach((d, i) => {
        checkRange(text, d.range, `diagnostic ${i} (${d.code}) of version ${p.version}`);
        for (const r of d.relatedInformation ?? []) if (r.location.uri === this.uri) checkRange(text, r.location.range, `related of ${d.code}`);
      });
    }
  }
  currentDiagnostics(): Diagnostic[] {
    return lsp.diagnostics(this.uri) ?? [];
  }
}

async function play(run: Run, step: Step): Promise<void> {
  const where = `step ${step.kind}`;
  switch (step.kind) {
    case 'edit': {
      const changes: TextDocumentContentChangeEvent[] = [];
      // each change relative to the text after the ones before it
      // (TextDocument.update changes the document it is given: a scratch copy)
      const doc = TextDocument.create('scratch:', 'plaintext', 0, run.text);
      for (const c of step.changes) {
        const text = doc.getText();
        const a = snap(text, Math.floor(c.at * text.length));
        const b = snap(text, a + c.len);
        const ch = { range: { start: doc.positionAt(a), end: doc.positionAt(Math.max(a, b)) }, text: c.text };
        changes.push(ch);
        TextDocument.update(doc, [ch], doc.version + 1);
      }
      await run.change(changes);
      return;
    }
    case 'symbols': {
      const text = run.text;
      const syms = (await lsp.documentSymbols(run.uri)) as DocumentSymbol[] | null;
      const walk = (s: DocumentSymbol) => {
        checkRange(text, s.range, `${where} ${s.name}`);
        checkRange(text, s.selectionRange, `${where} ${s.name} selection`);
        s.children?.forEach(walk);
      };
      syms?.forEach(walk);
      return;
    }
    case 'folding': {
      const lines = lineTable(run.text).length;
      for (const f of ((await lsp.foldingRanges(run.uri)) ?? []) as FoldingRange[]) {
        assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines, `${where}: ${JSON.stringify(f)} of ${lines} lines`);
      }
      return;
    }
    case 'hover': {
      const text = run.text;
      const h: Hover | null = await lsp.hover(run.uri, run.doc.positionAt(run.offset(step.at)));
      if (h?.range) checkRange(text, h.range, where);
      return;
    }
    case 'codeAction': {
      const text = run.text;
      const a = run.offset(step.at);
      const range = { start: run.doc.positionAt(a), end: run.doc.positionAt(snap(text, a + step.len)) };
      const ov = (d: Diagnostic) => !(d.range.end.line < range.start.line || d.range.start.line > range.end.line);
      const actions = ((await lsp.codeActions(run.uri, range, { diagnostics: run.currentDiagnostics().filter(ov) })) ?? []) as Array<CodeAction | Command>;
      for (const act of actions) {
        if ('edit' in act && act.edit) for (const e of editsFor(act.edit, run.uri)) checkRange(text, e.range, `${where} "${act.title}"`);
      }
      if (!step.apply || actions.length === 0) return;
      const act = actions[step.pick % actions.length];
      if ('edit' in act && act.edit) {
        const onlyText = (act.edit.documentChanges ?? []).every((dc) => 'textDocument' in dc);
        const v = run.editVersion(act.edit);
        if (onlyText && (v === undefined || v === null || v === run.doc.version)) await run.applyEdits(editsFor(act.edit, run.uri), `${where} "${act.title}"`);
      } else if ('command' in act && typeof act.command === 'object' && act.command?.command === 'corpusCurator.fixAll') {
        await fixAllCommand(run, act.command.arguments ?? [run.uri]);
      }
      return;
    }
    case 'fixAll':
      await fixAllCommand(run, [run.uri]);
      return;
    case 'echo':
      await echo(run);
      return;
    case 'summary': {
      const s = await lsp.request<{ articles: unknown[] }>('corpusCurator/corpusSummary', {});
      assert.ok(Array.isArray(s.articles));
      return;
    }
    case 'problems':
      await lsp.request('corpusCurator/articleProblems', { uri: run.uri });
      return;
    case 'reindex':
      await lsp.request('corpusCurator/reindex', {});
      return;
    case 'markReviewed': {
      const r = await lsp.request<{ ok: boolean }>('corpusCurator/markReviewed', { uris: [run.uri], reviewed: step.reviewed });
      assert.equal(typeof r.ok, 'boolean');
      return;
    }
  }
}

/** corpusCurator.fixAll: the server sends workspace/applyEdit; the test applies it and says so. */
async function fixAllCommand(run: Run, args: unknown[]): Promise<void> {
  const before = lsp.appliedEdits.length;
  const version = run.doc.version;
  await lsp.executeCommand('corpusCurator.fixAll', args);
  const applied: ApplyWorkspaceEditParams | undefined = lsp.appliedEdits.slice(before).at(-1);
  if (!applied) return;
  const v = run.editVersion(applied.edit);
  assert.ok(v === undefined || v === null || v === version, `fixAll edit for version ${v}, document at ${version}`);
  await run.applyEdits(editsFor(applied.edit, run.uri), 'fixAll applyEdit');
}

/** The server's text equals the copy: its clean-up edit (made from its text) turns the copy into the engine's fix-all of it. */
async function echo(run: Run): Promise<void> {
  const text = run.text;
  const res = await lsp.executeCommand<{ edit: WorkspaceEdit }>('corpusCurator.cleanCorpusEdit', [[run.uri]]);
  const edits = editsFor(res.edit, run.uri);
  for (const e of edits) checkRange(text, e.range, 'cleanCorpusEdit');
  const got = TextDocument.applyEdits(TextDocument.create('x:y', 'plaintext', 0, text), edits);
  assert.equal(got, fixAll(text, { file: run.file }).text, 'cleanCorpusEdit applied to the copy is the fix-all of the copy');
}

test(`LSP fuzz: ${RUNS} runs of up to ${STEPS} steps (CC_FUZZ_SEED=${SEED})`, { timeout: 30 * 60_000 }, async () => {
  console.log(`LSP fuzz seed ${SEED} (replay: CC_FUZZ_SEED=${SEED}), runs ${RUNS}`);
  try {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SOURCES), fc.constantFrom('\n', '\r\n', '\r', 'mixed'), fc.array(stepArb, { maxLength: STEPS }), async (source, eol, steps) => {
        const name = `run-${++runNo}.txt`;
        const file = path.join(dir, name);
        writeFileSync(file, sourceText(source));
        let text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
        if (eol === 'mixed') text = text.split('\n').map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : '\n')).join('');
        else text = text.split('\n').join(eol);
        const run = new Run(pathToFileURL(file).href, file, text);
        await lsp.open(run.uri, text);
        try {
          for (const [i, step] of steps.entries()) {
            try {
              await play(run, step);
            } catch (e) {
              (e as Error).message = `step ${i} ${JSON.stringify(step)}: ${(e as Error).message}`;
              throw e;
            }
          }
          // the final diagnostics: published for the last version, inside it, the engine's findings of the copy
          const final = await lsp.waitForDiagnostics(run.uri, (p) => p.version === run.doc.version, 10_000);
          run.checkDiagnostics();
          const perFile = (codes: string[]) => codes.filter((c) => !CORPUS_RULE_CODES.has(c)).sort();
          assert.deepEqual(
            perFile(final.diagnostics.map((d) => String(d.code))),
            perFile(analyze(run.text, { file }).findings.map((f) => f.code)),
            'the final diagnostics are the findings of the copy',
          );
          await echo(run);
        } finally {
          await lsp.close(run.uri);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: !process.env.CC_FUZZ_SHRINK },
    );
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    (e as Error).message = `LSP fuzz failed; replay with CC_FUZZ_SEED=${SEED} CC_FUZZ_RUNS=${RUNS}\n${(e as Error).message}${cause ? `\nCause: ${(cause as Error)?.stack ?? cause}` : ''}`;
    throw e;
  }
  // nothing went wrong inside the server either (handlers log their failures as errors)
  const logged = lsp.notifications.filter((n) => n.method === 'window/logMessage' && n.params.type === 1).map((n) => String(n.params.message));
  assert.deepEqual(logged, [], 'errors the server logged');
});
