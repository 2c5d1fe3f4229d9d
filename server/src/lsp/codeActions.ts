// Code actions: a quick fix per Fix of a finding, "fix all <code> problems in this file", "ignore
// this finding", and the source.fixAll action (editor.codeActionsOnSave).
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  Diagnostic,
  Range,
  TextDocumentEdit,
  TextEdit,
  type CodeActionParams,
} from 'vscode-languageserver';
import type { Config } from '../engine/config';
import { fixAll, selectFixes } from '../engine/fix';
import type { Finding, Fix } from '../rules/types';
import { fileUri, isDiagnosticData, SOURCE, toTextEdits, type PositionMapper } from './convert';
import { documentEdit, minimalEdits, offsetEditsToTextEdits, spanEdit, type EditSupport } from './edits';
import { t } from './l10n';
import { sidecarContent, sidecarPath } from './sidecar';
import type { InWorkspace } from './workspace';
import { ClientCommands, ServerCommands } from '../protocol';

export const FIX_ALL_KIND = 'source.fixAll.corpus-curator';
/**
 * Fix-all with the unsafe fixes too: a source action outside source.fixAll, so that fix on save
 * (editor.codeActionsOnSave: source.fixAll…) never applies a judgement call.
 */
export const FIX_ALL_UNSAFE_KIND = 'source.corpus-curator.fixAllUnsafe';

/** The server's commands (protocol.ts). */
export const COMMANDS = ServerCommands;

/** The analysed state of an open document that code actions and commands work from. */
export interface DocState {
  uri: string;
  version: number;
  /** The document text (BOM included). */
  text: string;
  /** Absolute path for file: documents. */
  file?: string;
  config: Config;
  map: PositionMapper;
  findings: Finding[];
  /**
   * The findings are the last analysis's, moved past an edit not analysed yet (shift.ts): those
   * the edit touched are missing, so no fix-all over them is offered.
   */
  partial?: boolean;
}

export interface ActionEnv {
  support: EditSupport;
  /** The client shows disabled actions with a reason (codeAction.disabledSupport). */
  disabledSupport: boolean;
  /**
   * The workspace is trusted: false in VS Code's Restricted Mode, where no action that writes a file
   * (a sidecar, the project file) and no source.fixAll (fix on save) is offered. Default true.
   */
  trusted?: boolean;
  /** Is the article inside a workspace folder (real paths)? Sidecars are written only there. Default: yes. */
  inWorkspace?(file: string): Promise<InWorkspace>;
  /**
   * The client runs Corpus Curator's own commands (initializationOptions.clientCommands, sent by
   * the VS Code extension): "Disable rule X in this workspace" and "Show documentation for X" are
   * offered then.
   */
  clientCommands?: boolean;
}

/** The flagged text in short, for an action's title: its first line, at most 40 characters. */
function flaggedInShort(state: DocState, f: Finding): string {
  const raw = state.text.slice(state.map.bomShift + f.start, state.map.bomShift + f.end);
  const line = raw.split(/\r\n|\r|\n/).map((l) => l.replace(/\s+/g, ' ').trim()).find((l) => l !== '') ?? '';
  return line.length <= 40 ? line : `${line.slice(0, 39)}…`;
}

/**
 * Arguments of corpusCurator.writeSidecar: which finding of which document version. The server
 * derives everything else from the article itself: the sidecar's path (beside the article, named
 * by the rule), its content, and the article edit. A client-supplied path is not accepted.
 */
export interface WriteSidecarArgs {
  /** The article's document URI and the version the action was computed for. */
  uri: string;
  version: number;
  /** The finding: its code, hash and range (UTF-16 offsets into the article text). */
  code: string;
  hash?: string;
  start: number;
  end: number;
}

/** Arguments of corpusCurator.ignoreFinding. */
export interface IgnoreFindingArgs {
  uri: string;
  code: string;
  hash: string;
}

function kindWanted(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function rangeEquals(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The finding a diagnostic (as the client sends it back) stands for in the current analysis. */
export function findingForDiagnostic(state: DocState, d: Diagnostic): Finding | undefined {
  if (d.source !== SOURCE) return undefined;
  const data = d.data;
  if (isDiagnosticData(data) && data.v === state.version) {
    const f = state.findings[data.i];
    if (f && f.code === d.code && (!data.h || f.hash === data.h)) return f;
  }
  const hash = isDiagnosticData(data) ? data.h : undefined;
  const same = state.findings.filter((f) => f.code === d.code && (!hash || f.hash === hash));
  return (
    same.find((f) => rangeEquals(state.map.drawnRange(f), d.range)) ??
    same.find((f) => overlaps(state.map.drawnRange(f), d.range))
  );
}

/** The sidecar of a fix for an article on disk: its path, derived from the article, or why there is none. */
export async function sidecarTarget(
  file: string,
  fix: Fix,
  inWorkspace: ActionEnv['inWorkspace'],
): Promise<{ ok: true; target: string } | { ok: false; reason: string }> {
  const sc = fix.sidecar;
  const target = sc ? sidecarPath(file, sc.fileName) : undefined;
  if (!target) return { ok: false, reason: t('no sidecar beside {0}', path.basename(file)) };
  const inside = inWorkspace ? await inWorkspace(file) : ({ ok: true } as const);
  if (!inside.ok) return { ok: false, reason: t('sidecars are written only beside articles inside a workspace folder ({0})', inside.reason) };
  return { ok: true, target };
}

async function sidecarAction(state: DocState, fix: Fix, f: Finding, diag: Diagnostic, env: ActionEnv): Promise<CodeAction | undefined> {
  const sc = fix.sidecar;
  if (!sc || !state.file) return undefined; // an unsaved document has no folder to put the sidecar in
  if (env.trusted === false) return undefined; // Restricted Mode: nothing that writes files
  // Without applyEdit the article edit would have to travel with the action and be applied before
  // the command writes the sidecar: the dump could go with its records nowhere. Not offered.
  if (!env.support.create && !env.support.applyEdit) return undefined;
  const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
  action.diagnostics = [diag];
  const disabled = (reason: string): CodeAction | undefined => {
    if (!env.disabledSupport) return undefined;
    action.disabled = { reason };
    return action;
  };
  const where = await sidecarTarget(state.file, fix, env.inWorkspace);
  if (!where.ok) return disabled(where.reason);
  const target = where.target;
  // (read without following links: a sidecar path that is a link or not a regular file is refused)
  const content = await sidecarContent(target, sc.json);
  if (!content.ok) return disabled(t('{0} cannot be updated: {1}', path.basename(target), content.reason));
  if (env.support.create) {
    const uri = fileUri(target);
    // the sidecar first, then the article: the records are on disk before the dump goes
    action.edit = {
      documentChanges: [
        CreateFile.create(uri, { overwrite: true }),
        TextDocumentEdit.create({ uri, version: null }, [TextEdit.insert({ line: 0, character: 0 }, content.text)]),
        TextDocumentEdit.create({ uri: state.uri, version: state.version }, toTextEdits(fix, state.map)),
      ],
    };
    return action;
  }
  // No file creation in workspace edits: the server writes the sidecar atomically, then asks the
  // client to apply the article edit.
  const args: WriteSidecarArgs = { uri: state.uri, version: state.version, code: f.code, start: f.start, end: f.end };
  if (f.hash) args.hash = f.hash;
  action.command = { title: fix.title, command: COMMANDS.writeSidecar, arguments: [args] };
  return action;
}

/**
 * The whole-document fix-all as text edits (empty when nothing is fixable): minimal ones, or with
 * `whole` one edit from the first change to the last, so that what is applied is all of `applied`
 * or none of it (Clean Corpus: the refactor preview lets the user tick each change, and the
 * fixes of a file cannot be told apart once fix-all has merged its passes into one text).
 */
export function fixAllEdits(
  text: string,
  file: string | undefined,
  config: Config,
  unsafe = false,
  only?: ReadonlySet<string>,
  whole = false,
): { edits: TextEdit[]; applied: Record<string, number> } {
  const res = fixAll(text, { file, config, unsafe, ...(only ? { only } : {}) });
  if (res.text === text) return { edits: [], applied: res.applied };
  return { edits: offsetEditsToTextEdits(text, whole ? spanEdit(text, res.text) : minimalEdits(text, res.text)), applied: res.applied };
}

export async function codeActions(state: DocState, params: CodeActionParams, env: ActionEnv): Promise<CodeAction[]> {
  const only = params.context.only;
  const out: CodeAction[] = [];
  if (kindWanted(only, CodeActionKind.QuickFix)) {
    const fixAllDone = new Set<string>();
    const ignoreDone = new Set<Finding>();
    const ruleDone = new Set<string>();
    for (const diag of params.context.diagnostics) {
      const f = findingForDiagnostic(state, diag);
      if (!f) continue;
      for (let k = 0; k < f.fixes.length; k++) {
        const fix = f.fixes[k];
        if (fix.edits.length === 0 && !fix.sidecar) continue;
        let action: CodeAction | undefined;
        if (fix.sidecar) action = await sidecarAction(state, fix, f, diag, env);
        else {
          // an unsafe fix says so in its title: a judgement call, never applied by fix-all
          const title = fix.applicability === 'unsafe' ? t('{0} (unsafe fix)', fix.title) : fix.title;
          action = CodeAction.create(title, documentEdit(state.uri, state.version, toTextEdits(fix, state.map), env.support), CodeActionKind.QuickFix);
          action.diagnostics = [diag];
        }
        if (!action) continue;
        if (k === 0 && fix.applicability !== 'unsafe') action.isPreferred = true;
        out.push(action);
      }
      if (!fixAllDone.has(f.code) && !state.partial) {
        fixAllDone.add(f.code);
        const sameCode = state.findings.filter((x) => x.code === f.code);
        const picked = selectFixes(sameCode);
        if (picked.length > 1) {
          const edits = picked.flatMap((p) => toTextEdits(p.fix, state.map));
          const action = CodeAction.create(
            t('Fix all {0} problems in this file', f.code),
            documentEdit(state.uri, state.version, edits, env.support),
            CodeActionKind.QuickFix,
          );
          action.diagnostics = params.context.diagnostics.filter((d) => d.source === SOURCE && d.code === f.code);
          out.push(action);
        }
      }
      if (state.file && f.hash && env.trusted !== false && !ignoreDone.has(f)) {
        ignoreDone.add(f);
        const args: IgnoreFindingArgs = { uri: state.uri, code: f.code, hash: f.hash };
        // named by what it ignores: the rule and the flagged text (two findings at the cursor are two entries)
        const shown = flaggedInShort(state, f);
        const title = shown ? t('Ignore {0} “{1}” in this file', f.code, shown) : t('Ignore this {0} finding in this file', f.code);
        const action = CodeAction.create(title, { title, command: COMMANDS.ignoreFinding, arguments: [args] }, CodeActionKind.QuickFix);
        action.diagnostics = [diag];
        out.push(action);
      }
      if (env.clientCommands && !ruleDone.has(f.code)) {
        ruleDone.add(f.code);
        const off = t('Disable rule {0} in this workspace', f.code);
        const disable = CodeAction.create(off, { title: off, command: ClientCommands.disableRule, arguments: [f.code] }, CodeActionKind.QuickFix);
        disable.diagnostics = [diag];
        const docs = t('Show documentation for {0}', f.code);
        const show = CodeAction.create(docs, { title: docs, command: ClientCommands.showRuleDocs, arguments: [f.code] }, CodeActionKind.QuickFix);
        show.diagnostics = [diag];
        out.push(disable, show);
      }
    }
  }
  // Computed only when asked for (Source Action menu, codeActionsOnSave): it re-analyses the text.
  // Not in Restricted Mode: fix on save (editor.codeActionsOnSave) would change files unasked.
  let safe: TextEdit[] | undefined;
  if (only && kindWanted(only, FIX_ALL_KIND) && env.trusted !== false) {
    const { edits } = fixAllEdits(state.text, state.file, state.config);
    safe = edits;
    if (edits.length > 0) {
      out.push(CodeAction.create(t('Fix all Corpus Curator problems'), documentEdit(state.uri, state.version, edits, env.support), FIX_ALL_KIND));
    }
  }
  // asked for by name, or from the Source Action menu (only: ['source']); never on save
  if (only && only.some((o) => o === CodeActionKind.Source || o === FIX_ALL_UNSAFE_KIND) && env.trusted !== false) {
    safe ??= fixAllEdits(state.text, state.file, state.config).edits;
    const { edits } = fixAllEdits(state.text, state.file, state.config, true);
    // offered only when it does more than the safe fix-all
    if (edits.length > 0 && JSON.stringify(edits) !== JSON.stringify(safe)) {
      out.push(CodeAction.create(t('Fix all Corpus Curator problems, including unsafe fixes'), documentEdit(state.uri, state.version, edits, env.support), FIX_ALL_UNSAFE_KIND));
    }
  }
  return out;
}
