// The explorer's TreeView and its view commands: grouping, sorting, filtering, the badge, the
// view's description (the active filter) and message, and the context keys the menus and the
// welcome content use.
import * as vscode from 'vscode';
import type { CorpusStore } from './corpusStore';
import { articleTitle, CorpusTreeProvider, GROUP_MODES, SORT_MODES, VIEW_ID, type ExplorerNode, type GroupBy, type SortBy } from './explorer';
import { ClientCommands } from '../../server/src/protocol';
import { t } from './l10n';

/** Context keys (package.json `when` clauses). */
export const CONTEXT = {
  corpusState: 'corpusCurator.corpusState',
  groupBy: 'corpusCurator.explorer.groupBy',
  sortBy: 'corpusCurator.explorer.sortBy',
  filtered: 'corpusCurator.explorer.filtered',
} as const;

const GROUP_COMMANDS: Record<GroupBy, string> = {
  status: ClientCommands.groupByStatus,
  date: ClientCommands.groupByDate,
  source: ClientCommands.groupBySource,
  duplicates: ClientCommands.groupByDuplicates,
};
const SORT_COMMANDS: Record<SortBy, string> = {
  date: ClientCommands.sortByDate,
  problems: ClientCommands.sortByProblems,
  headline: ClientCommands.sortByHeadline,
};

export function groupLabel(g: GroupBy): string {
  switch (g) {
    case 'status':
      return t('Status');
    case 'date':
      return t('Date');
    case 'source':
      return t('Source');
    default:
      return t('Duplicates');
  }
}

export class CorpusExplorer implements vscode.Disposable {
  readonly view: vscode.TreeView<ExplorerNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly provider: CorpusTreeProvider,
    private readonly store: CorpusStore,
  ) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
    this.disposables.push(
      this.view,
      provider.onDidChangeTreeData(() => this.update()),
      provider.onDidChangeState(() => this.update()),
      store.onDidChange(() => this.update()),
    );
    for (const g of GROUP_MODES) this.disposables.push(vscode.commands.registerCommand(GROUP_COMMANDS[g], () => provider.setGroupBy(g)));
    for (const s of SORT_MODES) this.disposables.push(vscode.commands.registerCommand(SORT_COMMANDS[s], () => provider.setSortBy(s)));
    this.disposables.push(
      vscode.commands.registerCommand(ClientCommands.chooseGrouping, () => this.chooseGrouping()),
      vscode.commands.registerCommand(ClientCommands.filter, (arg?: { rule?: string; text?: string }) => this.filterCommand(arg)),
      vscode.commands.registerCommand(ClientCommands.filterByRule, (rule?: string) => this.filterByRule(rule)),
      vscode.commands.registerCommand(ClientCommands.filterByText, (text?: string) => this.filterByText(text)),
      vscode.commands.registerCommand(ClientCommands.clearFilter, () => provider.setFilter({})),
      vscode.commands.registerCommand(ClientCommands.refresh, () => store.refresh()),
      vscode.commands.registerCommand(ClientCommands.revealActive, () => this.revealActive()),
    );
    this.update();
  }

  /** Badge, description, message and context keys from the current state. */
  update(): void {
    const counts = this.store.counts();
    this.view.badge =
      counts.needWork > 0
        ? { value: counts.needWork, tooltip: counts.needWork === 1 ? t('1 article needs work') : t('{0} articles need work', counts.needWork) }
        : undefined;
    const filter = this.provider.filterDescription();
    this.view.description = filter ? t('Filter: {0}', filter) : groupLabel(this.provider.groupBy);
    let message: string | undefined;
    if (this.store.isIndexing) {
      const p = this.store.indexing;
      message = p.total > 0 ? t('Indexing {0} of {1} articles…', p.done, p.total) : t('Looking for articles…');
    } else if (this.provider.filtered && counts.articles > 0) {
      const n = this.provider.visibleArticles().length;
      message =
        n === 0
          ? t('No article matches the filter ({0}).', filter ?? '')
          : t('{0} of {1} articles match the filter.', n, counts.articles);
    }
    this.view.message = message;
    let state: string;
    if (this.store.state === 'unavailable') state = 'unavailable';
    else if (counts.articles > 0) state = 'ready';
    else if (this.store.state !== 'ready' || this.store.isIndexing) state = 'loading';
    else state = 'empty';
    void vscode.commands.executeCommand('setContext', CONTEXT.corpusState, state);
    void vscode.commands.executeCommand('setContext', CONTEXT.groupBy, this.provider.groupBy);
    void vscode.commands.executeCommand('setContext', CONTEXT.sortBy, this.provider.sortBy);
    void vscode.commands.executeCommand('setContext', CONTEXT.filtered, this.provider.filtered);
  }

  private async chooseGrouping(): Promise<void> {
    type Item = vscode.QuickPickItem & { mode: GroupBy };
    const describe: Record<GroupBy, string> = {
      status: t('Needs cleanup (by rule), reviewed, clean'),
      date: t('Year, then month of the dateline'),
      source: t('The site, from bylines, credits and boilerplate'),
      duplicates: t('Clusters of files sharing their content'),
    };
    const items: Item[] = GROUP_MODES.map((mode) => ({
      mode,
      label: (mode === this.provider.groupBy ? '$(check) ' : '') + groupLabel(mode),
      description: describe[mode],
    }));
    const picked = await vscode.window.showQuickPick(items, { title: t('Group Articles By') });
    if (picked) await this.provider.setGroupBy(picked.mode);
  }

  private async filterCommand(arg?: { rule?: string; text?: string }): Promise<void> {
    if (arg && typeof arg === 'object' && (arg.rule !== undefined || arg.text !== undefined)) {
      this.provider.setFilter({ ...this.provider.filter, ...arg });
      return;
    }
    type Item = vscode.QuickPickItem & { action: 'rule' | 'text' | 'clear' };
    const items: Item[] = [
      { action: 'rule', label: '$(symbol-ruler) ' + t('Filter by Rule…'), description: this.provider.filter.rule },
      { action: 'text', label: '$(search) ' + t('Filter by Headline Text…'), description: this.provider.filter.text },
    ];
    if (this.provider.filtered) items.push({ action: 'clear', label: '$(clear-all) ' + t('Clear Filter') });
    const picked = await vscode.window.showQuickPick(items, { title: t('Filter Articles') });
    if (picked?.action === 'rule') await this.filterByRule();
    else if (picked?.action === 'text') await this.filterByText();
    else if (picked?.action === 'clear') this.provider.setFilter({});
  }

  private async filterByRule(rule?: string): Promise<void> {
    if (typeof rule === 'string') {
      this.provider.setFilter({ ...this.provider.filter, rule });
      return;
    }
    type Item = vscode.QuickPickItem & { code?: string };
    const counts = this.provider.ruleCounts();
    const items: Item[] = [...counts].map(([code, n]) => ({
      code,
      label: code,
      description: n === 1 ? t('1 article') : t('{0} articles', n),
      picked: code === this.provider.filter.rule,
    }));
    if (this.provider.filter.rule) items.unshift({ label: '$(clear-all) ' + t('Any rule') });
    if (items.length === 0) {
      void vscode.window.showInformationMessage(t('No article has problems.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(items, { title: t('Show Articles with Problems of Rule'), matchOnDescription: true });
    if (picked) this.provider.setFilter({ ...this.provider.filter, rule: picked.code });
  }

  private async filterByText(text?: string): Promise<void> {
    if (typeof text !== 'string') {
      const input = await vscode.window.showInputBox({
        title: t('Filter Articles by Headline'),
        prompt: t('Text in the headline or file name (case and diacritics are ignored; empty clears)'),
        value: this.provider.filter.text ?? '',
      });
      if (input === undefined) return;
      text = input;
    }
    this.provider.setFilter({ ...this.provider.filter, text });
  }

  private async revealActive(): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const node = uri ? this.provider.findArticle(uri) : undefined;
    if (!node) {
      void vscode.window.showInformationMessage(t('The active editor is not an article of the corpus (or the filter hides it).'));
      return;
    }
    await this.view.reveal(node, { select: true, focus: true, expand: true });
  }

  /** The selected article nodes, or the node a context-menu command was invoked on. */
  targets(node: ExplorerNode | undefined, selected: readonly ExplorerNode[] | undefined): ExplorerNode[] {
    if (selected && selected.length > 0 && (!node || selected.some((s) => s.id === node.id))) return [...selected];
    if (node) return [node];
    return [...this.view.selection];
  }

  describe(node: ExplorerNode): string {
    return node.kind === 'article' ? articleTitle(node.article) : node.kind === 'group' ? node.label : node.message;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
