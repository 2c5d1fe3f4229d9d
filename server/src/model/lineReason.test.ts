// A run of teasers is one block, but the recognizer read each of its lines on its own: a hover on
// one of them gives that line's reason, not the run's first line's (a paragraph swept into a run
// showed the header's "a site-chrome phrase" as its reason).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle, reasonAtLine } from './article';
import { defaultKnowledge } from './knowledge';
import { prepare, reasonFor, recognize } from './recognize';
import { TEASER_RUN } from '../testing/teaserRun';

test('each line of a teaser run has its own reason: the one the recognizer gives that line', () => {
  const a = parseArticle(TEASER_RUN);
  const run = a.blocks.find((b) => b.kind === 'related' && b.endLine > b.startLine);
  assert.ok(run, JSON.stringify(a.blocks.map((b) => [b.kind, b.startLine, b.endLine])));
  // the run's first line: the block's reason (the header, a chrome phrase)
  assert.equal(reasonAtLine(run, run.startLine), run.reason);
  assert.match(run.reason ?? '', /site-chrome phrase/);
  // what the recognizer says of each other line, read from its scores directly
  const p = prepare(TEASER_RUN, defaultKnowledge);
  const r = recognize(p, defaultKnowledge.recognizer);
  for (let line = run.startLine + 1; line <= run.endLine; line++) {
    const j = p.content.indexOf(line);
    const own = reasonFor(defaultKnowledge.recognizer, p.featuresOf(j), r.kinds[j], r.confidence[j], r.second[j], r.ruled.get(j));
    assert.equal(reasonAtLine(run, line), own, `line ${line + 1}`);
    assert.notEqual(reasonAtLine(run, line), run.reason, `line ${line + 1} has a reason of its own`);
    assert.doesNotMatch(own, /site-chrome phrase/);
  }
  // a line outside the block: the block's reason (never another block's)
  assert.equal(reasonAtLine(run, 0), run.reason);
});
