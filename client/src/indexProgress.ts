// A cancellable progress notification while the language server indexes the corpus, driven by
// corpusCurator/indexProgress. Shown only when indexing lasts a moment (no flash for a small corpus);
// Cancel sends corpusCurator/cancelIndexing.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CorpusMethods, type IndexProgress } from '../../server/src/protocol';
import type { CorpusStore } from './corpusStore';
import { t } from './l10n';

/** Indexing shorter than this shows no notification. */
const SHOW_AFTER_MS = 600;

export class IndexProgressNotification implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private showTimer: NodeJS.Timeout | undefined;
  private active: { report: (p: IndexProgress) => void; finish: () => void } | undefined;
  private last: IndexProgress | undefined;
  /** The user cancelled this scan: show nothing more until it has ended. */
  private suppressed = false;

  constructor(
    private readonly client: LanguageClient,
    store: CorpusStore,
  ) {
    this.subscription = store.onDidProgress((p) => this.onProgress(p));
  }

  private onProgress(p: IndexProgress): void {
    this.last = p;
    const running = p.phase === 'scanning' || p.phase === 'indexing';
    if (!running) {
      if (this.showTimer) clearTimeout(this.showTimer);
      this.showTimer = undefined;
      this.suppressed = false;
      this.active?.finish();
      return;
    }
    if (this.suppressed) return;
    if (this.active) {
      this.active.report(p);
      return;
    }
    this.showTimer ??= setTimeout(() => {
      this.showTimer = undefined;
      const cur = this.last;
      if (cur && (cur.phase === 'scanning' || cur.phase === 'indexing')) this.show(cur);
    }, SHOW_AFTER_MS);
  }

  private show(first: IndexProgress): void {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Corpus Curator: indexing'), cancellable: true },
      (progress, token) =>
        new Promise<void>((resolve) => {
          let reported = 0; // percent already reported
          const report = (p: IndexProgress) => {
            if (p.total <= 0) {
              progress.report({ message: t('looking for articles…') });
              return;
            }
            const pct = Math.min(100, (p.done / p.total) * 100);
            progress.report({ message: t('{0} of {1} articles', p.done, p.total), increment: Math.max(0, pct - reported) });
            reported = Math.max(reported, pct);
          };
          const finish = () => {
            this.active = undefined;
            resolve();
          };
          this.active = { report, finish };
          token.onCancellationRequested(() => {
            this.suppressed = true;
            void this.client.sendNotification(CorpusMethods.cancelIndexing, {});
            finish();
          });
          report(first);
        }),
    );
  }

  dispose(): void {
    if (this.showTimer) clearTimeout(this.showTimer);
    this.active?.finish();
    this.subscription.dispose();
  }
}
