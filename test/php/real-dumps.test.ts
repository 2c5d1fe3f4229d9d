// The ten real PHP dumps of the real-dev set (shared/real-dev, README "PHP dumps"), checked against
// their gold ranges. test/fixtures/dumps/ holds each dump's lines with two lines of context on each
// side (not the whole articles, which belong to their publishers); manifest.json gives the
// expected 1-based ranges within each excerpt, copied from the `php-dump` blocks of the gold files.
// When ../shared/real-dev is there (as on developers' machines and in CI), the whole articles are
// checked too: every php-dump block found exactly, and no other line of the 32 files taken.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findDumps } from '../../server/src/model/phpdump';
import type { PhpValue } from '../../server/src/model/types';

function findUp(rel: string): string | null {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const p = join(dir, rel);
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) return null;
  }
}

interface Entry { file: string; source: string; sourceLines: [number, number]; eol: string; dumps: Array<{ startLine: number; endLine: number }> }

const manifestPath = findUp('test/fixtures/dumps/manifest.json');
const fixtures = manifestPath ? dirname(manifestPath) : '';

const split = (text: string): string[] => text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

function at(v: PhpValue, ...path: string[]): PhpValue {
  let cur = v;
  for (const k of path) {
    assert.ok(cur.type === 'array' || cur.type === 'object', `no container at ${k}`);
    const e = cur.entries.find((x) => x.key === k);
    assert.ok(e, `no key ${k}`);
    cur = e.value;
  }
  return cur;
}

const scalar = (v: PhpValue): string => (v.type === 'scalar' ? v.value : `<${v.type}>`);

/** What each real dump is, and a few values from its tree. */
const EXPECT: Record<string, { format: string; variant?: string; truncated: boolean; check: (root: PhpValue) => void }> = {
  'd02_plo.txt': {
    format: 'var_dump', variant: 'xdebug-html', truncated: false,
    check: (r) => {
      assert.equal(r.type === 'array' && r.entries.length, 3);
      assert.equal(at(r, '0').type === 'object' && (at(r, '0') as { className?: string }).className, 'stdClass');
      assert.equal(scalar(at(r, '0', 'title')), 'joomla');
      assert.equal(scalar(at(r, '1', 'tags')), 'NULL');
      assert.equal(scalar(at(r, '2', 'tags')), 'un1,questionstag,question1');
      assert.equal(scalar(at(r, '2', 'description')), '');
    },
  },
  'd05_tuoitre.txt': {
    format: 'var_export', truncated: true,
    check: (r) => {
      assert.equal(scalar(at(r, 'permission', 'models', 'role')), 'Spatie\\Permission\\Models\\Role');
      assert.equal(scalar(at(r, 'permission', 'cache', 'expiration_time', 'h')), '24');
      assert.equal((at(r, 'permission', 'cache', 'expiration_time') as { className?: string }).className, 'DateInterval');
      assert.equal(scalar(at(r, 'permission', 'cache', 'store')), 'default');
    },
  },
  'd07_haiduong.txt': {
    format: 'print_r', truncated: false,
    check: (r) => {
      assert.deepEqual(r.type === 'array' && r.entries.map((e) => [e.key, scalar(e.value)]),
        [['TieuDe', ''], ['TomTat', ''], ['NoiDung', ''], ['AnHien', '0']]);
    },
  },
  'd12_dantri.txt': {
    format: 'print_r', truncated: false,
    check: (r) => {
      assert.equal(scalar(at(r, 'data', '1', 'name')), 'Reading');
      assert.match(scalar(at(r, 'paging', 'next')), /^https:\/\/graph\.facebook\.com\/me\/interests\?.*__after_id=136550053041283$/);
    },
  },
  'd14_laodong.txt': {
    format: 'var_dump', truncated: false,
    check: (r) => {
      assert.equal(scalar(at(r, '0', 'nazwa')), 'MARGARITA');
      assert.equal(scalar(at(r, '0', 'ceny', '0', 'mała')), '18zł');
      assert.equal(scalar(at(r, '1', 'składniki')), 'sos pomidorowy, ser, oregano, pepperoni, papryka ');
    },
  },
  'd17_phapluatnews.txt': {
    format: 'print_r', truncated: true,
    check: (r) => {
      assert.equal(scalar(at(r, 'attributes', 'stripe_id')), 'sub_G6R9MKHCSxbASD');
      assert.equal(r.type === 'object' && r.entries[0]!.visibility, 'protected');
      assert.equal(scalar(at(r, 'attributes', 'service_subscription_price')), '');
    },
  },
  'd18_zing.txt': {
    format: 'print_r', truncated: false,
    check: (r) => {
      assert.equal((r as { className?: string }).className, 'Guzzle\\Service\\Resource\\Model');
      assert.equal(scalar(at(r, 'data', 'ETag')), '"698d51a19d8a121ce581499d7b701668"');
      assert.equal(scalar(at(r, 'structure')), '');
    },
  },
  'd24_vnexpress.txt': {
    format: 'print_r', truncated: true,
    check: (r) => {
      assert.equal(scalar(at(r, '198', 'data', 'variation_id')), '0');
      assert.equal((at(r, '198') as { className?: string }).className, 'WC_Order_Item_Product');
    },
  },
  'd27_thanhnien.txt': {
    format: 'var_dump', truncated: false,
    check: (r) => {
      assert.equal(scalar(at(r, 'Headers', 'subject:')), 'Amazon SES Setup Notification');
      assert.equal(scalar(at(r, 'BodyLength')), '484');
      assert.equal(scalar(at(r, 'ExtractedAddresses', 'from:', '0', 'name')), 'Amazon Web Services');
    },
  },
  'd29_vnpca.txt': {
    format: 'var_export', truncated: false,
    check: (r) => {
      assert.equal((r as { className?: string }).className, 'DateTime');
      assert.equal(scalar(at(r, 'timezone')), '+00:49');
    },
  },
};

test('real dumps (test/fixtures/dumps): each found exactly, with nothing else, format and tree as expected', () => {
  assert.ok(manifestPath, 'test/fixtures/dumps/manifest.json is missing');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Entry[];
  assert.equal(manifest.length, 10);
  const report: string[] = [];
  for (const m of manifest) {
    const raw = readFileSync(join(fixtures, m.file), 'utf8');
    if (m.eol === 'CRLF') assert.ok(raw.includes('\r\n'), `${m.file} kept its CRLF line ends`);
    const lines = split(raw);
    const ds = findDumps(lines);
    const got = ds.map((d) => [d.startLine + 1, d.endLine + 1]);
    assert.deepEqual(got, m.dumps.map((d) => [d.startLine, d.endLine]), `${m.source}: dump ranges`);
    const exp = EXPECT[m.source];
    assert.ok(exp, `no expectations for ${m.source}`);
    for (const d of ds) {
      assert.equal(d.format, exp.format, `${m.source}: format`);
      assert.equal(d.variant, exp.variant, `${m.source}: variant`);
      assert.equal(d.truncated, exp.truncated, `${m.source}: truncated`);
      assert.equal(d.startColumn, 0, `${m.source}: a dump on lines of its own starts at column 0`);
      assert.equal(d.endColumn, lines[d.endLine]!.length, `${m.source}: ... and ends at the line's end`);
      exp.check(d.root);
    }
    report.push(`${m.source} ${got.map(([a, b]) => `${a! + m.sourceLines[0] - 1}-${b! + m.sourceLines[0] - 1}`).join(',')}`);
  }
  process.stdout.write(`# real dumps found (article lines): ${report.join('; ')}\n`);
});

test('real-dev articles (../shared/real-dev, when present): php-dump gold blocks found exactly, nothing else', (t) => {
  const root = manifestPath ? dirname(dirname(dirname(dirname(manifestPath)))) : process.cwd();
  const dir = [join(root, '..', 'shared', 'real-dev'), join(root, 'shared', 'real-dev')].find((p) => existsSync(p));
  if (!dir) {
    t.skip('../shared/real-dev is not beside this checkout; the fixture test above covers the ten dumps');
    return;
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.gold.json')).sort();
  assert.ok(files.length >= 10);
  let withDumps = 0;
  for (const f of files) {
    const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { file: string; blocks: Array<{ kind: string; startLine: number; endLine: number }> };
    const lines = split(readFileSync(join(dir, gold.file), 'utf8'));
    const expected = gold.blocks.filter((b) => b.kind === 'php-dump').map((b) => [b.startLine, b.endLine]);
    const got = findDumps(lines).map((d) => [d.startLine + 1, d.endLine + 1]);
    assert.deepEqual(got, expected, `${gold.file}: php-dump blocks`);
    if (expected.length > 0) withDumps++;
  }
  assert.equal(withDumps, 10);
});
