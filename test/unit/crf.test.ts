// The linear-chain CRF: decoding under the article's constraints is exact (checked against brute
// force), training reaches the one optimum of its objective whatever the order of the data, learns
// what it is shown, and the model survives its data file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, decodePosterior, modelFromJson, modelToJson, train, trainingObjective, type CrfModel, type TrainingSequence } from '../../server/src/model/crf';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
}

const FEATS = ['a', 'b', 'c', 'd', 'e'];
function randomModel(r: () => number, L = 4): CrfModel {
  return {
    labels: ['x', 'H', 'D', 'y'].slice(0, L),
    index: new Map(FEATS.map((f, i) => [f, i])),
    emit: Float64Array.from({ length: FEATS.length * L }, () => (r() - 0.5) * 4),
    trans: Float64Array.from({ length: (L + 1) * L }, () => (r() - 0.5) * 4),
    end: Float64Array.from({ length: L }, () => r() - 0.5),
  };
}

function pathScore(m: CrfModel, xs: string[][], path: number[]): number {
  const L = m.labels.length;
  let s = 0;
  for (let t = 0; t < xs.length; t++) {
    for (const f of xs[t]) s += m.emit[m.index.get(f)! * L + path[t]];
    s += m.trans[(t === 0 ? 0 : path[t - 1] + 1) * L + path[t]];
  }
  return s + m.end[path[xs.length - 1]];
}

test('constrained Viterbi finds the best path with at most one H, one D, D never after... (brute force, 2,000 random cases)', () => {
  const r = rng(7);
  for (let trial = 0; trial < 2000; trial++) {
    const m = randomModel(r);
    const T = 1 + Math.floor(r() * 6);
    const xs = Array.from({ length: T }, () => FEATS.filter(() => r() < 0.5));
    let best = -Infinity;
    for (let code = 0; code < 4 ** T; code++) {
      const p: number[] = [];
      for (let t = 0, c = code; t < T; t++, c = Math.floor(c / 4)) p.push(c % 4);
      if (p.filter((y) => y === 1).length > 1 || p.filter((y) => y === 2).length > 1) continue;
      if (p.indexOf(2) >= 0 && p.indexOf(1) >= 0 && p.indexOf(2) > p.indexOf(1)) continue; // D before H only
      if (!p.some((y) => y === 0 || y === 3)) continue; // some x or y
      best = Math.max(best, pathScore(m, xs, p));
    }
    const got = decode(m, xs, { once: [1, 2], before: [[2, 1]], some: [0, 3] });
    if (best === -Infinity) continue;
    assert.ok(Math.abs(pathScore(m, xs, got.path) - best) < 1e-9, `trial ${trial}`);
  }
});

test('marginals are probabilities; posterior decoding keeps the constraints', () => {
  const r = rng(11);
  for (let trial = 0; trial < 500; trial++) {
    const m = randomModel(r);
    const T = 1 + Math.floor(r() * 12);
    const xs = Array.from({ length: T }, () => FEATS.filter(() => r() < 0.5));
    const d = decodePosterior(m, xs, { once: [1, 2], before: [[2, 1]], some: [0] });
    for (let t = 0; t < T; t++) {
      let sum = 0;
      for (let y = 0; y < 4; y++) sum += d.marginals[t * 4 + y];
      assert.ok(Math.abs(sum - 1) < 1e-9);
    }
    assert.ok(d.path.filter((y) => y === 1).length <= 1);
    assert.ok(d.path.filter((y) => y === 2).length <= 1);
    const h = d.path.indexOf(1), dd = d.path.indexOf(2);
    assert.ok(!(h >= 0 && dd > h), 'D after H');
    assert.ok(d.path.includes(0), 'the `some` label occurs');
  }
});

test('training learns a toy language, deterministically, and the data file round-trips', () => {
  // a label is signalled by its feature, and "H" is always followed by "D"
  const r = rng(3);
  const labels = ['x', 'H', 'D'];
  const data = Array.from({ length: 60 }, (_, i) => {
    const T = 3 + Math.floor(r() * 5);
    const ys = Array.from({ length: T }, () => 0);
    const h = Math.floor(r() * (T - 1));
    ys[h] = 1;
    ys[h + 1] = 2;
    return { features: ys.map((y) => ['bias', y === 1 ? 'looks-H' : r() < 0.5 ? 'noise' : 'other']), labels: ys, group: `g${i % 6}` };
  });
  const m1 = train(labels, data);
  const m2 = train(labels, data);
  assert.deepEqual(modelToJson(m1), modelToJson(m2));
  // the D after H is learned from the transitions alone (no feature says D)
  const d = decode(m1, [['bias', 'noise'], ['bias', 'looks-H'], ['bias', 'other'], ['bias', 'noise']]);
  assert.deepEqual(d.path, [0, 1, 2, 0]);
  const back = modelFromJson(JSON.parse(JSON.stringify(modelToJson(m1))));
  assert.deepEqual(decode(back, [['bias', 'looks-H'], ['bias', 'noise']]).path, [1, 2]);
});

test('a feature seen in fewer sources than minGroups is not learned', () => {
  const data = [
    { features: [['rare'], ['common']], labels: [0, 1], group: 'a' },
    { features: [['common'], ['common']], labels: [1, 1], group: 'b' },
  ];
  const m = train(['x', 'y'], data, { minGroups: 2 });
  assert.equal(m.index.has('rare'), false);
  assert.equal(m.index.has('common'), true);
});

/** Sequences whose labels the features only hint at, so the optimum is not at the edge. */
function noisyData(seed: number, n: number): TrainingSequence[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const T = 1 + Math.floor(r() * 7);
    const ys = Array.from({ length: T }, () => Math.floor(r() * 3));
    return {
      features: ys.map((y) => ['bias', 'f' + ((y + (r() < 0.3 ? 1 : 0)) % 3), r() < 0.5 ? 'g' : 'h']),
      labels: ys,
      group: `g${i % 4}`,
      weight: 0.5 + r(),
    };
  });
}

test('training converges: the weights are the optimum, the same whatever the order of the data', () => {
  // a trainer that stops short of the optimum (stochastic steps, a fixed number of epochs) gives
  // weights that depend on the order it saw the articles in, and so does every figure measured with it
  const labels = ['x', 'y', 'z'];
  const data = noisyData(11, 80);
  const r = rng(5);
  const shuffled = data.map((d) => [r(), d] as const).sort((a, b) => a[0] - b[0]).map(([, d]) => d);
  const a = train(labels, data, { optimizer: 'lbfgs', l2: 0.5 });
  const b = train(labels, [...shuffled].reverse(), { optimizer: 'lbfgs', l2: 0.5 });
  let most = 0;
  for (const [name, row] of a.index) for (let y = 0; y < 3; y++) most = Math.max(most, Math.abs(a.emit[row * 3 + y] - b.emit[b.index.get(name)! * 3 + y]));
  for (let k = 0; k < a.trans.length; k++) most = Math.max(most, Math.abs(a.trans[k] - b.trans[k]));
  assert.ok(most < 1e-3, `weights differ by ${most} with the data in another order`);
  // and at those weights the gradient of the objective vanishes
  const o = trainingObjective(labels, data, { l2: 0.5 });
  const theta = new Float64Array(o.size);
  const L = 3;
  for (const [name, row] of o.index) for (let y = 0; y < L; y++) theta[row * L + y] = a.emit[a.index.get(name)! * L + y];
  theta.set(a.trans, o.index.size * L);
  theta.set(a.end, o.index.size * L + a.trans.length);
  const g = new Float64Array(o.size);
  o.fg(theta, g);
  assert.ok(Math.hypot(...g) < 1e-3, `gradient ${Math.hypot(...g)} at the trained weights`);
});

test('the training objective\'s gradient is its derivative (finite differences), for both L2 scalings', () => {
  const data = noisyData(2, 10);
  const r = rng(9);
  for (const l2Scale of ['uniform', 'occurrence'] as const) {
    const o = trainingObjective(['x', 'y', 'z'], data, { l2: 0.7, l2Scale });
    const theta = Float64Array.from({ length: o.size }, () => r() * 2 - 1);
    const g = new Float64Array(o.size);
    o.fg(theta, g);
    const scratch = new Float64Array(o.size);
    for (let k = 0; k < o.size; k++) {
      const e = 1e-6;
      const up = theta.slice(); up[k] += e;
      const down = theta.slice(); down[k] -= e;
      const numeric = (o.fg(up, scratch) - o.fg(down, scratch)) / (2 * e);
      assert.ok(Math.abs(numeric - g[k]) < 1e-5, `${l2Scale} weight ${k}: gradient ${g[k]}, finite difference ${numeric}`);
    }
  }
});
