// corpus-curator: the same engine as the language server, in batch. A thin adapter.
import { parseArgs } from 'node:util';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from './model/article';
import { buildOutline, type OutlineNode } from './model/outline';
import type { Article } from './model/types';
import { listTxtFiles, readArticleFile } from './io/files';

const USAGE = `Usage:
  corpus-curator outline FILE
  corpus-curator lint PATH... [--format stylish|json] [--max-size BYTES]

A PATH that is a folder means every .txt file under it.
Exit status: 0 clean, 1 error-level findings, 2 a path could not be read or bad usage.`;

interface FileReport {
  file: string;
  skipped?: string;
  article?: ReturnType<typeof articleJson>;
  diagnostics: unknown[];
}

function lineRef(article: Article, b: { startLine: number; text: string } | null) {
  return b ? { line: b.startLine + 1, text: b.text.trim() } : null;
}

export function articleJson(a: Article) {
  const kicker = a.kicker
    ? lineRef(a, a.kicker)
    : a.headline?.inlineKicker
      ? { line: a.headline.startLine + 1, text: a.headline.inlineKicker.text, inline: true }
      : null;
  return {
    headline: lineRef(a, a.headline),
    kicker,
    dateline: a.dateline ? { ...lineRef(a, a.dateline)!, iso: a.date?.iso ?? null } : null,
    byline: lineRef(a, a.byline),
    blocks: a.blocks.map((b) => ({ kind: b.kind, startLine: b.startLine + 1, endLine: b.endLine + 1 })),
  };
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
      errors.push(`corpus-curator: cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
    }
  }
  return { files, errors };
}

function printOutline(nodes: OutlineNode[], depth: number, out: string[]): void {
  for (const n of nodes) {
    const range = n.startLine === n.endLine ? `${n.startLine + 1}` : `${n.startLine + 1}-${n.endLine + 1}`;
    out.push(`${'  '.repeat(depth)}${n.kind.padEnd(Math.max(0, 11 - depth * 2) + depth * 2 - depth * 2)} ${n.name}${n.detail ? `  (${n.detail})` : ''}  [${range}]`);
    printOutline(n.children, depth + 1, out);
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      'max-size': { type: 'string', default: String(64 * 1024 * 1024) },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  const maxBytes = Number(values['max-size']);
  if (command === 'outline') {
    if (rest.length !== 1) {
      process.stderr.write(USAGE + '\n');
      return 2;
    }
    let r;
    try {
      r = await readArticleFile(rest[0], maxBytes);
    } catch (e) {
      process.stderr.write(`corpus-curator: cannot read ${rest[0]}: ${(e as Error).message}\n`);
      return 2;
    }
    if (r.skipped !== undefined || r.text === undefined) {
      process.stderr.write(`corpus-curator: ${rest[0]}: skipped: ${r.skipped}\n`);
      return 2;
    }
    const out: string[] = [];
    printOutline(buildOutline(parseArticle(r.text)), 0, out);
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  }
  if (command === 'lint') {
    if (rest.length === 0) {
      process.stderr.write(USAGE + '\n');
      return 2;
    }
    const { files, errors } = await expand(rest);
    for (const e of errors) process.stderr.write(e + '\n');
    const reports: FileReport[] = [];
    for (const file of files) {
      let r;
      try {
        r = await readArticleFile(file, maxBytes);
      } catch (e) {
        process.stderr.write(`corpus-curator: cannot read ${file}: ${(e as Error).message}\n`);
        errors.push(file);
        continue;
      }
      if (r.text === undefined) {
        process.stderr.write(`corpus-curator: ${file}: skipped: ${r.skipped}\n`);
        reports.push({ file, skipped: r.skipped, diagnostics: [] });
        continue;
      }
      const article = parseArticle(r.text);
      reports.push({ file, article: articleJson(article), diagnostics: [] });
    }
    if (values.format === 'json') process.stdout.write(JSON.stringify(reports, null, 1) + '\n');
    else {
      for (const r of reports) {
        if (r.skipped) continue;
        process.stdout.write(`${path.relative(process.cwd(), r.file) || r.file}: ${r.article?.blocks.length} blocks\n`);
      }
    }
    return errors.length ? 2 : 0;
  }
  process.stderr.write(`corpus-curator: unknown command '${command}'\n${USAGE}\n`);
  return 2;
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
