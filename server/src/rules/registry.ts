// The curated list of rules, in the order their findings are reported. Each rule lives in its own
// file with its metadata, its fixes and its tests beside it.
import type { Rule } from './types';

export const RULES: Rule[] = [];
