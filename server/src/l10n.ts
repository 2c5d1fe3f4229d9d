// The engine's words in the user's language: diagnostic messages, fix titles, hovers and outline
// labels are written in English in the code, as @vscode/l10n keys, and translated from the bundle
// l10n/bundle.l10n.vi.json (bundled into each entry point: no files are read at run time). One
// locale per thread: the language server sets it from its client (corpusCurator.locale, else VS
// Code's display language), the CLI from --locale or LANG, and each worker thread from its parent.
import * as l10n from '@vscode/l10n';
import vi from '../../l10n/bundle.l10n.vi.json';

const BUNDLES: Record<string, Record<string, string>> = { vi };

/** The languages there are words for. */
export const LOCALES = ['en', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];

let current: Locale = 'en';

/** The language part of a locale tag: "vi" of "vi-VN" or "vi_VN.UTF-8". */
export function languageOf(tag: string | undefined): string {
  return (tag ?? '').toLowerCase().split(/[-_.@]/)[0];
}

/** The language of a locale tag: one with a bundle, else English. */
export function localeOf(tag: string | undefined): Locale {
  const lang = languageOf(tag);
  return lang in BUNDLES ? (lang as Locale) : 'en';
}

/** Sets this thread's language; returns it. */
export function setLocale(tag: string | undefined): Locale {
  const lang = localeOf(tag);
  if (lang === current) return lang;
  current = lang;
  l10n.config({ contents: lang === 'en' ? {} : BUNDLES[lang] });
  return lang;
}

export function currentLocale(): Locale {
  return current;
}

/** The locale the environment asks for (POSIX: LC_ALL, then LC_MESSAGES, then LANG). */
export function localeFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || undefined;
}

export const t = l10n.t;
