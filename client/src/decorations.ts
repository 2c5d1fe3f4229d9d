// Marks corpus files that need work in the file explorer (and in our own tree): a badge with the
// number of errors and warnings ("9+" above nine) and the list's error or warning colour, from the
// index for every article of the corpus. Where VS Code's own problem decorations already mark a
// file (it has live diagnostics and `problems.decorations.enabled` is on), ours stays away, so
// that the file does not show the same count twice ("8, 8").
import * as vscode from 'vscode';
import { actionable, uriKey, type CorpusStore } from './corpusStore';
import { t } from './l10n';

/** Above this many changed files, the decorations are refreshed as a whole. */
const MAX_URIS_PER_EVENT = 200;

export class CorpusDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.emitter.event;
  private readonly registration: vscode.Disposable;
  private readonly subscription: vscode.Disposable;
  /** What each decorated URI showed last, so that a change fires only for the files that changed. */
  private shown = new Map<string, string>();

  /** VS Code's problem decorations are on. */
  private builtIn = readBuiltIn();
  private readonly configSubscription: vscode.Disposable;

  constructor(private readonly store: CorpusStore) {
    this.registration = vscode.window.registerFileDecorationProvider(this);
    this.subscription = store.onDidChange(() => this.update());
    this.configSubscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('problems.decorations.enabled')) return;
      this.builtIn = readBuiltIn();
      this.update();
    });
  }

  private signature(uri: vscode.Uri): string {
    const d = this.provideFileDecoration(uri);
    return d ? `${d.badge}|${(d.color as vscode.ThemeColor | undefined)?.id ?? ''}|${d.tooltip}` : '';
  }

  /** Fires for every file whose decoration changed since the last update. */
  update(): void {
    const now = new Map<string, string>();
    for (const a of this.store.articles) {
      const sig = this.signature(vscode.Uri.parse(a.uri));
      if (sig) now.set(uriKey(a.uri), sig);
    }
    const changed: vscode.Uri[] = [];
    for (const [k, sig] of now) if (this.shown.get(k) !== sig) changed.push(vscode.Uri.parse(k));
    for (const k of this.shown.keys()) if (!now.has(k)) changed.push(vscode.Uri.parse(k));
    this.shown = now;
    // a long list (a corpus being indexed) is one "everything changed" event: VS Code caps and logs
    // ("CAPPING events from decorations provider") the long ones
    if (changed.length > MAX_URIS_PER_EVENT) this.emitter.fire(undefined);
    else if (changed.length > 0) this.emitter.fire(changed);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const a = this.store.article(uri);
    if (!a || a.reviewed) return undefined;
    if (this.builtIn && (this.store.liveDiagnostics(uri)?.length ?? 0) > 0) return undefined;
    const p = this.store.problemsOf(a);
    const n = actionable(p);
    if (n === 0) return undefined;
    const errors = p.bySeverity.error ?? 0;
    const codes = Object.entries(p.byCode)
      .filter(([, k]) => k > 0)
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .map(([code, k]) => `${code} ×${k}`)
      .join(', ');
    // one definition everywhere: the problems are all the findings (as the Problems panel counts
    // them); the badge counts those that need work, the errors and warnings
    const tooltip = t('Corpus Curator: {0} problems ({1}); {2} need work (errors and warnings)', p.total, codes, n);
    return {
      badge: n > 9 ? '9+' : String(n),
      color: new vscode.ThemeColor(errors > 0 ? 'list.errorForeground' : 'list.warningForeground'),
      tooltip,
      propagate: false,
    };
  }

  dispose(): void {
    this.configSubscription.dispose();
    this.registration.dispose();
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

function readBuiltIn(): boolean {
  return vscode.workspace.getConfiguration('problems').get<boolean>('decorations.enabled', true) !== false;
}
