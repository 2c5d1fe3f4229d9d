// The protocol trace (corpusCurator.trace.server: messages, verbose) in its own output channel.
// vscode-languageclient traces only while its trace channel's log level is Trace, and writes the
// trace at that level: with a log channel at its default level (Info), corpusCurator.trace.server
// "verbose" showed nothing. This channel is a plain one that shows every line it is given, and its
// log level follows the setting: Trace when it is messages or verbose, Info when off.
import * as vscode from 'vscode';

export function traceChannel(name: string, section = 'corpusCurator'): vscode.LogOutputChannel & vscode.Disposable {
  const out = vscode.window.createOutputChannel(name);
  const line = (level: string) => (message: string | Error, ...args: unknown[]) => {
    const text = message instanceof Error ? message.stack ?? message.message : message;
    out.appendLine(`[${new Date().toISOString()}] [${level}] ${text}${args.length ? ' ' + args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : ''}`);
  };
  const levelNow = () => (vscode.workspace.getConfiguration(section).get<string>('trace.server', 'off') === 'off' ? vscode.LogLevel.Info : vscode.LogLevel.Trace);
  const changed = new vscode.EventEmitter<vscode.LogLevel>();
  const channel = Object.assign(out, {
    logLevel: levelNow(),
    onDidChangeLogLevel: changed.event,
    trace: line('trace'),
    debug: line('debug'),
    info: line('info'),
    warn: line('warning'),
    error: line('error'),
  });
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(`${section}.trace.server`)) return;
    const level = levelNow();
    if (level === channel.logLevel) return;
    channel.logLevel = level;
    changed.fire(level);
  });
  const dispose = out.dispose.bind(out);
  channel.dispose = () => {
    listener.dispose();
    changed.dispose();
    dispose();
  };
  return channel as vscode.LogOutputChannel & vscode.Disposable;
}
