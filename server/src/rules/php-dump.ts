// php-dump: PHP debug output (print_r / var_dump / var_export) pasted into an article.
// Fixes: remove the dump, or remove it and keep its parsed records in a JSON sidecar file.
import type { Block, PhpDump } from '../model/types';
import { dumpRecords, dumpToJson } from '../model/phpdump';
import { blockRemovalRange } from './ranges';
import { type RuleFinding, type Fix, defineRule } from './types';
import { t } from '../l10n';

/** The article's file name (last path segment), or null when the file is unknown. */
function baseName(file: string | undefined): string | null {
  if (!file) return null;
  const parts = file.split(/[\\/]/);
  const last = parts[parts.length - 1];
  return last ? last : null;
}

/** `<base name without .txt>.meta.json`, or `article.meta.json` when the file is unknown. */
export function sidecarName(file: string | undefined): string {
  const b = baseName(file);
  if (!b) return 'article.meta.json';
  const stem = b.replace(/\.txt$/i, '');
  return `${stem || 'article'}.meta.json`;
}

/** The sidecar object for one dump: `{ source, dumps: [{ format, startLine, endLine, truncated, value }] }` (lines 1-based). */
export function sidecarJson(file: string | undefined, dump: PhpDump): { source: string; dumps: unknown[] } {
  return {
    source: baseName(file) ?? 'article.txt',
    dumps: [{
      format: dump.format,
      startLine: dump.startLine + 1,
      endLine: dump.endLine + 1,
      truncated: dump.truncated,
      value: dumpToJson(dump.root),
    }],
  };
}

function clip(s: string, max = 40): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

function message(block: Block, dump: PhpDump | undefined): string {
  const lines = block.endLine - block.startLine + 1;
  const span = lines === 1 ? t('1 line') : t('{0} lines', lines);
  if (!dump) return t('PHP debug output pasted into the article ({0})', span);
  const records = dumpRecords(dump);
  const n = records.length;
  const first = records.find((r) => r.title !== undefined)?.title;
  let m = t('PHP {0} dump pasted into the article: {1}, {2}', dump.format, n === 1 ? t('1 record') : t('{0} records', n), span);
  if (dump.truncated) m += ' ' + t('(truncated)');
  if (first) m += t(', e.g. “{0}”', clip(first));
  return m;
}

export const rule = defineRule({
  code: 'php-dump',
  defaultSeverity: 'warning',
  description: 'PHP debug output (print_r, var_dump, var_export) pasted into the article text.',
  tags: ['junk'],
  flags: 'PHP `print_r` / `var_dump` / `var_export` output pasted into the article',
  fix: { availability: 'always', unsafe: '**Extract to sidecar** writes a file beside the article: a quick fix only.' },
  removable: true,
  check(ctx) {
    const a = ctx.article;
    const out: RuleFinding[] = [];
    for (const b of a.blocks) {
      if (b.kind !== 'php-dump') continue;
      if (b.startLine < 0 || b.endLine >= a.lines.length || b.endLine < b.startLine) continue;
      const r = blockRemovalRange(a, b.startLine, b.endLine);
      const edit = { start: r.start, end: r.end, newText: '' };
      const fixes: Fix[] = [{ title: t('Remove PHP dump'), edits: [edit] }];
      if (b.dump) {
        fixes.push({
          title: t('Extract to sidecar'),
          edits: [{ ...edit }],
          sidecar: { fileName: sidecarName(ctx.file), json: sidecarJson(ctx.file, b.dump) },
          applicability: 'unsafe',
        });
      }
      out.push({ code: 'php-dump', message: message(b, b.dump), start: r.start, end: r.end, fixes });
    }
    return out;
  },
});
