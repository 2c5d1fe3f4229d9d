// Localized UI strings of the language server (code action titles, messages) via @vscode/l10n.
// Diagnostic messages and fix titles come from the rules, in English. The Vietnamese bundle is
// bundled into dist/server.js (imported JSON), so the server needs no files at run time.
import * as l10n from '@vscode/l10n';
import vi from '../../../l10n/bundle.l10n.vi.json';

const BUNDLES: Record<string, Record<string, string>> = { vi };

/** Picks the bundle for an LSP `initializeParams.locale` (e.g. "vi", "vi-VN"); English otherwise. */
export function configureLocale(locale: string | undefined): string {
  const lang = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  const bundle = BUNDLES[lang];
  if (bundle) {
    l10n.config({ contents: bundle });
    return lang;
  }
  return 'en';
}

export const t = l10n.t;
