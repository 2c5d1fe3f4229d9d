// Tag-prefixed scrapes: some crawlers keep each element of the page on a line of its own, its HTML
// tag in brackets first (`[H1] …`, `[P] …`, `[LI] …`). The tag is markup, not text: the model reads
// each line without it. Which element a line was says little of its kind on a real page (teaser
// titles are `<h2>`s too, menus `<li>`s), so the tag is dropped, not obeyed — except inside the
// article's text, where an `<h2>` is a subheading and an `<li>` is text (tagHeading).

/** `[H2] `, `[P] `, `[li] `: an HTML element's name in brackets at the start of a line, then a space. */
const TAG_PREFIX = /^\s*\[(H[1-6]|P|LI|DT|DD|TD|TH|TR|DIV|SPAN|A|B|I|U|EM|STRONG|FIGCAPTION|CAPTION|BLOCKQUOTE|PRE|CODE|LABEL|TITLE|HEADER|FOOTER|NAV|SECTION|ARTICLE)\][ \t]+(?=\S)/iu;

/** Content lines that must carry a tag, at least, and the share of them that must. */
const TAGGED_MIN_LINES = 5;
const TAGGED_MIN_SHARE = 0.4;

/** Length of line's tag prefix (0 when it has none). */
export function tagPrefixLength(line: string): number {
  if (line.length < 4) return 0;
  const c = line.charCodeAt(0);
  if (c !== 0x5b && c !== 0x20 && c !== 0x09) return 0;
  const m = TAG_PREFIX.exec(line);
  return m ? m[0].length : 0;
}

/**
 * The text the model reads for each line of a tag-prefixed scrape (the line without its tag; null
 * for a line without one), or null when the text is not one: fewer than TAGGED_MIN_LINES of its
 * content lines, or fewer than TAGGED_MIN_SHARE of them, start with a tag.
 */
export function taggedReadings(lines: ReadonlyArray<{ readonly text: string }>, content: readonly number[]): Array<string | null> | null {
  let tagged = 0;
  for (const i of content) if (tagPrefixLength(lines[i].text) > 0) tagged++;
  if (tagged < TAGGED_MIN_LINES || tagged < TAGGED_MIN_SHARE * content.length) return null;
  return lines.map((l) => {
    const n = tagPrefixLength(l.text);
    return n > 0 ? l.text.slice(n) : null;
  });
}

/**
 * true for a line tagged as a heading (`[H2] …`), false for a list item (`[LI] …`), null otherwise
 * (a `<p>` is often a subheading in bold, so it says nothing).
 */
export function tagHeading(line: string): boolean | null {
  if (tagPrefixLength(line) === 0) return null;
  const name = TAG_PREFIX.exec(line)![1].toUpperCase();
  return /^H[1-6]$/.test(name) ? true : name === 'LI' ? false : null;
}
