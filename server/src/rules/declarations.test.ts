// The rules' declarations say what the rules do: checked against what they report on every labelled
// article (the seeds and the real fixtures), and the engine's severities against the settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../engine/analyze';
import { DEFAULT_CONFIG, mergeConfig } from '../engine/config';
import { buildCorpusFromTexts } from '../index/corpus';
import { RULES, REMOVABLE_CODES, severityOf } from './registry';
import type { Finding } from './types';

function articles(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const dir of ['seeds', 'test/fixtures/real', 'test/fixtures/blind', 'test/fixtures/heldout']) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
      out.push({ file: path.resolve(dir, f), text: readFileSync(path.join(dir, f), 'utf8') });
    }
  }
  return out;
}

test('every rule declares itself fully: code as its file, tags, description, flags, fix availability, docs page', () => {
  const codes = new Set<string>();
  for (const r of RULES) {
    assert.ok(!codes.has(r.code), `${r.code} declared twice`);
    codes.add(r.code);
    assert.ok(existsSync(path.join('server/src/rules', `${r.code}.ts`)), `${r.code}: its own file`);
    assert.ok(r.tags.length > 0, `${r.code}: tags`);
    assert.ok(/^[A-Z].*\.$/.test(r.description), `${r.code}: a one-sentence description`);
    assert.ok(r.flags.length > 0, `${r.code}: flags`);
    assert.ok(['always', 'sometimes', 'never'].includes(r.fix.availability), `${r.code}: fix availability`);
    assert.ok(!(r.fix.availability === 'never' && r.fix.unsafe), `${r.code}: no fix, so no unsafe fix`);
    assert.equal(r.corpus === true, r.tags.includes('corpus'), `${r.code}: the corpus tag matches corpus`);
    const doc = readFileSync(path.join('docs/rules', `${r.code}.md`), 'utf8');
    assert.ok(doc.includes(`from the declaration in server/src/rules/${r.code}.ts`), `${r.code}: generated docs header`);
  }
  assert.deepEqual([...REMOVABLE_CODES].sort(), RULES.filter((r) => r.removable).map((r) => r.code).sort());
});

test('what the rules report on every labelled article agrees with what they declare', () => {
  const all = articles();
  assert.ok(all.length >= 40, `labelled articles found (${all.length})`);
  const corpus = buildCorpusFromTexts(all);
  const seen = new Map<string, { findings: number; fixed: number; unfixed: number; unsafe: number; demoted: number }>();
  for (const { file, text } of all) {
    const { findings } = analyze(text, { file, corpus });
    for (const f of findings) {
      const rule = RULES.find((r) => r.code === f.code)!;
      assert.ok(rule, `a finding of an unknown rule ${f.code}`);
      const s = seen.get(f.code) ?? { findings: 0, fixed: 0, unfixed: 0, unsafe: 0, demoted: 0 };
      seen.set(f.code, s);
      s.findings++;
      const fixable = f.fixes.some((x) => x.edits.length > 0 || x.sidecar);
      if (fixable) s.fixed++;
      else s.unfixed++;
      if (f.fixes.some((x) => x.applicability === 'unsafe')) s.unsafe++;
      if (f.demoted) s.demoted++;
      const where = `${path.basename(file)}: ${f.code} “${f.message.slice(0, 60)}”`;
      if (rule.fix.availability === 'never') assert.ok(!fixable, `${where}: declared never fixable, has a fix`);
      if (rule.fix.availability === 'always') assert.ok(fixable, `${where}: declared always fixable, has none`);
      if (!rule.fix.unsafe) assert.ok(f.fixes.every((x) => x.applicability !== 'unsafe'), `${where}: an unsafe fix, none declared`);
      if (!rule.demoted) assert.equal(f.demoted, undefined, `${where}: demoted, not declared`);
      assert.equal(f.severity, severityOf(rule, undefined, f.demoted !== undefined), where);
    }
  }
  // the data exercises the declarations: most rules report something, and "sometimes" means both
  assert.ok(seen.size >= 9, `rules seen: ${[...seen.keys()].join(', ')}`);
  const u = seen.get('unicode');
  if (u) assert.ok(u.fixed > 0, 'unicode fixes some findings');
});

function nbspAndDoubleSpace(): string {
  return [
    'Tiêu đề bài báo về thời tiết hôm nay',
    '',
    'Hà Nội hôm nay trời nắng\u00a0đẹp, nhiệt độ cao nhất khoảng 32 độ C theo dự báo của trung tâm.',
    '',
    'Người dân  đổ ra đường đi chơi rất đông vào buổi chiều, các tuyến phố chính khá đông đúc.',
    '',
  ].join('\n');
}

test('a configured severity applies to every finding of the rule; demoted ones stay at most information', () => {
  const text = nbspAndDoubleSpace();
  const sev = (rules: Record<string, string>) => {
    const { config } = mergeConfig(undefined, { rules });
    return analyze(text, { config }).findings.filter((f: Finding) => f.code === 'whitespace').map((f) => `${f.demoted ?? 'plain'}:${f.severity}`).sort();
  };
  assert.deepEqual(sev({}), ['plain:warning', 'style:information']);
  assert.deepEqual(sev({ whitespace: 'error' }), ['plain:error', 'style:information']);
  // set lower than information, the demoted finding goes lower too (it used to stay information)
  assert.deepEqual(sev({ whitespace: 'hint' }), ['plain:hint', 'style:hint']);
  assert.deepEqual(sev({ whitespace: 'off' }), []);
});

test('severity is the engine\'s: a rule whose default changes still takes the user\'s setting', () => {
  // the old engine applied a setting only to findings at the rule's default severity
  assert.equal(severityOf({ defaultSeverity: 'information' }, 'error', false), 'error');
  assert.equal(severityOf({ defaultSeverity: 'warning' }, undefined, false), 'warning');
  assert.equal(severityOf({ defaultSeverity: 'warning' }, undefined, true), 'information');
  assert.equal(severityOf({ defaultSeverity: 'hint' }, undefined, true), 'hint');
  // structure's default is hint; set to warning, all its findings are warnings
  const { config } = mergeConfig(undefined, { rules: { structure: 'warning' } });
  const fs = analyze('một dòng không có gì\n', { config }).findings.filter((f) => f.code === 'structure');
  assert.ok(fs.length > 0);
  assert.ok(fs.every((f) => f.severity === 'warning'));
  assert.ok(analyze('một dòng không có gì\n', { config: DEFAULT_CONFIG }).findings.filter((f) => f.code === 'structure').every((f) => f.severity === 'hint'));
});
