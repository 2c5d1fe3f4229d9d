// corpus-curator: the same engine as the language server, in batch and in CI. A thin adapter:
// read files, run the engine, print a report, optionally write fixes atomically.
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createTwoFilesPatch } from 'diff';
import { parseArticle } from './model/article';
import { buildOutline, type OutlineNode } from './model/outline';
import type { Severity } from './rules/types';
import { RULES } from './rules/registry';
import { listTxtFiles, NotWritten, readArticleFile, writeFileAtomic, type FileStamp } from './io/files';
import { analyze, knowledgeFor, withCorpusFindings, type Analysis } from './engine/analyze';
import { fixAll } from './engine/fix';
import { articleJson, diagnosticJson, type JsonDiagnostic } from './engine/report';
import type { Config } from './engine/config';
import { ruleDocsUrl } from './engine/docs';
import { buildCorpusFromTexts, CorpusIndex } from './index/corpus';
import { HashedCounter, lineCountsOf } from './model/frequency';
import { ConfigCache, readProblem, SNAPSHOT_DUPLICATES, unpackReport, withCorpusReport, type CorpusSnapshot } from './batch/tasks';
import { ReportStore } from './batch/spill';
import { localPool, taskHandler, threadPool, type Pool, type Task } from './batch/pool';
import { languageOf, LOCALES, localeFromEnv, setLocale, t } from './l10n';

const USAGE = `Usage:
  corpus-curator outline FILE
  corpus-curator lint PATH... [--format stylish|json|sarif] [--fix | --dry-run] [--unsafe-fixes] [--max-size BYTES] [--quiet] [--jobs N]
  corpus-curator rules

  A PATH that is a folder means every .txt file under it.
  --fix       apply every safe fix, writing files atomically (line endings and BOM are kept)
  --dry-run   print the diff --fix would apply, write nothing
  --unsafe-fixes  with --fix or --dry-run: apply the unsafe fixes too (judgement calls, such as
              removing a copy that holds words found nowhere else); see docs/rules/README.md
  --quiet     report errors and warnings only
  --locale L  the language of the messages: en or vi (default: from LC_ALL, LC_MESSAGES or LANG)
  --jobs N    worker threads (default: the number of CPU cores; 1, or fewer than 4 files
              a thread, = all in this thread)

Exit status: 0 no error-level finding, 1 error-level findings, 2 a path could not be read, a fix
  could not be written (or the file changed since it was read), or bad usage.`;

interface FileReport {
  file: string;
  skipped?: string;
  article?: ReturnType<typeof articleJson>;
  diagnostics: JsonDiagnostic[];
  fixed?: Record<string, number>;
}

async function expand(paths: string[]): Promise<{ files: string[]; errors: string[] }> {
  const files: string[] = [];
  const errors: string[] = [];
  for (const p of paths) {
    try {
      const st = await fs.stat(p);
      if (st.isDirectory()) files.push(...(await listTxtFiles(p)));
      else files.push(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      errors.push(`corpus-curator: cannot read ${p}: ${code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
    }
  }
  return { files, errors };
}

function printOutline(nodes: OutlineNode[], depth: number, out: string[]): void {
  for (const n of nodes) {
    const range = n.startLine === n.endLine ? `${n.startLine + 1}` : `${n.startLine + 1}-${n.endLine + 1}`;
    out.push(`${'  '.repeat(depth)}${n.kind.padEnd(10)} ${n.name}${n.detail ? `  (${n.detail})` : ''}  [${range}]`);
    printOutline(n.children, depth + 1, out);
  }
}

const configs = new ConfigCache((message) => process.stderr.write(`corpus-curator: ${message}\n`));
/** The configuration for a file: defaults merged with the nearest .corpus-curator.json. */
function configFor(file: string): Promise<Config> {
  return configs.configFor(file);
}

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (useColor ? `\u001b[${code}m${s}\u001b[0m` : s);

/** The stylish report, a file at a time (it is written as the files are done), then the summary. */
class Stylish {
  private readonly count: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  private fixable = 0;
  private files = 0;
  private skipped = 0;

  file(r: FileReport): string {
    if (r.skipped) this.skipped++;
    else this.files++;
    if (r.skipped || r.diagnostics.length === 0) return '';
    const out: string[] = [];
    out.push(paint('4', path.relative(process.cwd(), r.file) || r.file));
    for (const d of r.diagnostics) {
      this.count[d.severity]++;
      if (d.fixable) this.fixable++;
      const sev = d.severity === 'error' ? paint('31', 'error  ') : d.severity === 'warning' ? paint('33', 'warning') : paint('36', d.severity === 'information' ? 'info   ' : 'hint   ');
      out.push(`  ${`${d.line}:${d.column}`.padEnd(9)} ${sev}  ${d.message}  ${paint('2', d.code)}`);
    }
    out.push('');
    return out.join('\n') + '\n';
  }

  summary(): string {
    const { count, fixable, files, skipped } = this;
    const total = count.error + count.warning + count.information + count.hint;
    return (
      `${total === 0 ? '✔' : '✖'} ${total === 1 ? t('1 problem') : t('{0} problems', total)} ` +
      `${t('({0} errors, {1} warnings, {2} infos)', count.error, count.warning, count.information + count.hint)} ` +
      `${files === 1 ? t('in 1 file') : t('in {0} files', files)}` +
      (skipped ? t(', {0} skipped', skipped) : '') +
      (fixable ? `\n  ${t('{0} of them can be fixed with --fix', fixable)}` : '') +
      '\n'
    );
  }
}

function stylish(reports: FileReport[]): string {
  const s = new Stylish();
  return reports.map((r) => s.file(r)).join('') + s.summary();
}

function sarif(reports: FileReport[]): string {
  const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'corpus-curator',
          informationUri: 'https://github.com/corpus-curator/corpus-curator',
          rules: RULES.map((r) => ({
            id: r.code,
            shortDescription: { text: r.description },
            helpUri: ruleDocsUrl(r.code),
            fullDescription: { text: r.flags },
            defaultConfiguration: { level: level(r.defaultSeverity) },
            properties: { tags: r.tags, fixAvailability: r.fix.availability, ...(r.fix.unsafe ? { unsafeFixes: r.fix.unsafe } : {}) },
          })),
        },
      },
      results: reports.flatMap((r) => r.diagnostics.map((d) => ({
        ruleId: d.code,
        level: level(d.severity),
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: path.relative(process.cwd(), r.file).split(path.sep).join('/') },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn + 1 },
          },
        }],
      }))),
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: reports.filter((r) => r.skipped).map((r) => ({
          level: 'warning',
          message: { text: `skipped: ${r.skipped}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: path.relative(process.cwd(), r.file).split(path.sep).join('/') } } }],
        })),
      }],
    }],
  }, null, 1) + '\n';
}

interface LintOptions {
  format: string;
  fix: boolean;
  /** --unsafe-fixes: fix-all applies the unsafe fixes too. */
  unsafe?: boolean;
  dryRun: boolean;
  maxBytes: number;
  quiet: boolean;
  jobs: number;
}

async function lint(paths: string[], opts: LintOptions): Promise<number> {
  const { files, errors } = await expand(paths);
  for (const e of errors) process.stderr.write(e + '\n');
  if (opts.fix || opts.dryRun) return lintAndFix(files, errors, opts, await corpusRoots(paths));
  return lintStreaming(files, errors, opts);
}

/** Writes to stdout, waiting when the pipe is full (a report can be larger than memory should hold). */
function out(s: string): Promise<void> | void {
  if (s === '' || process.stdout.write(s)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

/** Runs `start` on up to `window` items ahead, handing the results to `done` in the items' order. */
async function inOrder<T, R>(items: readonly T[], window: number, start: (t: T) => Promise<R>, done: (t: T, r: R) => unknown): Promise<void> {
  const inflight = new Map<number, Promise<R>>();
  let next = 0;
  for (let i = 0; i < items.length; i++) {
    for (; next < items.length && next < i + window; next++) {
      const p = start(items[next]);
      p.catch(() => undefined); // awaited below, in order
      inflight.set(next, p);
    }
    const r = await inflight.get(i)!;
    inflight.delete(i);
    await done(items[i], r);
  }
}

/**
 * lint without --fix: three passes over the files on worker threads (batch/tasks.ts), keeping
 * per file only its report and its summary for the corpus index, never its text or Article. The
 * output is the same, byte for byte, as reading every file into memory first.
 */
async function lintStreaming(files: string[], errors: string[], opts: LintOptions): Promise<number> {
  // a few files are done before threads would have started (each loads the engine and its model)
  const jobs = files.length < 4 * opts.jobs ? 1 : Math.max(1, Math.min(opts.jobs, files.length));
  const pool: Pool = jobs > 1 ? threadPool(__filename, jobs) : localPool();
  const window = Math.max(8, jobs * 8);
  // (each report kept packed, in a temporary file, from pass 2 until pass 3 writes it: tasks.ts AnalyzedFile, spill.ts)
  const reports = new ReportStore();
  try {
    // 1. the short lines of every file, counted by hash (a site's template recurs)
    const counter = new HashedCounter();
    const skipped = new Map<string, string>();
    const readable: string[] = [];
    const unreadable = (file: string, u: { skipped?: string; error?: string }) => {
      if (u.skipped !== undefined) {
        process.stderr.write(`corpus-curator: ${file}: skipped: ${u.skipped}\n`);
        skipped.set(file, u.skipped);
      } else {
        process.stderr.write(`corpus-curator: ${u.error}\n`);
        errors.push(file);
      }
    };
    await inOrder(files, window, (f) => pool.keys(f, opts.maxBytes), async (f, r) => {
      if (r.unread) unreadable(f, r.unread);
      else {
        counter.add(r.hashes!);
        readable.push(f);
        // the configuration is looked up here too (once per folder): a project file that cannot be
        // used is reported on stderr, whatever the number of files (workers do not report)
        await configFor(path.resolve(f));
      }
    });
    const corpusWide = readable.length > 1;
    await pool.setup({
      counts: corpusWide ? counter.shared() : null,
      summaryConfigFile: corpusWide ? path.resolve(readable[0]) : null,
      maxBytes: opts.maxBytes,
    });

    // 2. every file read with those counts: its report, and its summary into the corpus index
    const index = new CorpusIndex();
    await inOrder(readable, window, (f) => pool.analyze(f), (f, r) => {
      if (r.unread) return unreadable(f, r.unread); // changed since pass 1
      if (r.summary) index.set(r.summary);
      reports.put(f, r.report!);
    });

    // 3. the corpus rules, for the files they can speak about; the report, in the files' order
    const snapshotOf = async (f: string, asked: readonly string[]): Promise<CorpusSnapshot | null> => {
      if (!corpusWide) return null;
      const abs = path.resolve(f);
      const dups = index.duplicateSummary(abs, SNAPSHOT_DUPLICATES);
      const config = await configFor(abs);
      const n = index.size();
      const lb = config.rules['learned-boilerplate'] !== 'off' && n >= 3;
      const need = Math.max(2, Math.ceil(config.options.learnedBoilerplateMinFiles), Math.ceil(Math.max(0, config.options.learnedBoilerplateMinShare) * n));
      const blocks: CorpusSnapshot['blocks'] = new Map();
      let recurs = false;
      if (lb) for (const k of asked) {
        const b = index.blockFrequency(k);
        blocks.set(k, b);
        if (b.count >= need) recurs = true;
      }
      const dupsMatter = dups.total > 0 && config.rules['duplicate-article'] !== 'off';
      if (!dupsMatter && !recurs) return null;
      // which files the rule will name as examples are copies (it leaves those out)
      const copies = new Set<string>();
      for (const b of blocks.values()) for (const x of b.files) if (dups.has(x)) copies.add(x);
      return { size: n, duplicates: { top: dups.top, total: dups.total, allExact: dups.allExact }, copies: [...copies], blocks };
    };
    const writer = reportWriter(opts.format);
    let errorLevel = false;
    const order = files.filter((f) => reports.has(f) || skipped.has(f));
    await inOrder(order, window, async (f): Promise<FileReport> => {
      const s = skipped.get(f);
      if (s !== undefined) return { file: f, skipped: s, diagnostics: [] };
      const base = unpackReport(f, reports.take(f)!);
      const view = await snapshotOf(f, base.askedKeys ?? []);
      const r = view ? withCorpusReport(base, await pool.corpus(f, view, base.textHash)) : base;
      if (r.unread) return { file: f, skipped: r.unread.skipped ?? r.unread.error, diagnostics: [] };
      const diagnostics = r.diagnostics!.filter((d) => !opts.quiet || d.severity === 'error' || d.severity === 'warning');
      return { file: f, article: r.article!, diagnostics };
    }, async (_f, r) => {
      if (r.diagnostics.some((d) => d.severity === 'error')) errorLevel = true;
      await writer.add(r);
    });
    await writer.end();
    if (errors.length) return 2;
    return errorLevel ? 1 : 0;
  } finally {
    reports.close();
    await pool.close();
  }
}

/** The report in the chosen format, written a file at a time (SARIF, one JSON object, at the end). */
function reportWriter(format: string): { add(r: FileReport): Promise<void> | void; end(): Promise<void> | void } {
  if (format === 'json') {
    let first = true;
    return {
      add(r) {
        // what JSON.stringify(reports, null, 1) prints for one element of the array
        const s = ' ' + JSON.stringify(r, null, 1).replace(/\n/g, '\n ');
        const chunk = (first ? '[\n' : ',\n') + s;
        first = false;
        return out(chunk);
      },
      end: () => out(first ? '[]\n' : '\n]\n'),
    };
  }
  if (format === 'sarif') {
    const all: FileReport[] = [];
    return { add: (r) => { all.push(r); }, end: () => out(sarif(all)) };
  }
  const s = new Stylish();
  return { add: (r) => out(s.file(r)), end: () => out(s.summary()) };
}

/** The real paths of the folders given (a file's own folder): --fix writes through a symbolic link only to a file inside one. */
async function corpusRoots(paths: string[]): Promise<string[]> {
  const roots: string[] = [];
  for (const p of paths) {
    try {
      const st = await fs.stat(p);
      roots.push(await fs.realpath(st.isDirectory() ? p : path.dirname(p)));
    } catch {
      // reported by expand
    }
  }
  return roots;
}

/** Why a fix could not be written, for the user. */
function writeProblem(e: unknown): string {
  if (e instanceof NotWritten) return e.message;
  const code = (e as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of its path is not a folder',
    EIO: 'input/output error',
  };
  return `cannot write: ${code && why[code] ? `${why[code]} (${code})` : (e as Error).message}`;
}

/**
 * A test hook: CORPUS_CURATOR_TEST_BEFORE_WRITE is a shell command run (with CORPUS_CURATOR_FILE
 * set to the file) when a fixed text is ready to replace a file, just before the last check that
 * the file is still what was read: tests change, delete or replace the file there, on purpose.
 */
function testHookBeforeWrite(): ((file: string) => void) | undefined {
  const cmd = process.env.CORPUS_CURATOR_TEST_BEFORE_WRITE;
  if (!cmd) return undefined;
  return (file) => {
    execFileSync('/bin/sh', ['-c', cmd], { env: { ...process.env, CORPUS_CURATOR_FILE: file }, stdio: ['ignore', 2, 2] });
  };
}

/** lint --fix and --dry-run: every text in memory, since fixes are written back (and diffs printed). */
async function lintAndFix(files: string[], errors: string[], opts: LintOptions, roots: string[]): Promise<number> {
  // read everything first: corpus rules need the whole collection
  const texts: Array<{ file: string; text?: string; skipped?: string; stamp?: FileStamp }> = [];
  for (const file of files) {
    try {
      const r = await readArticleFile(file, opts.maxBytes, { stamp: opts.fix });
      if (r.skipped !== undefined) process.stderr.write(`corpus-curator: ${file}: skipped: ${r.skipped}\n`);
      texts.push(r);
    } catch (e) {
      process.stderr.write(`corpus-curator: ${readProblem(file, e).error}\n`);
      errors.push(file);
    }
  }
  const readable = texts.filter((t): t is { file: string; text: string } => t.text !== undefined);
  // how many files carry each short line: a site's template recurs (the recognizer reads it)
  const frequency = readable.length > 1 ? lineCountsOf(readable.map((t) => t.text)) : undefined;
  // each file is parsed and checked once: that analysis feeds the corpus index and the report
  const base = new Map<string, Analysis>();
  for (const t of readable) {
    const abs = path.resolve(t.file);
    base.set(t.file, analyze(t.text, { file: abs, config: await configFor(abs), frequency }));
  }
  const corpus = readable.length > 1
    ? buildCorpusFromTexts(readable.map((t) => ({ file: path.resolve(t.file), text: t.text, analysis: base.get(t.file) })), await configFor(path.resolve(readable[0].file)))
    : undefined;

  const reports: FileReport[] = [];
  let filesFixed = 0;
  let fixesApplied = 0;
  let notFixed = 0;
  const beforeCommit = testHookBeforeWrite();
  for (const t of texts) {
    if (t.text === undefined) {
      reports.push({ file: t.file, skipped: t.skipped, diagnostics: [] });
      continue;
    }
    const abs = path.resolve(t.file);
    const config = await configFor(abs);
    let text = t.text;
    let fixed: Record<string, number> | undefined;
    if (opts.fix || opts.dryRun) {
      const result = fixAll(text, { file: abs, config, corpus, frequency, unsafe: opts.unsafe });
      const n = Object.values(result.applied).reduce((a, b) => a + b, 0);
      if (result.text !== text) {
        if (opts.dryRun) {
          process.stdout.write(createTwoFilesPatch(t.file, t.file, text, result.text, '', '(fixed)'));
        } else {
          try {
            await writeFileAtomic(t.file, result.text, { expect: t.stamp, roots, beforeCommit });
            text = result.text;
            filesFixed++;
            fixesApplied += n;
            fixed = result.applied;
          } catch (e) {
            // this file is left as it is, and reported as read; the others go on
            process.stderr.write(`corpus-curator: ${t.file}: ${writeProblem(e)}; not fixed\n`);
            notFixed++;
          }
        }
      }
    }
    const before = text === t.text ? base.get(t.file) : undefined;
    const { article, findings } = before
      ? corpus ? withCorpusFindings(before, { file: abs, config, corpus }) : before
      : analyze(text, { file: abs, config, corpus, frequency });
    const diagnostics = findings
      .filter((f) => !opts.quiet || f.severity === 'error' || f.severity === 'warning')
      .map((f) => diagnosticJson(article, f));
    reports.push({ file: t.file, article: articleJson(article), diagnostics, ...(fixed ? { fixed } : {}) });
  }
  if (!opts.dryRun) {
    if (opts.format === 'json') process.stdout.write(JSON.stringify(reports, null, 1) + '\n');
    else if (opts.format === 'sarif') process.stdout.write(sarif(reports));
    else process.stdout.write(stylish(reports));
  }
  if (opts.fix) {
    process.stderr.write(
      `corpus-curator: applied ${fixesApplied} fix${fixesApplied === 1 ? '' : 'es'} in ${filesFixed} file${filesFixed === 1 ? '' : 's'}; ${readable.length - filesFixed - notFixed} unchanged` +
        (notFixed ? `; ${notFixed} not fixed (see above)` : '') + '\n',
    );
  }
  if (errors.length || notFixed) return 2;
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        fix: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'unsafe-fixes': { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        'max-size': { type: 'string', default: String(64 * 1024 * 1024) },
        jobs: { type: 'string', short: 'j' },
        locale: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`corpus-curator: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (!command) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  // the language of the messages: --locale, else the environment's (LC_ALL, LC_MESSAGES, LANG);
  // the worker threads read it from CORPUS_CURATOR_LOCALE (their environment is a copy of this one)
  const asked = values.locale ?? localeFromEnv(process.env);
  const locale = setLocale(asked);
  if (values.locale !== undefined && locale !== languageOf(values.locale)) {
    process.stderr.write(`corpus-curator: no messages in '${values.locale}' (${LOCALES.join(', ')}); English is used\n`);
  }
  process.env.CORPUS_CURATOR_LOCALE = locale;
  const maxBytes = Number(values['max-size']);
  if (!Number.isFinite(maxBytes) || maxBytes <= 0) {
    process.stderr.write('corpus-curator: --max-size must be a positive number of bytes\n');
    return 2;
  }
  switch (command) {
    case 'outline': {
      if (rest.length !== 1) {
        process.stderr.write(USAGE + '\n');
        return 2;
      }
      let r;
      try {
        r = await readArticleFile(rest[0], maxBytes);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        process.stderr.write(`corpus-curator: cannot read ${rest[0]}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
        return 2;
      }
      if (r.text === undefined) {
        process.stderr.write(`corpus-curator: ${rest[0]}: skipped: ${r.skipped}\n`);
        return 2;
      }
      const config = await configFor(path.resolve(rest[0]));
      const out: string[] = [];
      printOutline(buildOutline(parseArticle(r.text, knowledgeFor(config))), 0, out);
      process.stdout.write(out.join('\n') + '\n');
      return 0;
    }
    case 'lint': {
      if (rest.length === 0) {
        process.stderr.write(USAGE + '\n');
        return 2;
      }
      if (!['stylish', 'json', 'sarif'].includes(values.format!)) {
        process.stderr.write(`corpus-curator: unknown --format '${values.format}' (stylish, json or sarif)\n`);
        return 2;
      }
      if (values['unsafe-fixes'] && !values.fix && !values['dry-run']) {
        process.stderr.write('corpus-curator: --unsafe-fixes goes with --fix or --dry-run\n');
        return 2;
      }
      if (values.fix && values['dry-run']) {
        process.stderr.write('corpus-curator: --fix and --dry-run exclude each other\n');
        return 2;
      }
      const jobs = values.jobs === undefined ? os.availableParallelism() : Number(values.jobs);
      if (!Number.isInteger(jobs) || jobs < 1) {
        process.stderr.write('corpus-curator: --jobs must be a whole number of threads, 1 or more\n');
        return 2;
      }
      return lint(rest, { format: values.format!, fix: values.fix!, dryRun: values['dry-run']!, unsafe: values['unsafe-fixes']!, maxBytes, quiet: values.quiet!, jobs });
    }
    case 'rules': {
      for (const r of RULES) process.stdout.write(`${r.code.padEnd(26)} ${r.defaultSeverity.padEnd(12)} ${r.description}\n`);
      return 0;
    }
    default:
      process.stderr.write(`corpus-curator: unknown command '${command}'\n${USAGE}\n`);
      return 2;
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'lint-worker') {
  // a worker thread of `lint` (batch/pool.ts): runs the tasks it is sent, in the main thread's language
  setLocale(process.env.CORPUS_CURATOR_LOCALE);
  const handle = taskHandler();
  parentPort!.on('message', (t: Task) => {
    handle(t).then(
      (value) => parentPort!.postMessage({ ok: true, value }),
      (e) => parentPort!.postMessage({ ok: false, error: (e as Error)?.stack ?? String(e) }),
    );
  });
} else {
  // a reader that stops early (`| head`) is not an error of ours
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`corpus-curator: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
