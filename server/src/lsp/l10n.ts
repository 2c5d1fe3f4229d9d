// The language server's words: the engine's l10n (server/src/l10n.ts) for code action titles and
// messages as for the rules' diagnostics.
import { setLocale } from '../l10n';

export { t } from '../l10n';

/** Picks the bundle for a locale (e.g. "vi", "vi-VN"); English otherwise (also when switching back). */
export function configureLocale(locale: string | undefined): string {
  return setLocale(locale);
}
