// The extension's own words in the language corpusCurator.locale asks for: `auto` follows VS Code's
// display language, `vi` and `en` choose whatever VS Code's language is (VS Code ships no
// Vietnamese language pack). The same bundle as the server's (l10n/bundle.l10n.vi.json), bundled.
// Menus, command titles and settings come from package.nls*.json and follow VS Code's language.
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import vi from '../../l10n/bundle.l10n.vi.json';

export type Locale = 'en' | 'vi';

/** The language corpusCurator.locale asks for now. */
export function effectiveLocale(): Locale {
  const setting = vscode.workspace.getConfiguration('corpusCurator').get<string>('locale', 'auto');
  const tag = setting === 'vi' || setting === 'en' ? setting : vscode.env.language;
  return tag.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

let current: Locale = 'en';

/** Loads the words of the language the setting asks for; returns it. */
export function applyLocale(): Locale {
  current = effectiveLocale();
  l10n.config({ contents: current === 'vi' ? vi : {} });
  return current;
}

export function currentLocale(): Locale {
  return current;
}

export const t = l10n.t;
