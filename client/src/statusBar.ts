// The status bar item: "$(book) 5 articles · 3 need work" (or the indexing count); a click opens
// the Corpus Curator view.
import * as vscode from 'vscode';
import type { CorpusStore } from './corpusStore';
import { VIEW_ID } from './explorer';
import { t } from './l10n';

export class CorpusStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly store: CorpusStore) {
    this.item = vscode.window.createStatusBarItem('corpusCurator.summary', vscode.StatusBarAlignment.Left, 50);
    this.item.name = t('Corpus Curator Summary');
    this.item.command = { command: `${VIEW_ID}.focus`, title: t('Show the Corpus Curator explorer') };
    this.subscriptions.push(this.item, store.onDidChange(() => this.update()), store.onDidProgress(() => this.update()));
    this.update();
  }

  update(): void {
    const c = this.store.counts();
    if (this.store.isIndexing) {
      const p = this.store.indexing;
      this.item.text = p.total > 0 ? `$(sync~spin) ${t('Indexing {0}/{1}', p.done, p.total)}` : `$(sync~spin) ${t('Indexing…')}`;
      this.item.tooltip = t('Corpus Curator is indexing the corpus');
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    if (c.articles === 0) {
      this.item.hide();
      return;
    }
    const articles = c.articles === 1 ? t('1 article') : t('{0} articles', c.articles);
    const work = c.needWork === 1 ? t('1 needs work') : t('{0} need work', c.needWork);
    this.item.text = c.needWork > 0 ? `$(book) ${articles} · ${work}` : `$(book) ${articles} · $(check)`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${t('Corpus Curator')}**\n\n`);
    md.appendMarkdown(`${articles}  \n`);
    md.appendMarkdown(`${c.needWork > 0 ? '$(warning) ' + work : '$(check) ' + t('Nothing needs work')}  \n`);
    if (c.reviewed > 0) md.appendMarkdown(`$(pass-filled) ${t('{0} reviewed', c.reviewed)}  \n`);
    if (this.store.clusters.length > 0) md.appendMarkdown(`$(files) ${t('{0} duplicate clusters', this.store.clusters.length)}  \n`);
    md.appendMarkdown(`\n${t('Click to open the explorer')}`);
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
