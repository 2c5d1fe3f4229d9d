// The curated list of rules, in the order their findings are reported. Each rule lives in its own
// file with its metadata, its fixes and its tests beside it.
import type { Rule } from './types';
import { rule as phpDump } from './php-dump';
import { rule as duplicateParagraph } from './duplicate-paragraph';
import { rule as nearDuplicateParagraph } from './near-duplicate-paragraph';
import { rule as boilerplate } from './boilerplate';
import { rule as related } from './related';
import { rule as whitespace } from './whitespace';
import { rule as strayToken } from './stray-token';
import { rule as repeatedWord } from './repeated-word';
import { rule as unicode } from './unicode';
import { rule as structure } from './structure';
import { rule as duplicateArticle } from './duplicate-article';
import { rule as learnedBoilerplate } from './learned-boilerplate';

export const RULES: Rule[] = [
  phpDump,
  duplicateParagraph,
  nearDuplicateParagraph,
  boilerplate,
  related,
  whitespace,
  strayToken,
  repeatedWord,
  unicode,
  structure,
  duplicateArticle,
  learnedBoilerplate,
];
