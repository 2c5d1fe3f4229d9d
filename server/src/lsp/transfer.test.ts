// What the analysis worker sends back (transfer.ts): the findings packed into numbers and a string
// table come back the same, fixes, severities, hashes and unusual shapes included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { analyze } from '../engine/analyze';
import type { Finding } from '../rules/types';
import { packFindings, unpackFindings } from './transfer';

const DIR = 'test/fixtures/real';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(DIR, f), 'utf8'));

/** Through a structured clone, as postMessage copies it. */
const copied = <T>(x: T): T => deserialize(serialize(x)) as T;

test('the findings of every real fixture come back deep-equal after packing and a copy', () => {
  let total = 0;
  let related = 0;
  for (const text of FILES) {
    const { findings } = analyze(text);
    total += findings.length;
    related += findings.filter((f) => f.related).length;
    assert.deepStrictEqual(unpackFindings(copied(packFindings(findings))), findings);
  }
  assert.ok(total > 500 && related > 0, `${total} findings, ${related} with related locations`);
});

test('findings of unusual shapes travel as they are', () => {
  const findings: Finding[] = [
    { code: 'a', severity: 'warning', message: 'm', start: 0, end: 3, fixes: [] },
    { code: 'a', severity: 'hint', message: 'm', start: 1, end: 2, fixes: [{ title: 't', edits: [{ start: 1, end: 2, newText: '' }], applicability: 'unsafe' }], hash: '00ff00ff' },
    { code: 'b', severity: 'error', message: 'n', start: 2, end: 9, fixes: [{ title: 's', edits: [], sidecar: { fileName: 'x.json', json: { a: [1, 2] } } }] },
    { code: 'c', severity: 'information', message: 'r', start: 4, end: 5, related: [{ message: 'there', start: 7, end: 8 }], fixes: [{ title: 't', edits: [{ start: 4, end: 5, newText: 'ừ' }, { start: 5, end: 5, newText: 'x' }], applicability: 'safe' }] },
  ];
  const back = unpackFindings(copied(packFindings(findings)));
  assert.deepStrictEqual(back, findings);
});
