// Pieces of the rules' messages shared by several rules, in the user's language.
import { t } from '../l10n';

export { t };

/** The recognizer's confidence, said after an unsure finding: " (probably: 62%)". */
export function probably(confidence: number | undefined): string {
  return t(' (probably: {0}%)', Math.round((confidence ?? 0) * 100));
}
