// The Corpus Curator explorer: a tree of the corpus's articles, grouped by status (needs cleanup,
// by rule / reviewed / clean), date (year, month), source (site) or duplicate cluster, filtered by
// rule or headline text and sorted by date, problem count or headline. An article expands to its
// problems: the live diagnostics when the document is open, else the server's findings for the file.
import * as vscode from 'vscode';
import type { ArticleProblem, ArticleSummary, ProblemSeverity } from '../../server/src/protocol';
import { actionable, diagnosticCode, severityName, uriKey, type CorpusStore } from './corpusStore';
import { clip, datePart, fileNameOf, mdEscape, monthLabel, percent, searchKey, yearMonth } from './text';
import { t } from './l10n';

export const VIEW_ID = 'corpusCurator.explorer';
export const GROUP_MODES = ['status', 'date', 'source', 'duplicates'] as const;
export const SORT_MODES = ['date', 'problems', 'headline'] as const;
export type GroupBy = (typeof GROUP_MODES)[number];
export type SortBy = (typeof SORT_MODES)[number];

export interface ExplorerFilter {
  /** Only articles with a problem of this rule code. */
  rule?: string;
  /** Only articles whose headline (or file name) contains this text (case and diacritics ignored). */
  text?: string;
}

interface NodeBase {
  id: string;
  parent?: GroupNode | ArticleNode;
}

export interface GroupNode extends NodeBase {
  kind: 'group';
  /** What the group is: `needs`, `rule`, `reviewed`, `clean`, `year`, `month`, `undated`, `source`, `unknown-source`, `cluster`, `unique`. */
  group: string;
  /** The rule code (`rule`), year/month, site or cluster index the group stands for. */
  key?: string;
  label: string;
  icon: vscode.ThemeIcon;
  tooltip?: string;
  children: ExplorerNode[];
  expanded: boolean;
}

export interface ArticleNode extends NodeBase {
  kind: 'article';
  article: ArticleSummary;
}

export interface ProblemNode extends NodeBase {
  kind: 'problem';
  uri: string;
  code: string;
  severity: ProblemSeverity;
  message: string;
  /** Absent for a count from the index summary ("php-dump ×2"), which opens the file. */
  range?: vscode.Range;
  count?: number;
}

export type ExplorerNode = GroupNode | ArticleNode | ProblemNode;

const SEVERITY_ICONS: Record<ProblemSeverity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  information: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};
const SEVERITY_RANK: Record<ProblemSeverity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

function articlesLabel(n: number): string {
  return n === 1 ? t('1 article') : t('{0} articles', n);
}

function problemsLabel(n: number): string {
  return n === 1 ? t('1 problem') : t('{0} problems', n);
}

function cmp(a: string, b: string): number {
  return a.localeCompare(b, 'vi', { sensitivity: 'base', numeric: true });
}

export function articleTitle(a: ArticleSummary): string {
  return a.headline ? clip(a.headline, 120) : fileNameOf(a.uri);
}

/** Data behind the explorer view. Public methods are what the commands (and the e2e suite) drive. */
export class CorpusTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ExplorerNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly stateEmitter = new vscode.EventEmitter<void>();
  /** Grouping, sort or filter changed. */
  readonly onDidChangeState = this.stateEmitter.event;
  private roots: ExplorerNode[] | undefined;
  private visible: ArticleSummary[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  groupBy: GroupBy;
  sortBy: SortBy;
  filter: ExplorerFilter = {};

  constructor(
    readonly store: CorpusStore,
    private readonly memento: vscode.Memento,
  ) {
    const cfg = vscode.workspace.getConfiguration('corpusCurator.explorer');
    this.groupBy = pick(memento.get<string>('explorer.groupBy'), GROUP_MODES) ?? pick(cfg.get<string>('groupBy'), GROUP_MODES) ?? 'status';
    this.sortBy = pick(memento.get<string>('explorer.sortBy'), SORT_MODES) ?? pick(cfg.get<string>('sortBy'), SORT_MODES) ?? 'problems';
    this.subscriptions.push(
      this.changeEmitter,
      this.stateEmitter,
      store.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('corpusCurator.explorer.groupBy')) {
          const g = pick(vscode.workspace.getConfiguration('corpusCurator.explorer').get<string>('groupBy'), GROUP_MODES);
          if (g) void this.setGroupBy(g);
        }
        if (e.affectsConfiguration('corpusCurator.explorer.sortBy')) {
          const s = pick(vscode.workspace.getConfiguration('corpusCurator.explorer').get<string>('sortBy'), SORT_MODES);
          if (s) void this.setSortBy(s);
        }
      }),
    );
  }

  /** Rebuilds the tree from the store. */
  refresh(): void {
    this.roots = undefined;
    this.changeEmitter.fire();
  }

  async setGroupBy(g: GroupBy): Promise<void> {
    if (!GROUP_MODES.includes(g)) throw new Error(`unknown grouping: ${g}`);
    this.groupBy = g;
    await this.memento.update('explorer.groupBy', g);
    this.stateChanged();
  }

  async setSortBy(s: SortBy): Promise<void> {
    if (!SORT_MODES.includes(s)) throw new Error(`unknown sort order: ${s}`);
    this.sortBy = s;
    await this.memento.update('explorer.sortBy', s);
    this.stateChanged();
  }

  setFilter(f: ExplorerFilter): void {
    const rule = f.rule?.trim() || undefined;
    const text = f.text?.trim() || undefined;
    this.filter = { ...(rule ? { rule } : {}), ...(text ? { text } : {}) };
    this.stateChanged();
  }

  get filtered(): boolean {
    return !!(this.filter.rule || this.filter.text);
  }

  /** A short text for the view's description: "rule: php-dump", "“hà nội”". */
  filterDescription(): string | undefined {
    const parts: string[] = [];
    if (this.filter.rule) parts.push(t('rule: {0}', this.filter.rule));
    if (this.filter.text) parts.push(`“${this.filter.text}”`);
    return parts.length ? parts.join(' · ') : undefined;
  }

  private stateChanged(): void {
    this.refresh();
    this.stateEmitter.fire();
  }

  /** Articles that pass the filter, in the current order (what the tree shows). */
  visibleArticles(): readonly ArticleSummary[] {
    this.build();
    return this.visible;
  }

  /** Rule codes found in the corpus now, with the number of articles having each. */
  ruleCounts(): Map<string, number> {
    const m = new Map<string, number>();
    for (const a of this.store.articles) {
      for (const [code, n] of Object.entries(this.store.problemsOf(a).byCode)) if (n > 0) m.set(code, (m.get(code) ?? 0) + 1);
    }
    return new Map([...m].sort((x, y) => y[1] - x[1] || cmp(x[0], y[0])));
  }

  private passes(a: ArticleSummary, textKey: string | undefined): boolean {
    if (this.filter.rule && !(this.store.problemsOf(a).byCode[this.filter.rule] > 0)) return false;
    if (textKey) {
      const hay = searchKey(`${a.headline ?? ''}\n${a.kicker ?? ''}\n${fileNameOf(a.uri)}`);
      if (!hay.includes(textKey)) return false;
    }
    return true;
  }

  private sortArticles(list: ArticleSummary[]): ArticleSummary[] {
    const byName = (a: ArticleSummary, b: ArticleSummary) => cmp(articleTitle(a), articleTitle(b)) || cmp(a.relativePath, b.relativePath);
    switch (this.sortBy) {
      case 'date':
        return list.sort((a, b) => {
          if (a.date && b.date) return a.date < b.date ? 1 : a.date > b.date ? -1 : byName(a, b);
          return a.date ? -1 : b.date ? 1 : byName(a, b);
        });
      case 'problems':
        return list.sort((a, b) => {
          const pa = this.store.problemsOf(a);
          const pb = this.store.problemsOf(b);
          return actionable(pb) - actionable(pa) || pb.total - pa.total || byName(a, b);
        });
      default:
        return list.sort(byName);
    }
  }

  private build(): ExplorerNode[] {
    if (this.roots) return this.roots;
    const textKey = this.filter.text ? searchKey(this.filter.text) : undefined;
    this.visible = this.sortArticles(this.store.articles.filter((a) => this.passes(a, textKey)));
    const small = this.visible.length <= 300;
    let roots: ExplorerNode[];
    switch (this.groupBy) {
      case 'date':
        roots = this.byDate(small);
        break;
      case 'source':
        roots = this.bySource(small);
        break;
      case 'duplicates':
        roots = this.byCluster(small);
        break;
      default:
        roots = this.byStatus(small);
    }
    this.roots = roots;
    return roots;
  }

  private group(parent: GroupNode | undefined, group: string, key: string | undefined, label: string, icon: string | vscode.ThemeIcon, expanded: boolean, tooltip?: string): GroupNode {
    const id = `${parent ? parent.id : `g:${this.groupBy}`}/${group}${key !== undefined ? ':' + key : ''}`;
    return {
      kind: 'group',
      id,
      parent,
      group,
      key,
      label,
      icon: typeof icon === 'string' ? new vscode.ThemeIcon(icon) : icon,
      tooltip,
      children: [],
      expanded,
    };
  }

  private articleNodes(parent: GroupNode, list: readonly ArticleSummary[]): ArticleNode[] {
    return list.map((article) => ({ kind: 'article', id: `${parent.id}/${article.uri}`, parent, article }));
  }

  private byStatus(small: boolean): ExplorerNode[] {
    const needs = this.group(undefined, 'needs', undefined, t('Needs cleanup'), new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')), true);
    const reviewed = this.group(undefined, 'reviewed', undefined, t('Reviewed'), new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')), false);
    const clean = this.group(undefined, 'clean', undefined, t('Clean'), new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')), false);
    const byRule = new Map<string, ArticleSummary[]>();
    const cleanList: ArticleSummary[] = [];
    const reviewedList: ArticleSummary[] = [];
    let needsCount = 0;
    for (const a of this.visible) {
      if (a.reviewed) {
        reviewedList.push(a);
        continue;
      }
      const p = this.store.problemsOf(a);
      if (actionable(p) === 0) {
        cleanList.push(a);
        continue;
      }
      needsCount++;
      for (const [code, n] of Object.entries(p.byCode)) {
        if (n <= 0) continue;
        if (this.filter.rule && code !== this.filter.rule) continue;
        let l = byRule.get(code);
        if (!l) byRule.set(code, (l = []));
        l.push(a);
      }
    }
    const rules = [...byRule].sort((x, y) => y[1].length - x[1].length || cmp(x[0], y[0]));
    for (const [code, list] of rules) {
      const g = this.group(needs, 'rule', code, code, 'symbol-ruler', small || rules.length === 1, t('Articles with {0} problems', code));
      g.children = this.articleNodes(g, list);
      needs.children.push(g);
    }
    clean.children = this.articleNodes(clean, cleanList);
    reviewed.children = this.articleNodes(reviewed, reviewedList);
    clean.expanded = small && needsCount === 0;
    const out: GroupNode[] = [];
    if (needsCount > 0) {
      needs.tooltip = articlesLabel(needsCount);
      out.push(needs);
    }
    if (reviewedList.length > 0) out.push(reviewed);
    if (cleanList.length > 0) out.push(clean);
    return out;
  }

  private byDate(small: boolean): ExplorerNode[] {
    const years = new Map<number, Map<number, ArticleSummary[]>>();
    const undated: ArticleSummary[] = [];
    for (const a of this.visible) {
      const ym = yearMonth(a.date);
      if (!ym) {
        undated.push(a);
        continue;
      }
      let months = years.get(ym.year);
      if (!months) years.set(ym.year, (months = new Map()));
      let l = months.get(ym.month);
      if (!l) months.set(ym.month, (l = []));
      l.push(a);
    }
    const out: GroupNode[] = [];
    const yearList = [...years].sort((x, y) => y[0] - x[0]);
    for (const [year, months] of yearList) {
      const yg = this.group(undefined, 'year', String(year), String(year), 'calendar', true);
      for (const [month, list] of [...months].sort((x, y) => y[0] - x[0])) {
        const mg = this.group(yg, 'month', `${year}-${String(month).padStart(2, '0')}`, monthLabel(year, month), 'calendar', small);
        mg.children = this.articleNodes(mg, list);
        yg.children.push(mg);
      }
      out.push(yg);
    }
    if (undated.length) {
      const g = this.group(undefined, 'undated', undefined, t('No date'), 'question', small && out.length === 0, t('No dateline was recognized'));
      g.children = this.articleNodes(g, undated);
      out.push(g);
    }
    return out;
  }

  private bySource(small: boolean): ExplorerNode[] {
    const sites = new Map<string, { label: string; list: ArticleSummary[] }>();
    const unknown: ArticleSummary[] = [];
    for (const a of this.visible) {
      const s = a.source?.trim();
      if (!s) {
        unknown.push(a);
        continue;
      }
      const key = searchKey(s);
      let e = sites.get(key);
      if (!e) sites.set(key, (e = { label: s, list: [] }));
      e.list.push(a);
    }
    const out: GroupNode[] = [];
    for (const [key, e] of [...sites].sort((x, y) => y[1].list.length - x[1].list.length || cmp(x[1].label, y[1].label))) {
      const g = this.group(undefined, 'source', key, e.label, 'globe', small);
      g.children = this.articleNodes(g, e.list);
      out.push(g);
    }
    if (unknown.length) {
      const g = this.group(undefined, 'unknown-source', undefined, t('Unknown source'), 'question', small && out.length === 0,
        t('No byline, credit or site boilerplate names the source'));
      g.children = this.articleNodes(g, unknown);
      out.push(g);
    }
    return out;
  }

  private byCluster(small: boolean): ExplorerNode[] {
    const visibleKeys = new Map(this.visible.map((a, i) => [uriKey(a.uri), i] as const));
    const inCluster = new Set<string>();
    const out: GroupNode[] = [];
    const clusters = this.store.clusters
      .map((c, index) => ({
        index,
        members: c
          .map((u) => visibleKeys.get(uriKey(u)))
          .filter((i): i is number => i !== undefined)
          .sort((x, y) => x - y)
          .map((i) => this.visible[i]),
      }))
      .filter((c) => c.members.length > 0)
      .sort((x, y) => y.members.length - x.members.length || x.index - y.index);
    for (const c of clusters) {
      for (const a of c.members) inCluster.add(uriKey(a.uri));
      const first = this.store.clusters[c.index].map((u) => this.store.article(u)).find((a) => a?.headline) ?? c.members[0];
      const g = this.group(undefined, 'cluster', String(c.index), articleTitle(first), 'files', small,
        t('{0} files share this article’s content', this.store.clusters[c.index].length));
      g.children = this.articleNodes(g, c.members);
      out.push(g);
    }
    const unique = this.visible.filter((a) => !inCluster.has(uriKey(a.uri)));
    if (unique.length) {
      const g = this.group(undefined, 'unique', undefined, t('Not duplicated'), 'file', false, t('Articles that share their content with no other file'));
      g.children = this.articleNodes(g, unique);
      out.push(g);
    }
    return out;
  }

  // ---- TreeDataProvider ------------------------------------------------------------------------

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.build();
    if (node.kind === 'group') return node.children;
    if (node.kind === 'article') return this.problemNodes(node);
    return [];
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  /** The first node showing this article (for reveal). */
  findArticle(uri: string | vscode.Uri): ArticleNode | undefined {
    const key = uriKey(uri);
    const walk = (nodes: readonly ExplorerNode[]): ArticleNode | undefined => {
      for (const n of nodes) {
        if (n.kind === 'article' && uriKey(n.article.uri) === key) return n;
        if (n.kind === 'group') {
          const f = walk(n.children);
          if (f) return f;
        }
      }
      return undefined;
    };
    return walk(this.build());
  }

  private async problemNodes(parent: ArticleNode): Promise<ProblemNode[]> {
    const a = parent.article;
    const make = (p: Omit<ProblemNode, 'kind' | 'id' | 'parent' | 'uri'>, i: number): ProblemNode => ({
      kind: 'problem',
      id: `${parent.id}#${i}`,
      parent,
      uri: a.uri,
      ...p,
    });
    const order = (x: ProblemNode, y: ProblemNode) =>
      (x.range && y.range ? x.range.start.compareTo(y.range.start) : 0) || SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity];
    const live = this.store.liveDiagnostics(a.uri);
    if (live) {
      return live
        .map((d, i) => make({ code: diagnosticCode(d), severity: severityName(d.severity), message: d.message, range: d.range }, i))
        .sort(order);
    }
    if ((a.problems?.total ?? 0) === 0) return [];
    const list: ArticleProblem[] | undefined = await this.store.problemList(a.uri);
    if (list) {
      return list
        .map((p, i) =>
          make({
            code: p.code,
            severity: p.severity,
            message: p.message,
            range: new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character),
          }, i),
        )
        .sort(order);
    }
    // Only the counts are known: one item per rule, opening the file.
    return Object.entries(a.problems.byCode)
      .filter(([, n]) => n > 0)
      .sort((x, y) => y[1] - x[1] || cmp(x[0], y[0]))
      .map(([code, n], i) => make({ code, severity: 'warning', message: problemsLabel(n), count: n }, i));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return this.groupItem(node);
      case 'article':
        return this.articleItem(node);
      default:
        return this.problemItem(node);
    }
  }

  private groupItem(g: GroupNode): vscode.TreeItem {
    const item = new vscode.TreeItem(g.label, g.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = g.id;
    item.iconPath = g.icon;
    const n = countArticles(g);
    item.description = articlesLabel(n);
    if (g.tooltip) item.tooltip = `${g.tooltip} — ${articlesLabel(n)}`;
    item.contextValue = `group ${g.group}`;
    return item;
  }

  private articleItem(node: ArticleNode): vscode.TreeItem {
    const a = node.article;
    const uri = vscode.Uri.parse(a.uri);
    const p = this.store.problemsOf(a);
    const hasChildren = p.total > 0;
    const item = new vscode.TreeItem(articleTitle(a), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.resourceUri = uri; // file decorations (badge, colour) apply here too
    const date = datePart(a.date);
    item.description = date ? `${date} · ${fileNameOf(uri)}` : fileNameOf(uri);
    let icon: vscode.ThemeIcon;
    if (a.reviewed) icon = new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    else if (p.bySeverity.error > 0) icon = SEVERITY_ICONS.error;
    else if (p.bySeverity.warning > 0) icon = SEVERITY_ICONS.warning;
    else if (p.total > 0) icon = SEVERITY_ICONS.information;
    else icon = new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    item.iconPath = icon;
    item.command = { command: 'vscode.open', title: t('Open'), arguments: [uri, { preview: true }] };
    const ctx = ['article', a.reviewed ? 'reviewed' : 'unreviewed'];
    if (p.total > 0) ctx.push('problems');
    item.contextValue = ctx.join(' ');
    item.tooltip = articleTooltip(a, p);
    item.accessibilityInformation = { label: `${articleTitle(a)}, ${item.description}, ${problemsLabel(p.total)}` };
    return item;
  }

  private problemItem(node: ProblemNode): vscode.TreeItem {
    const item = new vscode.TreeItem(clip(node.message, 200), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.iconPath = SEVERITY_ICONS[node.severity];
    const uri = vscode.Uri.parse(node.uri);
    if (node.range) {
      item.description = t('{0} · Ln {1}', node.code, node.range.start.line + 1);
      item.command = {
        command: 'vscode.open',
        title: t('Go to Problem'),
        arguments: [uri, { selection: node.range, preview: true } satisfies vscode.TextDocumentShowOptions],
      };
    } else {
      item.description = node.code;
      item.command = { command: 'vscode.open', title: t('Open'), arguments: [uri, { preview: true }] };
    }
    item.tooltip = `${node.code}: ${node.message}`;
    item.contextValue = 'problem';
    return item;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

function pick<T extends string>(v: string | undefined, allowed: readonly T[]): T | undefined {
  return v !== undefined && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** Distinct articles under a group. */
export function countArticles(g: GroupNode): number {
  const seen = new Set<string>();
  const walk = (nodes: readonly ExplorerNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'article') seen.add(n.article.uri);
      else if (n.kind === 'group') walk(n.children);
    }
  };
  walk(g.children);
  return seen.size;
}

/** URIs of the articles under a node (an article: itself). */
export function articleUris(n: ExplorerNode): string[] {
  if (n.kind === 'article') return [n.article.uri];
  if (n.kind === 'problem') return [n.uri];
  const out = new Set<string>();
  const walk = (nodes: readonly ExplorerNode[]) => {
    for (const c of nodes) {
      if (c.kind === 'article') out.add(c.article.uri);
      else if (c.kind === 'group') walk(c.children);
    }
  };
  walk(n.children);
  return [...out];
}

export function articleTooltip(a: ArticleSummary, p = a.problems): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportThemeIcons = true;
  md.appendMarkdown(`**${mdEscape(a.headline ?? fileNameOf(a.uri))}**\n\n`);
  const meta = [`\`${fileNameOf(a.uri).replace(/`/g, '')}\``];
  if (a.date) meta.push(mdEscape(datePart(a.date) ?? a.date));
  if (a.source) meta.push(mdEscape(a.source));
  md.appendMarkdown(meta.join(' · ') + '\n\n');
  const s = a.stats;
  if (s) {
    md.appendMarkdown(`| ${t('Statistics')} | |\n|:--|--:|\n`);
    md.appendMarkdown(`| ${t('Paragraphs')} | ${s.paragraphs} |\n`);
    md.appendMarkdown(`| ${t('Words')} | ${s.words.toLocaleString(vscode.env.language)} |\n`);
    md.appendMarkdown(`| ${t('Junk share')} | ${percent(s.junkShare)} (${t('{0} lines', s.junkLines)}) |\n\n`);
  }
  if (p.total > 0) {
    const codes = Object.entries(p.byCode)
      .filter(([, n]) => n > 0)
      .sort((x, y) => y[1] - x[1] || cmp(x[0], y[0]))
      .map(([code, n]) => `\`${code}\` ×${n}`)
      .join(', ');
    md.appendMarkdown(`$(warning) ${problemsLabel(p.total)}: ${codes}\n\n`);
  } else {
    md.appendMarkdown(`$(pass) ${t('No problems')}\n\n`);
  }
  if (a.reviewed) md.appendMarkdown(`$(check) ${t('Reviewed')}\n\n`);
  if (a.byline) md.appendMarkdown(`_${mdEscape(clip(a.byline, 100))}_\n`);
  return md;
}
