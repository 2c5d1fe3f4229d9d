// The curated list of rules, in the order their findings are reported. Each rule lives in its own
// file with its metadata, its fixes and its tests beside it.
import type { Rule } from './types';
import { rule as phpDump } from './php-dump';
import { rule as boilerplate } from './boilerplate';
import { rule as related } from './related';
import { rule as strayToken } from './stray-token';
import { rule as structure } from './structure';
import { rule as unicode } from './unicode';

export const RULES: Rule[] = [phpDump, boilerplate, related, strayToken, unicode, structure];
