// Every word the extension, the server and the CLI show exists in Vietnamese: each t('…') key in
// the source has a translation that keeps its placeholders, and on every labelled article no
// diagnostic message, related message, fix title or outline label reads the same in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { buildOutline, type OutlineNode } from '../../server/src/model/outline';
import { setLocale } from '../../server/src/l10n';
import { buildCorpusFromTexts } from '../../server/src/index/corpus';
import { parseArticle } from '../../server/src/model/article';

const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.vi.json', 'utf8')) as Record<string, string>;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

test('every literal t() key of the server, the engine and the client has a Vietnamese translation with the same placeholders', () => {
  const missing: string[] = [];
  const bad: string[] = [];
  const re = /\bt\(\s*'((?:[^'\\]|\\.)*)'/g;
  let n = 0;
  for (const file of [...sources('server/src'), ...sources('client/src')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(re)) {
      const key = m[1].replace(/\\'/g, "'").replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      n++;
      const vi = bundle[key];
      if (vi === undefined) {
        missing.push(`${file}: ${key}`);
        continue;
      }
      const ph = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join(',');
      if (ph(vi) !== ph(key)) bad.push(`${key} → ${vi}`);
    }
  }
  assert.ok(n > 250, `t() calls found: ${n}`);
  assert.deepEqual(missing, [], 'keys without Vietnamese');
  assert.deepEqual(bad, [], 'translations whose placeholders differ');
});

function articles(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const dir of ['seeds', 'test/fixtures/real', 'test/fixtures/blind']) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) out.push({ file: path.resolve(dir, f), text: readFileSync(path.join(dir, f), 'utf8') });
  }
  return out;
}

/**
 * The outline's generated labels (names and details that are not the article's own text), chosen
 * on the English tree and read at the same places of the other tree: [English, other] pairs.
 */
function labels(en: OutlineNode[], other: OutlineNode[], out: Array<[string, string]> = []): Array<[string, string]> {
  assert.equal(other.length, en.length, 'the same outline');
  en.forEach((n, i) => {
    const o = other[i];
    if (['junk', 'related', 'php-dump', 'more'].includes(n.kind) || /^\((kicker|dateline|byline|headline|heading|caption|boilerplate|paragraph|no headline|record)\)$/.test(n.name)) out.push([n.name, o.name]);
    if (n.detail && !/^\d{4}-\d\d/.test(n.detail) && !n.detail.startsWith('[')) out.push([n.detail, o.detail ?? '']);
    labels(n.children, o.children, out);
  });
  return out;
}

test('with locale vi, no message, related message, fix title or outline label on the labelled articles reads as in English', () => {
  const all = articles();
  const corpus = buildCorpusFromTexts(all);
  const run = (locale: string) => {
    setLocale(locale);
    try {
      return all.map(({ file, text }) => {
        const { article, findings } = analyze(text, { file, corpus });
        return {
          messages: findings.map((f) => f.message),
          related: findings.flatMap((f) => (f.related ?? []).map((r) => r.message)),
          titles: findings.flatMap((f) => f.fixes.map((x) => x.title)),
          outline: buildOutline(article),
        };
      });
    } finally {
      setLocale('en');
    }
  };
  const en = run('en');
  const vi = run('vi');
  let compared = 0;
  const same: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (const [e, v] of labels(en[i].outline, vi[i].outline)) {
      compared++;
      if (v === e) same.push(`${path.basename(all[i].file)} outline: ${e}`);
    }
    for (const k of ['messages', 'related', 'titles'] as const) {
      assert.equal(vi[i][k].length, en[i][k].length, `${all[i].file}: as many ${k}`);
      en[i][k].forEach((e, j) => {
        compared++;
        if (vi[i][k][j] === e) same.push(`${path.basename(all[i].file)} ${k}: ${e}`);
      });
    }
  }
  assert.ok(compared > 2000, `strings compared: ${compared}`);
  assert.deepEqual(same.slice(0, 20), [], `${same.length} strings read the same in Vietnamese`);
});

test("with locale vi, the hovers' reasons on the labelled articles hold no English word of the feature descriptions", () => {
  // the words the English reasons are made of (a few are also Vietnamese-free tokens like "nav")
  const english = /\b(the|line|lines|above|below|words?|ends?|with|first|last|mid|inner|only|short|tiny|long|same|usual|more|less|space|block|run|share|capitalised|none|nav|widget|footer|teaser|else)\b/i;
  const reasons = (locale: string) => {
    setLocale(locale);
    try {
      return articles().flatMap(({ text }) => parseArticle(text).blocks.map((b) => b.reason ?? ''));
    } finally {
      setLocale('en');
    }
  };
  const en = reasons('en');
  const vi = reasons('vi');
  assert.equal(vi.length, en.length);
  assert.ok(en.filter((r) => r).length > 2000, `reasons: ${en.length}`);
  const bad: string[] = [];
  vi.forEach((r, i) => {
    if (!r) return;
    // the article's own words quoted in lexical clues ("first word …") are not ours to translate
    const ours = r.replace(/"[^"]*"/g, '');
    if (ours === en[i].replace(/"[^"]*"/g, '') || english.test(ours)) bad.push(`${en[i]}  →  ${r}`);
  });
  assert.deepEqual(bad.slice(0, 10), [], `${bad.length} reasons with English words`);
});
