// corpus-curator: the same engine as the language server, in batch and in CI. A thin adapter:
// read files, run the engine, print a report, optionally write fixes atomically.
import { parseArgs } from 'node:util';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { parseArticle } from './model/article';
import { buildOutline, type OutlineNode } from './model/outline';
import type { Severity } from './rules/types';
import { RULES } from './rules/registry';
import { listTxtFiles, readArticleFile, writeFileAtomic } from './io/files';
import { analyze, knowledgeFor, withCorpusFindings, type Analysis } from './engine/analyze';
import { fixAll } from './engine/fix';
import { articleJson, diagnosticJson, type JsonDiagnostic } from './engine/report';
import { findProjectRoot, loadProjectFile, mergeConfig, type Config } from './engine/config';
import { ruleDocsUrl } from './engine/docs';
import { buildCorpusFromTexts } from './index/corpus';
import { lineCountsOf } from './model/frequency';

const USAGE = `Usage:
  corpus-curator outline FILE
  corpus-curator lint PATH... [--format stylish|json|sarif] [--fix | --dry-run] [--max-size BYTES] [--quiet]
  corpus-curator rules

  A PATH that is a folder means every .txt file under it.
  --fix       apply every safe fix, writing files atomically (line endings and BOM are kept)
  --dry-run   print the diff --fix would apply, write nothing
  --quiet     report errors and warnings only

Exit status: 0 no error-level finding, 1 error-level findings, 2 a path could not be read or bad usage.`;

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

const configCache = new Map<string, Promise<Config>>();
/** The configuration for a file: defaults merged with the nearest .corpus-curator.json. */
function configFor(file: string): Promise<Config> {
  const root = findProjectRoot(path.dirname(file)) ?? '';
  let c = configCache.get(root);
  if (!c) {
    c = (async () => {
      if (!root) return mergeConfig(undefined, undefined).config;
      const { project, problem } = await loadProjectFile(root);
      if (problem) process.stderr.write(`corpus-curator: ${path.join(root, '.corpus-curator.json')}: ${problem}\n`);
      const { config, problems } = mergeConfig(undefined, project, root);
      for (const p of problems) process.stderr.write(`corpus-curator: ${p}\n`);
      return config;
    })();
    configCache.set(root, c);
  }
  return c;
}

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (useColor ? `\u001b[${code}m${s}\u001b[0m` : s);

function stylish(reports: FileReport[]): string {
  const out: string[] = [];
  const count: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let fixable = 0;
  for (const r of reports) {
    if (r.skipped || r.diagnostics.length === 0) continue;
    out.push(paint('4', path.relative(process.cwd(), r.file) || r.file));
    for (const d of r.diagnostics) {
      count[d.severity]++;
      if (d.fixable) fixable++;
      const sev = d.severity === 'error' ? paint('31', 'error  ') : d.severity === 'warning' ? paint('33', 'warning') : paint('36', d.severity === 'information' ? 'info   ' : 'hint   ');
      out.push(`  ${`${d.line}:${d.column}`.padEnd(9)} ${sev}  ${d.message}  ${paint('2', d.code)}`);
    }
    out.push('');
  }
  const total = count.error + count.warning + count.information + count.hint;
  const files = reports.filter((r) => !r.skipped).length;
  const skipped = reports.length - files;
  out.push(
    `${total === 0 ? '✔' : '✖'} ${total} problem${total === 1 ? '' : 's'} (${count.error} errors, ${count.warning} warnings, ${count.information + count.hint} infos) in ${files} file${files === 1 ? '' : 's'}` +
      (skipped ? `, ${skipped} skipped` : '') +
      (fixable ? `\n  ${fixable} of them can be fixed with --fix` : ''),
  );
  return out.join('\n') + '\n';
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
            defaultConfiguration: { level: level(r.defaultSeverity) },
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

async function lint(paths: string[], opts: { format: string; fix: boolean; dryRun: boolean; maxBytes: number; quiet: boolean }): Promise<number> {
  const { files, errors } = await expand(paths);
  for (const e of errors) process.stderr.write(e + '\n');
  // read everything first: corpus rules need the whole collection
  const texts: Array<{ file: string; text?: string; skipped?: string }> = [];
  for (const file of files) {
    try {
      const r = await readArticleFile(file, opts.maxBytes);
      if (r.skipped !== undefined) process.stderr.write(`corpus-curator: ${file}: skipped: ${r.skipped}\n`);
      texts.push(r);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      process.stderr.write(`corpus-curator: cannot read ${file}: ${code === 'EACCES' ? 'permission denied' : (e as Error).message}\n`);
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
      const result = fixAll(text, { file: abs, config, corpus, frequency });
      const n = Object.values(result.applied).reduce((a, b) => a + b, 0);
      if (result.text !== text) {
        if (opts.dryRun) {
          process.stdout.write(createTwoFilesPatch(t.file, t.file, text, result.text, '', '(fixed)'));
        } else {
          await writeFileAtomic(t.file, result.text);
          text = result.text;
          filesFixed++;
          fixesApplied += n;
          fixed = result.applied;
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
    process.stderr.write(`corpus-curator: applied ${fixesApplied} fix${fixesApplied === 1 ? '' : 'es'} in ${filesFixed} file${filesFixed === 1 ? '' : 's'}; ${readable.length - filesFixed} unchanged\n`);
  }
  if (errors.length) return 2;
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
        quiet: { type: 'boolean', short: 'q', default: false },
        'max-size': { type: 'string', default: String(64 * 1024 * 1024) },
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
      if (values.fix && values['dry-run']) {
        process.stderr.write('corpus-curator: --fix and --dry-run exclude each other\n');
        return 2;
      }
      return lint(rest, { format: values.format!, fix: values.fix!, dryRun: values['dry-run']!, maxBytes, quiet: values.quiet! });
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`corpus-curator: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
