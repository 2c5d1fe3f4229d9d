// Hovers (textDocument/hover): what the model made of the line's block, and why: its kind and the
// recognizer's reason, a dateline's parsed date, a PHP dump's format, records and preview.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dumpPreview, dumpRecords } from '../model/phpdump';
import type { Block } from '../model/types';
import { blockAtLine, lineRange, type LineView } from './positions';
import { kindLabel } from '../model/kindNames';
import { reasonAtLine } from '../model/article';
import { t } from '../l10n';

/** An analysis as hovers see it: a big document's comes from the analysis worker, which gives a block's reason when asked. */
type HoverView = LineView & { extras?: Promise<void>; reasonFor?: (block: Block, line: number) => Promise<string | undefined> };

export interface HoverDeps<A extends HoverView> {
  /** The client reads Markdown in hovers (read at each request). */
  client: { hoverMarkdown: boolean };
  analysisOf(uri: string): Promise<{ doc: TextDocument; analysis: A } | null>;
}

/** The hover handler. */
export function createHoverHandler<A extends HoverView>(deps: HoverDeps<A>) {
  return async (params: HoverParams): Promise<Hover | null> => {
    const r = await deps.analysisOf(params.textDocument.uri);
    const article = r?.analysis.article;
    if (!r || !article) return null;
    const block = blockAtLine(article, params.position.line);
    if (!block) return null;
    // the hovered line's own reason (a teaser run is one block of lines read one by one); a big
    // document's comes from the worker, which keeps the model's scores
    const line = params.position.line;
    const reason = r.analysis.reasonFor ? await r.analysis.reasonFor(block, line) : reasonAtLine(block, line);
    const md = deps.client.hoverMarkdown;
    const value = hoverFor(block, md, reason);
    if (!value) return null;
    return {
      contents: { kind: md ? MarkupKind.Markdown : MarkupKind.PlainText, value },
      range: lineRange(r.analysis, r.doc, block.startLine, block.endLine),
    };
  };
}

/** Minimal Markdown/plain-text builder so hovers degrade for clients without Markdown. */
export class HoverText {
  private readonly parts: string[] = [];
  constructor(private readonly md: boolean) {}
  bold(s: string): string {
    return this.md ? `**${this.esc(s)}**` : s;
  }
  code(s: string): string {
    if (!this.md) return s;
    const ticks = '`'.repeat(Math.max(1, ...Array.from(s.matchAll(/`+/g), (m) => m[0].length + 1)));
    return `${ticks}${ticks.length > 1 ? ' ' : ''}${s}${ticks.length > 1 ? ' ' : ''}${ticks}`;
  }
  esc(s: string): string {
    // Inline specials, plus block markers at the start (#, >, +, -, 1.) that would restructure the line.
    return this.md ? s.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/^(\s*)([#+-]|\d+\.)/, '$1\\$2') : s;
  }
  line(s: string): this {
    this.parts.push(s);
    return this;
  }
  block(s: string): this {
    if (this.md) {
      const fence = '`'.repeat(Math.max(3, ...Array.from(s.matchAll(/`{3,}/g), (m) => m[0].length + 1)));
      this.parts.push(`${fence}text\n${s}\n${fence}`);
    } else this.parts.push(s);
    return this;
  }
  toString(): string {
    return this.parts.join('\n\n');
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The hover text of a block (Markdown when the client reads it), or null for a blank line; `why`: the reason to give (the block's own by default). */
export function hoverFor(block: Block, markdown: boolean, why: string | undefined = block.reason): string | null {
  const h = new HoverText(markdown);
  const reason = why ? ` — ${h.esc(why)}` : '';
  switch (block.kind) {
    case 'blank':
      return null;
    case 'dateline': {
      const d = block.date;
      if (!d) {
        h.line(`${h.bold(t('Dateline'))} — ${t('the date was not understood')}${reason}`);
        break;
      }
      h.line(`${h.bold(t('Dateline'))} ${h.code(d.iso)}`);
      const parts = [t('year {0}', d.year), t('month {0}', d.month), t('day {0}', d.day)];
      if (d.hour !== undefined) {
        parts.push(t('time {0}', `${pad2(d.hour)}:${pad2(d.minute ?? 0)}${d.second !== undefined ? ':' + pad2(d.second) : ''}`));
      }
      if (d.offsetMinutes !== undefined) {
        const m = Math.abs(d.offsetMinutes);
        parts.push(`UTC${d.offsetMinutes < 0 ? '−' : '+'}${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);
      } else parts.push(t('no time zone stated'));
      h.line(parts.join(' · '));
      break;
    }
    case 'php-dump': {
      const dump = block.dump;
      if (!dump) {
        h.line(`${h.bold(t('PHP dump'))}${reason}`);
        break;
      }
      let count: string;
      try {
        const n = dumpRecords(dump).length;
        count = n === 1 ? t('1 record') : t('{0} records', n);
      } catch {
        count = t('records unreadable');
      }
      const lines = dump.endLine - dump.startLine + 1;
      h.line(`${h.bold(t('PHP dump'))} (${h.code(dump.format)}) — ${count}, ${lines === 1 ? t('1 line') : t('{0} lines', lines)}${dump.truncated ? t(', truncated') : ''}`);
      let preview = '';
      try {
        preview = dumpPreview(dump, 12);
      } catch {
        preview = '';
      }
      if (preview.trim()) h.block(preview);
      break;
    }
    default: {
      h.line(`${h.bold(kindLabel(block.kind))}${reason}`);
      if (block.inlineKicker) h.line(t('Kicker: {0}', h.esc(block.inlineKicker.text)));
      if (block.sourcePrefix) h.line(t('Source prefix: {0}', h.code(block.sourcePrefix)));
      break;
    }
  }
  return h.toString();
}
