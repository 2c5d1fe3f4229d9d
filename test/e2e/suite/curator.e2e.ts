/// <reference types="mocha" />
// The curator's experience in a real VS Code: diagnostics of the seeds, the outline, quick-fixes,
// fix-all and Clean Corpus, the corpus explorer (groupings, filter, sort, commands), the file
// decorations and the status bar; with screenshots of the Outline, the Problems panel and the
// explorer for docs/screenshots/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CuratorApi } from '../../../client/src/extension';
import type { ArticleNode, ExplorerNode, GroupNode, ProblemNode } from '../../../client/src/explorer';
import { EXTENSION_ID, screenshot, sleep, waitFor, workspaceUri } from './util';

const SOURCE = 'corpus-curator';
const SEEDS = ['000_f4915662ab95302d.txt', '001_a4534dbc61da94dd.txt', '002_acc4bfed7ea69af2.txt', '003_a9d5c90c0c69739c.txt', '004_98d8f0e0758a8752.txt'];
const S000 = SEEDS[0];

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function waitForDiagnostics(uri: vscode.Uri, what = 'diagnostics', pred: (ds: vscode.Diagnostic[]) => boolean = (ds) => ds.length > 0, timeoutMs = 20_000) {
  const ds = await waitFor(`${what} of ${uri.path.split('/').pop()}`, () => {
    const d = ours(uri);
    return pred(d) ? d : undefined;
  }, timeoutMs);
  return ds!;
}

async function openArticle(name: string, show = true): Promise<vscode.TextDocument> {
  const uri = workspaceUri(name);
  let doc = await vscode.workspace.openTextDocument(uri);
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  await waitFor(`${name} to become news-article`, () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId === 'news-article');
  doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
  return doc;
}

/** Applies the TextEdits of a WorkspaceEdit for one document to its text (as VS Code will). */
function applyToText(doc: vscode.TextDocument, edit: vscode.WorkspaceEdit): string {
  const edits = edit.get(doc.uri).slice().sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let text = doc.getText();
  for (const e of edits) text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  return text;
}

async function children(api: CuratorApi, node?: ExplorerNode): Promise<ExplorerNode[]> {
  return (await api.tree.getChildren(node)) ?? [];
}

async function flatten(api: CuratorApi, nodes: ExplorerNode[], depth = 3): Promise<ExplorerNode[]> {
  const out: ExplorerNode[] = [];
  for (const n of nodes) {
    out.push(n);
    if (n.kind === 'group' && depth > 0) out.push(...(await flatten(api, await children(api, n), depth - 1)));
  }
  return out;
}

const isGroup = (n: ExplorerNode): n is GroupNode => n.kind === 'group';
const isArticle = (n: ExplorerNode): n is ArticleNode => n.kind === 'article';
const fileOf = (a: ArticleNode) => a.article.uri.split('/').pop()!;

describe('corpus curator', function () {
  let api: CuratorApi;

  before(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<CuratorApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    api = await ext.activate();
    assert.ok(api?.store && api.tree, 'activate() returns the curator API');
    // Outline: expand everything, so that the screenshot shows the dump records.
    await vscode.workspace.getConfiguration('outline').update('collapseItems', 'alwaysExpand', vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('workbench').update('tree.indent', 12, vscode.ConfigurationTarget.Global);
    // a wider side bar, so that headlines and outline entries are readable in the screenshots
    await vscode.commands.executeCommand('workbench.view.explorer');
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth').then(undefined, () => undefined);
  });

  describe('diagnostics, outline, fixes', () => {
    it('opens the seeds and publishes their diagnostics', async function () {
      for (const name of SEEDS.slice(1)) await openArticle(name);
      const doc = await openArticle(S000);
      const ds = await waitForDiagnostics(doc.uri, 'diagnostics', (d) => d.some((x) => codeOf(x) === 'php-dump'));
      const codes = new Set(ds.map(codeOf));
      for (const c of ['php-dump', 'boilerplate', 'related']) assert.ok(codes.has(c), `000 should have a ${c} diagnostic; has ${[...codes].join(', ')}`);
      for (const d of ds) {
        assert.ok(d.range.end.line < doc.lineCount, 'range inside the document');
        assert.ok(d.message.length > 0);
      }
      assert.ok(ds.some((d) => codeOf(d) === 'php-dump' && d.severity === vscode.DiagnosticSeverity.Warning));
      // the other seeds with problems have theirs
      await waitForDiagnostics(workspaceUri(SEEDS[3]), 'boilerplate diagnostics', (d) => d.some((x) => codeOf(x) === 'boilerplate'));
    });

    it('outlines seed 000: the headline as root, the junk group with the PHP dumps and their records', async () => {
      const uri = workspaceUri(S000);
      const symbols = (await waitFor('document symbols', async () => {
        const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
        return s && s.length > 0 ? s : undefined;
      }))!;
      assert.equal(symbols.length, 1, 'one root: the article');
      const root = symbols[0];
      assert.match(root.name, /^Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh: Lan tỏa các mô hình hay/);
      const junk = root.children.find((c) => c.name === 'Junk');
      assert.ok(junk, `a Junk group among ${root.children.map((c) => c.name).join(' | ')}`);
      const dumps = junk.children.filter((c) => /PHP .*dump/.test(c.name));
      assert.equal(dumps.length, 2, 'two PHP dumps');
      assert.equal(dumps[0].children.length, 8, 'the first dump has 8 records');
      assert.equal(dumps[1].children.length, 3, 'the second dump has 3 records');
      assert.match(dumps[0].children[0].name, /^Việt Nam-Trung Quốc trao đổi thư mừng/);
      assert.ok(root.children.some((c) => c.name === 'Gắn với công việc hàng ngày'), 'the sections are there');

      // Screenshot: the editor on the first dump record, the Outline following the cursor.
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      const rec = dumps[0].children[0].range.start;
      editor.selection = new vscode.Selection(rec, rec);
      editor.revealRange(new vscode.Range(rec.line - 12, 0, rec.line + 20, 0), vscode.TextEditorRevealType.AtTop);
      // the Folders view shares the side bar with the Outline: park it in the panel for the shot
      await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['workbench.explorer.fileView'], destinationId: 'workbench.panel.markers' }).then(undefined, () => undefined);
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('outline.focus');
      await sleep(1_500);
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      editor.selection = new vscode.Selection(rec.translate(1), rec.translate(1));
      await sleep(300);
      editor.selection = new vscode.Selection(rec, rec);
      await sleep(1_200);
      try {
        await screenshot('outline');
      } finally {
        await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['workbench.explorer.fileView'], destinationId: 'workbench.view.explorer' }).then(undefined, () => undefined);
        await vscode.commands.executeCommand('workbench.action.closePanel');
      }
    });

    it('shows the diagnostics in the Problems panel', async () => {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(S000)), { preview: false });
      const first = ours(editor.document.uri).sort((a, b) => a.range.start.line - b.range.start.line)[0];
      editor.revealRange(new vscode.Range(Math.max(0, first.range.start.line - 3), 0, first.range.start.line + 10, 0), vscode.TextEditorRevealType.AtTop);
      editor.selection = new vscode.Selection(first.range.start, first.range.start);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      // a taller panel: more problems in the shot
      for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewHeight').then(undefined, () => undefined);
      await sleep(1_500);
      await screenshot('problems');
    });

    it('applies a quick-fix through executeCodeActionProvider and applyEdit', async () => {
      const doc = await openArticle(S000);
      const ds = ours(doc.uri);
      const target = ds.find((d) => codeOf(d) === 'stray-token') ?? ds.find((d) => codeOf(d) === 'boilerplate') ?? ds[0];
      assert.ok(target, 'a diagnostic to fix');
      const flagged = doc.getText(target.range);
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider', doc.uri, target.range, vscode.CodeActionKind.QuickFix.value,
      );
      // (the API command does not hand back the actions' diagnostics: match them by their edits,
      // which must lie inside the diagnostic's range)
      const inside = (a: vscode.CodeAction) =>
        a.edit!.entries().every(([u, es]) => u.toString() === doc.uri.toString() && es.every((e) => target.range.contains(e.range)));
      const fixes = actions.filter((a): a is vscode.CodeAction => 'edit' in a && !!a.edit && a.edit.size > 0 && inside(a as vscode.CodeAction));
      const describe = (a: vscode.CodeAction | vscode.Command) => `${a.title}${'edit' in a && a.edit ? ' [edit]' : ''}`;
      assert.ok(fixes.length > 0, `a quick-fix inside ${codeOf(target)}@${target.range.start.line}:${target.range.start.character}; got: ${actions.map(describe).join(' | ')}`);
      const fix = fixes.find((f) => f.isPreferred) ?? fixes[0];
      const expected = applyToText(doc, fix.edit!);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies');
      assert.equal(doc.getText(), expected);
      // the flagged text is gone from its line and the diagnostic goes away
      await waitForDiagnostics(doc.uri, `no more ${codeOf(target)} at line ${target.range.start.line + 1}`, (d) =>
        !d.some((x) => codeOf(x) === codeOf(target) && x.message === target.message));
      console.log(`    quick-fix "${fix.title}" removed ${JSON.stringify(flagged.slice(0, 40))}`);
    });

    it('runs fix-all (source.fixAll.corpus-curator) on seed 000', async () => {
      const doc = await openArticle(S000);
      const headline = doc.lineAt(0).text;
      const full = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, full, 'source.fixAll.corpus-curator');
      const fixAll = actions.find((a) => a.kind?.value.startsWith('source.fixAll'));
      assert.ok(fixAll, `a fix-all action; got ${actions.map((a) => a.title).join(' | ')}`);
      const before = doc.lineCount;
      if (fixAll.edit) assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      if (fixAll.command) await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
      // the two dumps alone are 146 lines
      assert.ok(doc.lineCount < before - 146, `the dumps and junk are gone (${before} -> ${doc.lineCount} lines)`);
      assert.ok(!/\[news_title\] =>/.test(doc.getText()), 'no dump record left');
      assert.equal(doc.lineAt(0).text, headline, 'the headline stays');
      await waitForDiagnostics(doc.uri, 'no junk diagnostics', (d) => !d.some((x) => ['php-dump', 'boilerplate', 'related', 'stray-token'].includes(codeOf(x))));
      await doc.save();
    });
  });

  describe('explorer', () => {
    before(async function () {
      this.timeout(60_000);
      await waitFor('the corpus index', () => api.store.articles.length >= SEEDS.length && !api.store.isIndexing, 45_000);
    });

    beforeEach(() => api.tree.setFilter({}));

    it('summarizes every article: headline, date, stats, problems', async () => {
      const arts = api.store.articles;
      assert.equal(arts.length, SEEDS.length);
      const a000 = api.store.article(workspaceUri(S000))!;
      assert.ok(a000, 'seed 000 is indexed');
      assert.match(a000.headline ?? '', /^Đảng bộ Khối Cơ quan/);
      assert.equal(a000.date?.slice(0, 10), '2021-12-03');
      const a001 = api.store.article(workspaceUri(SEEDS[1]))!;
      assert.ok(a001.stats.paragraphs > 3 && a001.stats.words > 200, JSON.stringify(a001.stats));
      const item = api.tree.getTreeItem({ kind: 'article', id: 'x', article: a001 });
      assert.equal(item.label, a001.headline);
      assert.match(String(item.description), new RegExp(`2023-03-14 · ${SEEDS[1].replace('.', '\\.')}`));
      const tip = (item.tooltip as vscode.MarkdownString).value;
      for (const w of ['Paragraphs', 'Words', 'Junk share']) assert.ok(tip.includes(w), `tooltip has ${w}: ${tip}`);
    });

    it('groups by status: needs cleanup by rule, clean', async () => {
      await api.tree.setGroupBy('status');
      const roots = await children(api);
      const needs = roots.find((n) => isGroup(n) && n.group === 'needs') as GroupNode;
      assert.ok(needs, 'a "Needs cleanup" group');
      const rules = (await children(api, needs)).filter(isGroup);
      assert.ok(rules.length > 0 && rules.every((r) => r.group === 'rule'));
      const boiler = rules.find((r) => r.key === 'boilerplate');
      assert.ok(boiler, `a boilerplate group among ${rules.map((r) => r.key).join(', ')}`);
      const inBoiler = (await children(api, boiler)).filter(isArticle).map(fileOf);
      assert.ok(inBoiler.includes(SEEDS[3]) && inBoiler.includes(SEEDS[4]), inBoiler.join(', '));
      // every article of a rule group has a problem of that rule; the Clean group has none that need work
      for (const r of rules) {
        for (const a of (await children(api, r)).filter(isArticle)) assert.ok((api.store.problemsOf(a.article).byCode[r.key!] ?? 0) > 0, `${fileOf(a)} in ${r.key}`);
      }
      const clean = roots.find((n) => isGroup(n) && n.group === 'clean') as GroupNode | undefined;
      for (const a of clean ? (await children(api, clean)).filter(isArticle) : []) {
        const p = api.store.problemsOf(a.article);
        assert.equal(p.bySeverity.error + p.bySeverity.warning, 0, `${fileOf(a)} is clean`);
      }
      // an article expands to its problems; a click reveals the range
      const a003 = (await children(api, boiler)).filter(isArticle).find((a) => fileOf(a) === SEEDS[3])!;
      const problems = (await children(api, a003)) as ProblemNode[];
      assert.ok(problems.length > 0 && problems.every((p) => p.kind === 'problem'));
      const item = api.tree.getTreeItem(problems[0]);
      assert.equal(item.command?.command, 'vscode.open');
      const opts = item.command?.arguments?.[1] as vscode.TextDocumentShowOptions;
      assert.ok(opts.selection instanceof vscode.Range, 'the click selects the problem range');
      // the badge counts the articles that need work
      const counts = api.store.counts();
      assert.ok(counts.needWork >= 3, JSON.stringify(counts));
      assert.equal(api.explorer.view.badge?.value, counts.needWork);
    });

    it('groups by date (year, month), source (site) and duplicates', async () => {
      await api.tree.setGroupBy('date');
      const years = (await children(api)).filter(isGroup);
      const labels = years.map((y) => y.label);
      assert.ok(labels.includes('2021') && labels.includes('2023'), labels.join(', '));
      assert.deepEqual(labels.filter((l) => /^\d{4}$/.test(l)), [...labels.filter((l) => /^\d{4}$/.test(l))].sort().reverse(), 'newest year first');
      const y2021 = years.find((y) => y.label === '2021')!;
      const months = (await children(api, y2021)).filter(isGroup);
      assert.ok(months.length >= 1 && months.every((m) => m.group === 'month'));
      const all2021 = (await flatten(api, months)).filter(isArticle).map(fileOf);
      assert.ok(all2021.includes(S000), all2021.join(', '));

      await api.tree.setGroupBy('source');
      const sites = (await children(api)).filter(isGroup);
      assert.ok(sites.some((s) => s.group === 'source'), sites.map((s) => s.label).join(', '));
      const siteOf000 = api.store.article(workspaceUri(S000))?.source;
      if (siteOf000) {
        const g = sites.find((s) => s.label === siteOf000)!;
        assert.ok((await children(api, g)).filter(isArticle).some((a) => fileOf(a) === S000));
      }

      await api.tree.setGroupBy('duplicates');
      const groups = (await children(api)).filter(isGroup);
      assert.ok(groups.length >= 1);
      const total = new Set((await flatten(api, groups)).filter(isArticle).map(fileOf));
      assert.equal(total.size, api.store.articles.length, 'every article appears');
      await api.tree.setGroupBy('status');
    });

    it('filters by rule and by headline text (diacritics ignored), and sorts', async () => {
      api.tree.setFilter({ rule: 'boilerplate' });
      const byRule = api.tree.visibleArticles();
      assert.ok(byRule.length >= 2);
      assert.ok(byRule.every((a) => (api.store.problemsOf(a).byCode.boilerplate ?? 0) > 0));
      assert.match(String(api.explorer.view.description), /boilerplate/);

      api.tree.setFilter({ text: 'long an' });
      const byText = api.tree.visibleArticles().map((a) => a.uri.split('/').pop());
      assert.deepEqual(byText, [SEEDS[4]], 'found "Long An: Học tập…" without diacritics');
      await vscode.commands.executeCommand('corpusCurator.explorer.filter', { text: 'MÔ HÌNH HAY' });
      assert.deepEqual(api.tree.visibleArticles().map((a) => a.uri.split('/').pop()), [S000]);
      await vscode.commands.executeCommand('corpusCurator.explorer.clearFilter');
      assert.equal(api.tree.visibleArticles().length, SEEDS.length);
      assert.equal(api.explorer.view.message, undefined);

      await api.tree.setSortBy('date');
      const dates = api.tree.visibleArticles().map((a) => a.date ?? '');
      const dated = dates.filter((d) => d);
      assert.deepEqual(dated, [...dated].sort().reverse(), 'newest first');
      assert.ok(dates.indexOf('') === -1 || dates.slice(dates.indexOf('')).every((d) => d === ''), 'undated last');
      await vscode.commands.executeCommand('corpusCurator.explorer.sortByProblems');
      const counts = api.tree.visibleArticles().map((a) => {
        const p = api.store.problemsOf(a);
        return p.bySeverity.error + p.bySeverity.warning;
      });
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most problems first');
    });

    it('decorates corpus files with problems and shows the summary in the status bar', async () => {
      // 003 is open: VS Code's own problem decoration marks it, ours stays away (no "4, 4")
      assert.ok(ours(workspaceUri(SEEDS[3])).length > 0);
      assert.equal(api.decorations.provideFileDecoration(workspaceUri(SEEDS[3])), undefined);
      const problems = vscode.workspace.getConfiguration('problems');
      await problems.update('decorations.enabled', false, vscode.ConfigurationTarget.Global);
      try {
        const dec = await waitFor('our decoration of 003', () => api.decorations.provideFileDecoration(workspaceUri(SEEDS[3])));
        assert.ok(dec?.badge, 'a badge on 003');
        assert.match(dec.badge, /^([1-9]|9\+)$/);
        assert.equal((dec.color as vscode.ThemeColor).id, 'list.warningForeground');
        assert.match(String(dec.tooltip), /boilerplate/);
        const cleanOne = api.store.articles.find((a) => !api.store.needsWork(a));
        if (cleanOne) assert.equal(api.decorations.provideFileDecoration(vscode.Uri.parse(cleanOne.uri)), undefined, 'no decoration on a clean article');
      } finally {
        await problems.update('decorations.enabled', undefined, vscode.ConfigurationTarget.Global);
      }
      const c = api.store.counts();
      assert.match(api.statusBar.item.text, new RegExp(`^\\$\\(book\\) ${c.articles} articles · ${c.needWork} need work$`));
      assert.equal((api.statusBar.item.command as vscode.Command).command, 'corpusCurator.explorer.focus');
    });

    it('marks an article as reviewed in .corpus-curator.json and back', async () => {
      const uri = workspaceUri(SEEDS[3]);
      const project = workspaceUri('.corpus-curator.json');
      await vscode.workspace.fs.writeFile(project, new TextEncoder().encode(JSON.stringify({ rules: { structure: 'information' } }, null, 2) + '\n'));
      const res = await vscode.commands.executeCommand<{ ok: boolean }>('corpusCurator.explorer.markReviewed', uri);
      assert.equal(res.ok, true, JSON.stringify(res));
      const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(project)));
      assert.deepEqual(json, { rules: { structure: 'information' }, reviewed: [SEEDS[3]] });
      await waitFor('003 reviewed in the store', () => api.store.article(uri)?.reviewed);
      assert.equal(api.decorations.provideFileDecoration(uri), undefined, 'a reviewed article is not marked');
      const roots = await children(api);
      const reviewed = roots.find((n) => isGroup(n) && n.group === 'reviewed') as GroupNode;
      assert.ok(reviewed && (await children(api, reviewed)).filter(isArticle).some((a) => fileOf(a) === SEEDS[3]));
      await vscode.commands.executeCommand('corpusCurator.explorer.unmarkReviewed', uri);
      const again = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(project)));
      assert.deepEqual(again.reviewed, []);
      await waitFor('003 not reviewed', () => api.store.article(uri)?.reviewed === false);
      await vscode.workspace.fs.delete(project);
    });

    it('shows the explorer (screenshot)', async () => {
      await api.tree.setGroupBy('status');
      await api.tree.setSortBy('problems');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('corpusCurator.explorer.focus');
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(SEEDS[3])), { preview: false });
      const first = ours(editor.document.uri).sort((a, b) => a.range.start.line - b.range.start.line)[0];
      if (first) editor.revealRange(first.range, vscode.TextEditorRevealType.InCenter);
      await sleep(500);
      // expand every rule group and the articles of the boilerplate group down to their problems
      const needs = (await children(api)).find((n) => isGroup(n) && n.group === 'needs') as GroupNode | undefined;
      try {
        if (needs) {
          for (const g of (await children(api, needs)).filter(isGroup)) await api.explorer.view.reveal(g, { expand: true, focus: false, select: false });
          const boiler = (await children(api, needs)).filter(isGroup).find((g) => g.key === 'boilerplate');
          const a003 = boiler && (await children(api, boiler)).filter(isArticle).find((a) => fileOf(a) === SEEDS[3]);
          if (a003) await api.explorer.view.reveal(a003, { expand: true, focus: true, select: true });
        }
      } catch (e) {
        console.warn(`    could not expand the explorer: ${(e as Error).message}`);
      }
      await sleep(1_500);
      await screenshot('explorer');
    });

    it('fixes all problems of one article from the explorer', async () => {
      const uri = workspaceUri(SEEDS[4]);
      const before = api.store.problemsOf(api.store.article(uri)!).total;
      assert.ok(before > 0);
      const res = await vscode.commands.executeCommand<{ applied: boolean; fixes: Record<string, number> }>('corpusCurator.explorer.fixAll', uri);
      assert.equal(res.applied, true, JSON.stringify(res));
      assert.ok((res.fixes.boilerplate ?? 0) > 0, JSON.stringify(res.fixes));
      await waitForDiagnostics(uri, 'no boilerplate', (d) => !d.some((x) => codeOf(x) === 'boilerplate'));
      await vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.save();
    });

    it('reveals an article in the file explorer', async () => {
      await vscode.commands.executeCommand('corpusCurator.explorer.revealInExplorer', workspaceUri(SEEDS[2]));
      await sleep(300);
    });
  });

  describe('Clean Corpus', () => {
    beforeEach(() => api.tree.setFilter({}));

    const textOf = (name: string) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === workspaceUri(name).toString())?.getText();

    it('cleans articles without the preview (the tests\' path)', async function () {
      this.timeout(60_000);
      const before = textOf(SEEDS[2]);
      const res = await vscode.commands.executeCommand<{ applied: boolean; files: number; fixes: Record<string, number> }>('corpusCurator.cleanCorpus', {
        uris: [workspaceUri(SEEDS[2]).toString()],
        preview: false,
      });
      assert.equal(res.applied, true, JSON.stringify(res));
      assert.equal(res.files, 1, JSON.stringify(res));
      assert.ok((res.fixes.boilerplate ?? 0) > 0, JSON.stringify(res.fixes));
      assert.notEqual(textOf(SEEDS[2]), before, '002 changed');
    });

    it('shows the changes in the refactor preview, and reports only what the user ticked', async function () {
      this.timeout(60_000);
      type Outcome = { applied: boolean; files: number; fixes: Record<string, number>; offered: { files: number; fixes: Record<string, number> } };
      const before = SEEDS.map((s) => textOf(s));
      const pending = vscode.commands.executeCommand<Outcome>('corpusCurator.cleanCorpus', { preview: true });
      let settled: Outcome | undefined;
      void pending.then((r) => (settled = r));
      await sleep(3_000);
      assert.equal(settled, undefined, 'the preview waits for the user');
      // grouped by file: tick the first file only (each entry is labelled with the rules it fixes)
      await vscode.commands.executeCommand('refactorPreview.groupByFile');
      await sleep(500);
      await vscode.commands.executeCommand('list.focusFirst');
      await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
      await sleep(800);
      await screenshot('clean-corpus-preview');
      await vscode.commands.executeCommand('refactorPreview.apply');
      const res = await Promise.race([pending, sleep(15_000).then(() => undefined)]);
      if (!res) await vscode.commands.executeCommand('refactorPreview.discard');
      assert.ok(res, 'Clean Corpus settles once the preview is applied');
      assert.ok(res.offered.files >= 2, `more than one file offered: ${JSON.stringify(res)}`);
      assert.equal(res.applied, true, `the ticked changes were applied: ${JSON.stringify(res)}`);
      const changed = SEEDS.filter((s, i) => textOf(s) !== before[i]);
      assert.equal(changed.length, 1, `one file changed: ${changed.join(', ')}`);
      assert.equal(res.files, 1, `one file reported: ${JSON.stringify(res)}`);
      const sum = (f: Record<string, number>) => Object.values(f).reduce((a, b) => a + b, 0);
      assert.ok(sum(res.fixes) > 0 && sum(res.fixes) < sum(res.offered.fixes), `the fixes of that file only: ${JSON.stringify(res)}`);
      // a file is one tick: the ticked file got all of its clean-up (what was reported), nothing is left half done
      const rest = await vscode.commands.executeCommand<Outcome>('corpusCurator.cleanCorpus', { uris: [workspaceUri(changed[0]).toString()], preview: false });
      assert.equal(rest.offered.files, 0, `nothing left to clean in ${changed[0]}: ${JSON.stringify(rest)}`);
    });

    it('finds nothing more to clean once the files are saved', async function () {
      this.timeout(90_000);
      // (the preview applied one file: the rest now)
      await vscode.commands.executeCommand('corpusCurator.cleanCorpus', { preview: false });
      await vscode.workspace.saveAll(false);
      await sleep(1_000);
      const again = await vscode.commands.executeCommand<{ applied: boolean; files: number; fixes: Record<string, number> }>('corpusCurator.cleanCorpus', { preview: false });
      assert.equal(again.files, 0, `nothing left to clean: ${JSON.stringify(again)}`);
      // the index follows the saved files: no article keeps junk that fix-all removes
      const junk = ['boilerplate', 'php-dump', 'related'];
      await waitFor('the index to see the cleaned files', () => api.store.articles.every((a) => junk.every((code) => !(a.problems.byCode[code] > 0))), 30_000);
      const counts = api.store.counts();
      assert.equal(api.explorer.view.badge?.value ?? 0, counts.needWork, 'the badge counts the articles that need work');
      console.log(`    after Clean Corpus: ${JSON.stringify(counts)}; status bar: ${api.statusBar.item.text}`);
    });

    it('keeps the index cache in this workspace\'s storage (one cache per workspace, not one per machine)', async function () {
      this.timeout(30_000);
      assert.ok(api.storagePath.includes('workspaceStorage'), `the workspace's storage: ${api.storagePath}`);
      const cache = vscode.Uri.joinPath(vscode.Uri.file(api.storagePath), 'corpus-index.jsonl');
      await waitFor('the index cache saved there', async () => (await vscode.workspace.fs.stat(cache).then(() => true, () => false)) || undefined, 20_000, 250);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(cache));
      for (const s of SEEDS) assert.ok(text.includes(s), `${s} in the cache`);
    });

    it('follows new files: a copy of an article forms a duplicate cluster', async function () {
      this.timeout(60_000);
      const copy = workspaceUri('001_copy.txt');
      await vscode.workspace.fs.copy(workspaceUri(SEEDS[1]), copy, { overwrite: true });
      try {
        await waitFor('the copy in the index', () => api.store.article(copy), 30_000);
        await waitFor('a duplicate cluster', () => api.store.clusters.some((c) => c.length >= 2), 15_000);
        await api.tree.setGroupBy('duplicates');
        const cluster = (await children(api)).find((n) => isGroup(n) && n.group === 'cluster') as GroupNode;
        assert.ok(cluster, 'a cluster group');
        const files = (await children(api, cluster)).filter(isArticle).map(fileOf).sort();
        assert.deepEqual(files, ['001_a4534dbc61da94dd.txt', '001_copy.txt']);
        await api.tree.setGroupBy('status');
      } finally {
        await vscode.workspace.fs.delete(copy);
      }
      await waitFor('the copy to leave the index', () => !api.store.article(copy), 30_000);
    });
  });

  describe('indexing', () => {
    it('reports progress while the server indexes many new files, and follows their deletion', async function () {
      this.timeout(120_000);
      const seen: Array<{ done: number; total: number; phase: string }> = [];
      const sub = api.store.onDidProgress((p) => seen.push(p));
      const bulk = workspaceUri('bulk');
      const base = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(SEEDS[1]))).split('\n');
      const N = 300;
      try {
        for (let i = 0; i < N; i++) {
          // distinct articles: the seed's lines in a different order, under a headline of their own
          const lines = base.slice(1).filter((_, k) => (k * 7 + i) % 5 !== 0);
          const text = [`Bài số ${i}: ${base[0]}`, ...lines].join('\n');
          await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(bulk, `b${String(i).padStart(3, '0')}.txt`), new TextEncoder().encode(text));
        }
        await waitFor(`${N} new articles in the index`, () => api.store.articles.length >= SEEDS.length + N, 90_000, 250);
        // a closed article expands to the findings the server computes for the file on disk
        const closed = api.store.articles.find((a) => a.uri.includes('/bulk/') && a.problems.total > 0);
        assert.ok(closed, 'a new article with problems');
        const problems = (await children(api, { kind: 'article', id: 'bulk', article: closed })) as ProblemNode[];
        assert.ok(problems.length > 0, 'its problems');
        assert.ok(problems.every((p) => p.kind === 'problem' && p.range instanceof vscode.Range), 'with ranges');
        assert.ok(seen.some((p) => p.phase === 'indexing' && p.total > 1), `indexing progress was reported: ${JSON.stringify(seen.slice(0, 5))}`);
        await waitFor('the scan to end', () => !api.store.isIndexing, 30_000);
        assert.ok(['done', 'cancelled'].includes(seen.at(-1)!.phase));
        console.log(`    ${seen.length} progress reports, largest job ${Math.max(...seen.map((p) => p.total))} files`);
      } finally {
        sub.dispose();
        await vscode.workspace.fs.delete(bulk, { recursive: true });
      }
      await waitFor('the deleted files to leave the index', () => api.store.articles.length === SEEDS.length, 60_000, 250);
    });
  });

  after(async () => {
    await vscode.workspace.getConfiguration('outline').update('collapseItems', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('workbench').update('tree.indent', undefined, vscode.ConfigurationTarget.Global);
  });
});
