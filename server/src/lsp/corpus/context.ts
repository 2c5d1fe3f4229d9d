// What the corpus handlers share: the connection, the index service, the host's hooks, the
// project-file cache, and the workspace folders and configuration as the handlers see them.
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { readEditorSettings } from '../../engine/settings';
import { mergeConfig, type Config } from '../../engine/config';
import type { IndexService } from '../../index/service';
import { fsPathOf } from '../commands';
import { fileUri } from '../convert';
import { ProjectFiles } from '../project';

/**
 * What the handlers use from the rest of the server; every member is optional (the server's
 * CommandHost fits). Without them the handlers ask the client for the workspace folders and the
 * `corpusCurator` settings themselves, and read project files with their own ProjectFiles.
 */
export interface CorpusHandlerHost {
  /** Editor settings merged with the governing project file, for a file on disk. */
  configFor?(uri: string, file: string | undefined): Promise<{ config: Config; maxFileSize: number }>;
  /** The workspace folders (absolute paths). */
  workspaceFolders?(): string[];
  /** The workspace folder containing `file`. */
  workspaceFolderOf?(file: string): string | undefined;
  /** The server's project-file cache (shared, so that markReviewed's invalidation reaches it). */
  projects?: ProjectFiles;
  /** Called after markReviewed wrote a project file. */
  projectChanged?(): void;
  /** False in VS Code's Restricted Mode: markReviewed refuses (it writes the project file). Default true. */
  trusted?(): boolean;
  /** corpusCurator.useConfigAboveWorkspace for a file (default false). */
  configAbove?(file: string): Promise<boolean>;
  /** A fresh scan of the workspace (corpusCurator/reindex). */
  reindex?(): unknown;
  /** Items handled between two turns of the event loop while a summary is made (default 500; tests make it small). */
  summaryChunk?: number;
}

/** What the handlers did, for tests. */
export interface CorpusHandlerStats {
  /** corpusSummary requests received. */
  summaries: number;
  /** Chunks of summary work done (each after a turn of the event loop). */
  summaryChunks: number;
  /** corpusSummary requests that stopped because the client cancelled them. */
  summariesCancelled: number;
}

export function isUnder(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** The handlers' shared context (createCorpusContext). */
export interface CorpusContext {
  connection: Connection;
  service: IndexService;
  host: CorpusHandlerHost;
  projects: ProjectFiles;
  /** Items handled between two turns of the event loop. */
  chunk: number;
  stats: CorpusHandlerStats;
  /** The workspace folders (absolute paths): the host's, else the client's. */
  workspaceFolders(): Promise<string[]>;
  /** corpusCurator.useConfigAboveWorkspace for a file. */
  configAbove(file: string | undefined): Promise<boolean>;
  /** The configuration and size limit that apply to a file: the host's, else the client's settings merged with the project file. */
  configFor(file: string): Promise<{ config: Config; maxFileSize: number }>;
  /** The folder whose project file governs `file` (where `reviewed` is read): the nearest existing one, else the workspace folder. */
  reviewRoot(file: string, folders: readonly string[], above: boolean): string;
}

export function createCorpusContext(connection: Connection, service: IndexService, host: CorpusHandlerHost = {}): CorpusContext {
  const projects = host.projects ?? new ProjectFiles();
  const chunk = Math.max(1, Math.floor(host.summaryChunk ?? 500));
  const stats: CorpusHandlerStats = { summaries: 0, summaryChunks: 0, summariesCancelled: 0 };

  async function workspaceFolders(): Promise<string[]> {
    let folders: string[];
    if (host.workspaceFolders) folders = host.workspaceFolders();
    else {
      try {
        const list = await connection.workspace.getWorkspaceFolders();
        folders = (list ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p);
      } catch {
        folders = [];
      }
    }
    // the handlers' own project-file cache searches within these folders (the server's is kept by the server)
    if (!host.projects) projects.setFolders(folders);
    return folders;
  }

  async function configAbove(file: string | undefined): Promise<boolean> {
    if (!file || !host.configAbove) return false;
    try {
      return await host.configAbove(file);
    } catch {
      return false;
    }
  }

  async function configFor(file: string): Promise<{ config: Config; maxFileSize: number }> {
    if (host.configFor) return host.configFor(fileUri(file), file);
    let raw: unknown;
    try {
      raw = await connection.workspace.getConfiguration({ scopeUri: fileUri(file), section: 'corpusCurator' });
    } catch {
      raw = undefined;
    }
    const editor = readEditorSettings(raw).values;
    const info = await projects.lookup(path.dirname(file), await configAbove(file)).catch(() => undefined);
    const { config } = mergeConfig(editor, info?.project, info?.root);
    return { config, maxFileSize: editor.maxFileSize };
  }

  /** The folder whose project file governs `file` (where `reviewed` is read): the nearest existing one, else the workspace folder. */
  function reviewRoot(file: string, folders: readonly string[], above: boolean): string {
    const dir = path.dirname(file);
    return projects.findRoot(dir, above)?.root ?? host.workspaceFolderOf?.(file) ?? [...folders].sort((a, b) => b.length - a.length).find((f) => isUnder(file, f)) ?? dir;
  }

  return { connection, service, host, projects, chunk, stats, workspaceFolders, configAbove, configFor, reviewRoot };
}
