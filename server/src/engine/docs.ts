// Where each rule's documentation lives: docs/rules/<code>.md in the repository.
export const DOCS_BASE = 'https://github.com/corpus-curator/corpus-curator/blob/main/docs/rules/';

export function ruleDocsUrl(code: string): string {
  return `${DOCS_BASE}${encodeURIComponent(code)}.md`;
}
