// Block kinds in words, in the user's language (messages, hovers, the outline).
import { t } from '../l10n';
import type { BlockKind } from './types';

/** A block kind as a noun inside a sentence: "the {paragraph} at line 5". */
export function kindNoun(kind: BlockKind | string): string {
  switch (kind) {
    case 'kicker': return t('kicker');
    case 'headline': return t('headline');
    case 'dateline': return t('dateline');
    case 'heading': return t('heading');
    case 'paragraph': return t('paragraph');
    case 'caption': return t('caption');
    case 'byline': return t('byline');
    case 'boilerplate': return t('site chrome');
    case 'related': return t('related teaser');
    case 'php-dump': return t('PHP dump');
    case 'blank': return t('blank line');
    default: return kind;
  }
}

/** A block kind by its name in the model (`boilerplate`, `php-dump`), in the user's language: the hovers' reasons. */
export function kindId(kind: BlockKind | string): string {
  switch (kind) {
    case 'boilerplate': return t('boilerplate');
    case 'related': return t('related');
    case 'php-dump': return t('php-dump');
    case 'blank': return t('blank');
    default: return kindNoun(kind);
  }
}

/** A block kind as a label (hovers): "Paragraph", "PHP dump". */
export function kindLabel(kind: BlockKind | string): string {
  switch (kind) {
    case 'kicker': return t('Kicker');
    case 'headline': return t('Headline');
    case 'dateline': return t('Dateline');
    case 'heading': return t('Heading');
    case 'paragraph': return t('Paragraph');
    case 'caption': return t('Caption');
    case 'byline': return t('Byline');
    case 'boilerplate': return t('Boilerplate');
    case 'related': return t('Related');
    case 'php-dump': return t('PHP dump');
    case 'blank': return t('Blank');
    default: return kind.charAt(0).toUpperCase() + kind.slice(1);
  }
}

/** "line 5" or "lines 5–7" (1-based). */
export function linesWhere(startLine1: number, endLine1: number): string {
  return startLine1 === endLine1 ? t('line {0}', startLine1) : t('lines {0}-{1}', startLine1, endLine1);
}
