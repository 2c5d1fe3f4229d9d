// Small text helpers of the client: search keys, file names, dates, counts.
import * as vscode from 'vscode';

/** Lower-cased, without diacritics (đ -> d): "Hà Nội" and "ha noi" match. */
export function searchKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLocaleLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The last path segment of a URI, decoded. */
export function fileNameOf(uri: vscode.Uri | string): string {
  const path = typeof uri === 'string' ? vscode.Uri.parse(uri).path : uri.path;
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `2023-03-05` (the date part of an ISO date), or undefined. */
export function datePart(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return undefined;
  return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
}

/** Year and month (1-12) of an ISO date. */
export function yearMonth(iso: string | null | undefined): { year: number; month: number } | undefined {
  const m = iso ? /^(\d{4})-(\d{2})/.exec(iso) : null;
  if (!m) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : undefined;
}

let monthFormat: Intl.DateTimeFormat | undefined;

/** The month's name in the UI language ("March 2023", "tháng 3 năm 2023"). */
export function monthLabel(year: number, month: number): string {
  try {
    monthFormat ??= new Intl.DateTimeFormat(vscode.env.language || 'en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    return monthFormat.format(new Date(Date.UTC(year, month - 1, 15)));
  } catch {
    return `${year}-${String(month).padStart(2, '0')}`;
  }
}

export function percent(share: number): string {
  const p = Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0)) * 100;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}

/** Escapes text for a MarkdownString (which the tooltips build from article text). */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** Collapses long text to `max` characters with an ellipsis. */
export function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1) + '…';
}
