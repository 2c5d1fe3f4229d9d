// The labelled sets the model is measured on, and the publisher ("source") of every article, which
// leave-one-source-out evaluation holds out as a whole.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { GoldFile } from './score';

export interface LabelledDoc {
  set: string;
  file: string;
  /** Absolute path of the text. */
  path: string;
  text: string;
  gold: GoldFile;
  /** Publisher key: articles of one source are held out together. */
  source: string;
}

export interface LabelledSet {
  name: string;
  /** Real scraped text (as opposed to synthetic fixtures written by the team). */
  real: boolean;
  /** Used to train the learned model (and so scored leave-one-source-out). */
  train: boolean;
  /**
   * Weight of its articles in training (the seeds, the product's reference, must come out exactly).
   * The synthetic fixtures are not trained on: measured, adding them (weight 0.5) cost the real sets
   * a point of line accuracy leave-one-source-out, their conventions differ in places.
   */
  weight?: number;
  docs: LabelledDoc[];
}

/** Site names as they appear in file names or manifests, to one key per publisher. */
const ALIASES: Record<string, string> = {
  znews: 'zing', 'zing.vn': 'zing', 'news.zing.vn': 'zing', 'znews.vn': 'zing',
  nguoilaodong: 'nld', 'nld.com.vn': 'nld',
};

/** `https://thethao.tuoitre.vn/x` or `thethao.tuoitre.vn` or `tuoitre` -> `tuoitre`. */
export function sourceKey(site: string): string {
  let s = site.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').split('/')[0].replace(/^(www|m|amp)\./, '');
  if (ALIASES[s]) return ALIASES[s];
  const parts = s.split('.');
  if (parts.length >= 2) {
    // drop the public suffix (.vn, .com.vn, .net, .org.vn, …) and any subdomain: keep the registrable name
    const suffixes = new Set(['vn', 'com', 'net', 'org', 'info', 'xyz', 'today', 'news', 'gov', 'edu', 'de', 'biz', 'online', 'io', 'co', 'uk', 'us', 'fr', 'tv', 'me']);
    while (parts.length > 1 && suffixes.has(parts[parts.length - 1])) parts.pop();
    s = parts[parts.length - 1];
  }
  return ALIASES[s] ?? s;
}

function readGolds(dir: string): GoldFile[] {
  return readdirSync(dir).filter((f) => f.endsWith('.gold.json')).sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as GoldFile);
}

function loadDir(name: string, textDir: string, goldDir: string, sourceOf: (file: string) => string, flags: { real: boolean; train: boolean; weight?: number }): LabelledSet | null {
  if (!existsSync(textDir) || !existsSync(goldDir)) return null;
  const docs: LabelledDoc[] = [];
  for (const gold of readGolds(goldDir)) {
    const p = path.resolve(textDir, gold.file);
    if (!existsSync(p)) continue;
    docs.push({ set: name, file: gold.file, path: p, text: readFileSync(p, 'utf8'), gold, source: sourceOf(gold.file) });
  }
  return { name, ...flags, docs };
}

/** `001_laodong.txt`, `d05_tuoitre.txt` -> the site part. */
const siteOfName = (file: string) => sourceKey(file.replace(/\.txt$/, '').replace(/^[a-z]*\d+_/, ''));

export interface SetOptions {
  /** The repository root. */
  root: string;
  /** ../shared/real-dev, when present (not part of the repository). */
  realDev?: string;
}

export function loadSets(opts: SetOptions): LabelledSet[] {
  const r = (p: string) => path.join(opts.root, p);
  const sets: Array<LabelledSet | null> = [
    loadDir('seeds', r('seeds'), r('test/fixtures/gold'), (f) => `seed-${f.slice(0, 3)}`, { real: true, train: true, weight: 4 }),
    loadDir('fixtures/blind', r('test/fixtures/blind'), r('test/fixtures/blind'), siteOfName, { real: false, train: false }),
    loadDir('fixtures/heldout', r('test/fixtures/heldout'), r('test/fixtures/heldout'), siteOfName, { real: false, train: false }),
  ];
  const realDir = r('test/fixtures/real');
  const manifest = path.join(realDir, 'manifest.json');
  if (existsSync(manifest)) {
    const entries = JSON.parse(readFileSync(manifest, 'utf8')) as Array<{ file: string; publisher: string; train?: boolean }>;
    const pub = new Map(entries.map((e) => [e.file, sourceKey(e.publisher)]));
    const all = loadDir('real', realDir, realDir, (f) => pub.get(f) ?? siteOfName(f), { real: true, train: true });
    // articles the manifest marks `"train": false` (with `whyNotTrained`) are scored, not trained on
    const notTrained = new Set(entries.filter((e) => e.train === false).map((e) => e.file));
    if (all) {
      sets.push({ ...all, docs: all.docs.filter((d) => !notTrained.has(d.file)) });
      sets.push({ ...all, name: 'real/not-trained', train: false, docs: all.docs.filter((d) => notTrained.has(d.file)) });
    }
  }
  if (opts.realDev && existsSync(opts.realDev)) {
    sets.push(loadDir('real-dev', opts.realDev, opts.realDev, siteOfName, { real: true, train: false }));
  }
  return sets.filter((s): s is LabelledSet => s !== null && s.docs.length > 0);
}
