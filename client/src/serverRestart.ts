// What the client does when the language server's process dies: it starts it again and tells the
// user once (a warning the first time; later restarts go to the output channel). Past MAX_RESTARTS
// within RESTART_WINDOW_MS the server is left stopped, with an error saying so.
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type Message } from 'vscode-languageclient/node';
import { t } from './l10n';

export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60_000;

export class ServerRestarts implements ErrorHandler {
  /** The messages shown to the user, in order (the end-to-end suite reads them). */
  readonly notices: string[] = [];
  /** When the server stopped, within the window. */
  private stops: number[] = [];
  /** Restarts so far in this session. */
  restarts = 0;

  constructor(private readonly output: vscode.LogOutputChannel) {}

  error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    // as vscode-languageclient's default: a few errors on the connection pass, then it is shut
    // down (closed() follows and decides on the restart)
    this.output.error(`Connection to the language server: ${error.message}`);
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.stops = this.stops.filter((t) => now - t < RESTART_WINDOW_MS);
    this.stops.push(now);
    if (this.stops.length > MAX_RESTARTS) {
      this.notify(
        vscode.LogLevel.Error,
        t('The Corpus Curator language server stopped {0} times in 3 minutes and is not restarted again. Reload the window to start it; the "Corpus Curator" output has the details.', this.stops.length),
      );
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.restarts++;
    this.output.warn(`The language server stopped unexpectedly: restarting it (${this.stops.length} of at most ${MAX_RESTARTS} within 3 minutes).`);
    if (this.restarts === 1) {
      this.notify(vscode.LogLevel.Warning, t('The Corpus Curator language server stopped unexpectedly and was restarted.'));
    }
    return { action: CloseAction.Restart, handled: true };
  }

  private notify(level: vscode.LogLevel, message: string): void {
    this.notices.push(message);
    if (level === vscode.LogLevel.Error) void vscode.window.showErrorMessage(message);
    else void vscode.window.showWarningMessage(message);
  }
}
