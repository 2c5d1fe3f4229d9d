// The article model: every type the engine shares. No `vscode` import anywhere under server/src.
// Lines are 0-based internally (as in LSP); the CLI converts to 1-based at its edge.

export type BlockKind =
  | 'kicker'
  | 'headline'
  | 'dateline'
  | 'heading'
  | 'paragraph'
  | 'caption'
  | 'byline'
  | 'boilerplate'
  | 'related'
  | 'php-dump'
  | 'blank';

export const BLOCK_KINDS: readonly BlockKind[] = [
  'kicker', 'headline', 'dateline', 'heading', 'paragraph', 'caption', 'byline',
  'boilerplate', 'related', 'php-dump', 'blank',
];

/** One physical line of the document. Offsets are UTF-16 code units into Article.text. */
export interface LineInfo {
  /** The line's text without its end-of-line characters. */
  text: string;
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the last character (before the EOL). */
  end: number;
  /** The end-of-line sequence that follows ('' for the last line). */
  eol: '' | '\n' | '\r\n' | '\r';
}

/** A parsed date from a dateline. */
export interface ParsedDate {
  /** ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm:ss` (plus `+07:00` when the line says GMT+7). */
  iso: string;
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** Offset from UTC in minutes when the text states it (GMT+7 -> 420). */
  offsetMinutes?: number;
  /** Column range of the date expression within the line (0-based, end exclusive). */
  startColumn: number;
  endColumn: number;
}

// ---- PHP dumps -------------------------------------------------------------------------------

export type PhpDumpFormat = 'print_r' | 'var_dump' | 'var_export';

export type PhpValue =
  | { type: 'scalar'; value: string; phpType?: string }
  | { type: 'array' | 'object'; className?: string; entries: PhpEntry[] }
  | { type: 'recursion' };

export interface PhpEntry {
  key: string;
  /** `protected`, `private` (with declaring class in `declaringClass`), or undefined for public. */
  visibility?: 'protected' | 'private';
  declaringClass?: string;
  value: PhpValue;
}

export interface PhpDump {
  format: PhpDumpFormat;
  /** 0-based inclusive line range the dump occupies. */
  startLine: number;
  endLine: number;
  /**
   * Where the dump starts on startLine and ends on endLine (end exclusive), in UTF-16 code units.
   * A dump that owns whole lines has 0 and endLine's length; a dump pasted after prose on the same
   * line (`…chiều nay.Array ( … )`) or followed by prose on its last line has the dump's own columns,
   * so a fix can remove exactly its characters.
   */
  startColumn: number;
  endColumn: number;
  root: PhpValue;
  /**
   * True when the block was cut off or unbalanced and parsing stopped at the last line that fit,
   * or when it starts mid-way (a fragment without its opener, such as `    [attributes:protected] => Array`).
   */
  truncated: boolean;
  /** xdebug's forms of var_dump: its CLI text form, or its HTML form as copied from a browser. */
  variant?: 'xdebug' | 'xdebug-html';
  /** The dump has no header (`Array`, `array (`, …): it starts at a bare `(` or mid-way at an entry. */
  headerless?: boolean;
}

// ---- Blocks and the article ------------------------------------------------------------------

export interface Block {
  kind: BlockKind;
  /** 0-based inclusive line range. */
  startLine: number;
  endLine: number;
  /** The block's lines joined with '\n', untrimmed. */
  text: string;
  /** For a dateline block: the parsed date (null when it looked like a dateline but did not parse). */
  date?: ParsedDate | null;
  /** For a php-dump block. */
  dump?: PhpDump;
  /** For a headline with an inline kicker (`Long An: …`): the kicker's column range (end exclusive). */
  inlineKicker?: { startColumn: number; endColumn: number; text: string };
  /** For a paragraph opening with a source prefix such as `(GLO)-`. */
  sourcePrefix?: string;
  /** Why the parser chose this kind (shown in hovers; useful when it is wrong). */
  reason?: string;
  /** How sure the recognizer is of the kind (its marginal probability, 0..1); for a run of lines, the mean. */
  confidence?: number;
  /** A line of a table scraped one cell per line (table.ts): its cells repeat by nature. */
  tableCell?: boolean;
}

export interface Article {
  /** The text the model was built from (a BOM, if any, already removed). */
  text: string;
  /** True when the original text started with a BOM (U+FEFF). */
  hadBom: boolean;
  lines: LineInfo[];
  /** Non-overlapping blocks in document order. Blank lines outside other blocks are 'blank' blocks. */
  blocks: Block[];
  headline: Block | null;
  kicker: Block | null;
  dateline: Block | null;
  byline: Block | null;
  /** The article's date (from the dateline), or null. */
  date: ParsedDate | null;
}
