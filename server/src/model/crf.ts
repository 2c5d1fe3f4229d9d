// A linear-chain conditional random field over the lines of an article: each content line gets one
// label (a block kind) from its features and from its neighbours' labels. Inference is Viterbi
// (the best labelling) and forward-backward (how sure the model is of each line's label).
// Training finds the optimum of the L2-regularised log-likelihood with L-BFGS (full batch, to
// convergence), so the same data always gives the same weights. Pure: no I/O.

export interface CrfModel {
  labels: readonly string[];
  /** Feature name -> row of `emit`. */
  index: Map<string, number>;
  /** Emission weights, row-major: emit[row * L + label]. */
  emit: Float64Array;
  /** Transition weights: trans[(prev + 1) * L + label]; prev = -1 is the start of the article. */
  trans: Float64Array;
  /** Weights of ending the article on a label. */
  end: Float64Array;
}

/** The model as stored in a data file: non-zero weights rounded, features by name. */
export interface CrfJson {
  labels: string[];
  features: Record<string, number[]>;
  trans: number[][];
  end: number[];
}

export function modelFromJson(j: CrfJson): CrfModel {
  const L = j.labels.length;
  const names = Object.keys(j.features);
  const emit = new Float64Array(names.length * L);
  const index = new Map<string, number>();
  names.forEach((n, r) => {
    index.set(n, r);
    const w = j.features[n];
    for (let y = 0; y < L; y++) emit[r * L + y] = w[y] ?? 0;
  });
  const trans = new Float64Array((L + 1) * L);
  j.trans.forEach((row, p) => row.forEach((w, y) => { trans[p * L + y] = w; }));
  return { labels: j.labels, index, emit, trans, end: Float64Array.from(j.end) };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function modelToJson(m: CrfModel): CrfJson {
  const L = m.labels.length;
  const features: Record<string, number[]> = {};
  for (const [name, r] of [...m.index].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const w = Array.from(m.emit.subarray(r * L, r * L + L), round);
    if (w.some((x) => x !== 0)) features[name] = w;
  }
  const trans: number[][] = [];
  for (let p = 0; p <= L; p++) trans.push(Array.from(m.trans.subarray(p * L, p * L + L), round));
  return { labels: [...m.labels], features, trans, end: Array.from(m.end, round) };
}

/** Emission scores of a sequence: scores[t * L + y]. */
function emissions(m: CrfModel, xs: readonly (readonly string[])[]): Float64Array {
  const L = m.labels.length;
  const s = new Float64Array(xs.length * L);
  for (let t = 0; t < xs.length; t++) emissionRow(m, xs[t], s, t * L);
  return s;
}

/** Adds one position's emission scores (its features' weights) into s[base .. base + L). */
export function emissionRow(m: CrfModel, features: readonly string[], s: Float64Array, base: number): void {
  const L = m.labels.length;
  for (const f of features) {
    const r = m.index.get(f);
    if (r === undefined) continue;
    const o = r * L;
    for (let y = 0; y < L; y++) s[base + y] += m.emit[o + y];
  }
}

function logSumExp(a: Float64Array, from: number, n: number): number {
  let mx = -Infinity;
  for (let i = 0; i < n; i++) if (a[from + i] > mx) mx = a[from + i];
  if (mx === -Infinity) return mx;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(a[from + i] - mx);
  return mx + Math.log(sum);
}

interface Lattice {
  alpha: Float64Array;
  beta: Float64Array;
  logZ: number;
}

function forwardBackward(m: CrfModel, s: Float64Array, T: number): Lattice {
  const L = m.labels.length;
  const alpha = new Float64Array(T * L);
  const beta = new Float64Array(T * L);
  const tmp = new Float64Array(L);
  for (let y = 0; y < L; y++) alpha[y] = m.trans[y] + s[y];
  for (let t = 1; t < T; t++) {
    for (let y = 0; y < L; y++) {
      for (let p = 0; p < L; p++) tmp[p] = alpha[(t - 1) * L + p] + m.trans[(p + 1) * L + y];
      alpha[t * L + y] = logSumExp(tmp, 0, L) + s[t * L + y];
    }
  }
  for (let y = 0; y < L; y++) beta[(T - 1) * L + y] = m.end[y];
  for (let t = T - 2; t >= 0; t--) {
    for (let p = 0; p < L; p++) {
      for (let y = 0; y < L; y++) tmp[y] = m.trans[(p + 1) * L + y] + s[(t + 1) * L + y] + beta[(t + 1) * L + y];
      beta[t * L + p] = logSumExp(tmp, 0, L);
    }
  }
  for (let y = 0; y < L; y++) tmp[y] = alpha[(T - 1) * L + y] + m.end[y];
  return { alpha, beta, logZ: logSumExp(tmp, 0, L) };
}

export interface Decoded {
  /** The best labelling (label indexes), one per position. */
  path: number[];
  /** Marginal probability of each label at each position: marginals[t * L + y]. */
  marginals: Float64Array;
  /** Emission scores, for explanations. */
  scores: Float64Array;
}

/** Structure every article has: some labels occur at most once, some only before another. */
export interface Constraints {
  /** Labels that occur at most once in a sequence (an article has one headline, one dateline). */
  once: readonly number[];
  /** [a, b]: label a never occurs after label b (a kicker stands above its headline). */
  before: ReadonlyArray<readonly [number, number]>;
  /** At least one of these labels occurs (an article has a headline or a paragraph somewhere). */
  some?: readonly number[];
}

/**
 * Viterbi under constraints: the state is (label, which once-labels were already used), so the
 * best path with at most one headline is found exactly, not patched afterwards.
 */
function constrainedViterbi(m: CrfModel, s: Float64Array, T: number, c: Constraints): number[] {
  const L = m.labels.length;
  const bit = new Int32Array(L);
  c.once.forEach((y, i) => { bit[y] = 1 << i; });
  // one more bit: a label of the `some` group has occurred (it may repeat: only `once` labels may not)
  const someBit = c.some && c.some.length > 0 ? 1 << c.once.length : 0;
  const seen = new Int32Array(L); // bits a label sets in the mask
  for (let y = 0; y < L; y++) seen[y] = bit[y] | (someBit && c.some!.includes(y) ? someBit : 0);
  const M = 1 << (c.once.length + (someBit ? 1 : 0));
  const notAfter = new Int32Array(L); // labels that may not follow the labels in this mask
  for (const [a, b] of c.before) if (bit[b]) notAfter[a] |= bit[b];
  const S = L * M;
  const NEG = -Infinity;
  const delta = new Float64Array(T * S).fill(NEG);
  const back = new Int32Array(T * S).fill(-1);
  for (let y = 0; y < L; y++) delta[y * M + seen[y]] = m.trans[y] + s[y];
  for (let t = 1; t < T; t++) {
    const prev = (t - 1) * S;
    const cur = t * S;
    for (let p = 0; p < L; p++) {
      for (let mask = 0; mask < M; mask++) {
        const d = delta[prev + p * M + mask];
        if (d === NEG) continue;
        for (let y = 0; y < L; y++) {
          if (bit[y] & mask) continue; // a once-label used already
          if (notAfter[y] & mask) continue;
          const nm = mask | seen[y];
          const v = d + m.trans[(p + 1) * L + y] + s[t * L + y];
          const k = cur + y * M + nm;
          if (v > delta[k]) { delta[k] = v; back[k] = p * M + mask; }
        }
      }
    }
  }
  let best = NEG;
  let arg = 0;
  for (let k = 0; k < S; k++) {
    if (someBit && !(k % M & someBit)) continue; // the group never occurred
    const v = delta[(T - 1) * S + k] + m.end[Math.floor(k / M)];
    if (v > best) { best = v; arg = k; }
  }
  if (best === NEG) return constrainedViterbi(m, s, T, { ...c, some: undefined });
  const path = new Array<number>(T);
  for (let t = T - 1; t >= 0; t--) {
    path[t] = Math.floor(arg / M);
    arg = back[t * S + arg];
  }
  return path;
}

/**
 * Posterior decoding: each position takes its most probable label (what maximises the expected
 * number of right lines), then the constraints are restored with the least loss: a once-label kept
 * where it is most probable (elsewhere the runner-up), before-pairs resolved by probability, and a
 * `some` group given to the position where it is most probable when no position chose it.
 */
function posteriorPath(marg: Float64Array, T: number, L: number, c?: Constraints): number[] {
  const path: number[] = new Array(T);
  // labels banned at each position, as bits (a Set per position cost more than the lattice)
  const banned = new Uint32Array(T);
  const ban = (t: number, y: number) => { banned[t] |= 1 << y; };
  const best = (t: number) => {
    let arg = -1;
    for (let y = 0; y < L; y++) if (!(banned[t] & (1 << y)) && (arg < 0 || marg[t * L + y] > marg[t * L + arg])) arg = y;
    return arg < 0 ? path[t] : arg;
  };
  for (let t = 0; t < T; t++) path[t] = best(t);
  if (!c || T === 0) return path;
  // repair the violations one at a time, each time taking the least probable way out; every step
  // bans a label at a position, so this ends
  for (let guard = 0; guard < T * L + 1; guard++) {
    let changed = false;
    for (const y of c.once) {
      let keep = -1;
      for (let t = 0; t < T; t++) if (path[t] === y && (keep < 0 || marg[t * L + y] > marg[keep * L + y])) keep = t;
      for (let t = 0; t < T; t++) {
        if (path[t] === y && t !== keep) { ban(t, y); path[t] = best(t); changed = true; }
      }
    }
    for (const [a, b] of c.before) {
      const bAt = path.indexOf(b);
      if (bAt < 0) continue;
      for (let t = bAt + 1; t < T; t++) {
        if (path[t] === a) { ban(t, a); path[t] = best(t); changed = true; }
      }
    }
    if (!changed) break;
  }
  if (c.some && c.some.length > 0 && !path.some((y) => c.some!.includes(y))) {
    // the position and label of the group where it is most probable, unless a once-label sits there
    let bt = -1, by = -1;
    for (const spareOnce of [true, false]) {
      for (let t = 0; t < T; t++) {
        if (spareOnce && c.once.includes(path[t])) continue;
        for (const y of c.some) if (bt < 0 || marg[t * L + y] > marg[bt * L + by]) { bt = t; by = y; }
      }
      if (bt >= 0) break;
    }
    path[bt] = by;
  }
  return path;
}

export function decodePosterior(m: CrfModel, xs: readonly (readonly string[])[], constraints?: Constraints): Decoded {
  if (xs.length === 0) return { path: [], marginals: new Float64Array(0), scores: new Float64Array(0) };
  return decodePosteriorScores(m, emissions(m, xs), xs.length, constraints);
}

/** Posterior decoding from emission scores already summed (scores[t * L + y], T positions). */
export function decodePosteriorScores(m: CrfModel, s: Float64Array, T: number, constraints?: Constraints): Decoded {
  const L = m.labels.length;
  if (T === 0) return { path: [], marginals: new Float64Array(0), scores: s };
  const { alpha, beta, logZ } = forwardBackward(m, s, T);
  const marginals = new Float64Array(T * L);
  for (let i = 0; i < T * L; i++) marginals[i] = Math.exp(alpha[i] + beta[i] - logZ);
  return { path: posteriorPath(marginals, T, L, constraints), marginals, scores: s };
}

export function decode(m: CrfModel, xs: readonly (readonly string[])[], constraints?: Constraints): Decoded {
  const L = m.labels.length;
  const T = xs.length;
  if (T === 0) return { path: [], marginals: new Float64Array(0), scores: new Float64Array(0) };
  const s = emissions(m, xs);
  if (constraints && (constraints.once.length > 0 || (constraints.some?.length ?? 0) > 0)) {
    const path = constrainedViterbi(m, s, T, constraints);
    const { alpha, beta, logZ } = forwardBackward(m, s, T);
    const marginals = new Float64Array(T * L);
    for (let i = 0; i < T * L; i++) marginals[i] = Math.exp(alpha[i] + beta[i] - logZ);
    return { path, marginals, scores: s };
  }
  // Viterbi
  const delta = new Float64Array(T * L);
  const back = new Int32Array(T * L);
  for (let y = 0; y < L; y++) delta[y] = m.trans[y] + s[y];
  for (let t = 1; t < T; t++) {
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        const v = delta[(t - 1) * L + p] + m.trans[(p + 1) * L + y];
        if (v > best) { best = v; arg = p; }
      }
      delta[t * L + y] = best + s[t * L + y];
      back[t * L + y] = arg;
    }
  }
  let last = 0;
  let bestEnd = -Infinity;
  for (let y = 0; y < L; y++) {
    const v = delta[(T - 1) * L + y] + m.end[y];
    if (v > bestEnd) { bestEnd = v; last = y; }
  }
  const path = new Array<number>(T);
  path[T - 1] = last;
  for (let t = T - 1; t > 0; t--) path[t - 1] = back[t * L + path[t]];
  const { alpha, beta, logZ } = forwardBackward(m, s, T);
  const marginals = new Float64Array(T * L);
  for (let i = 0; i < T * L; i++) marginals[i] = Math.exp(alpha[i] + beta[i] - logZ);
  return { path, marginals, scores: s };
}

/** The features that pushed a line towards `label` the most: [name, weight] by weight, descending. */
export function explain(m: CrfModel, features: readonly string[], label: number, top = 3): Array<[string, number]> {
  const L = m.labels.length;
  const out: Array<[string, number]> = [];
  for (const f of features) {
    const r = m.index.get(f);
    if (r === undefined) continue;
    // how much this feature favours the label over the average label
    let mean = 0;
    for (let y = 0; y < L; y++) mean += m.emit[r * L + y];
    mean /= L;
    const w = m.emit[r * L + label] - mean;
    if (w > 0) out.push([f, w]);
  }
  return out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
}

// ---- training --------------------------------------------------------------------------------

export interface TrainingSequence {
  features: string[][];
  labels: number[];
  /** The source (publisher) the sequence comes from: features seen in too few sources are dropped. */
  group: string;
  /** Weight of the sequence in the likelihood (default 1). */
  weight?: number;
}

export interface TrainOptions {
  /** L2 regularisation strength: the objective is the weighted log-likelihood minus l2/2 times the squared weights. */
  l2?: number;
  /** Keep a feature only when it occurs in at least this many groups (sources). */
  minGroups?: number;
  /** L-BFGS iterations at most (each one gradient of the whole training set, or a few in a line search). */
  maxIterations?: number;
  /**
   * 'uniform': every weight has the same L2 strength. 'occurrence': a feature's weights are
   * regularised l2 / sequences times for each position it occurs at (what per-sequence SGD with a
   * per-occurrence penalty converges to), the transitions l2.
   */
  l2Scale?: 'uniform' | 'occurrence';
  /** 'lbfgs' (to the optimum) or 'adagrad' (the earlier trainer: epochs, rate, seed). */
  optimizer?: 'lbfgs' | 'adagrad';
  /** AdaGrad only: passes over the data, base learning rate, the shuffle's seed. */
  epochs?: number;
  rate?: number;
  seed?: number;
  /** Stop when the gradient's norm is below this share of the weights' norm (at least 1). */
  tolerance?: number;
  /** Or when the objective fell by less than this share of its value over the last 10 iterations. */
  delta?: number;
}

/** The training data compiled once: each position's feature rows, gold labels, sequence weights. */
interface Compiled {
  L: number;
  rows: Int32Array[][];
  labels: number[][];
  weights: number[];
  nEmit: number;
  nTrans: number;
}

/**
 * The negative weighted log-likelihood of the data and its gradient at theta (emission weights,
 * then transitions, then end weights), with the L2 term. Forward-backward in probability space,
 * scaled at each position, so no exp or log in the inner loops.
 */
function objective(c: Compiled, theta: Float64Array, grad: Float64Array, l2: Float64Array): number {
  const { L, nEmit, nTrans } = c;
  grad.fill(0);
  const emit = theta.subarray(0, nEmit);
  const trans = theta.subarray(nEmit, nEmit + nTrans);
  const end = theta.subarray(nEmit + nTrans);
  const gEmit = grad.subarray(0, nEmit);
  const gTrans = grad.subarray(nEmit, nEmit + nTrans);
  const gEnd = grad.subarray(nEmit + nTrans);
  // exp of the transitions, once
  const M = new Float64Array(L * L);
  for (let p = 0; p < L; p++) for (let y = 0; y < L; y++) M[p * L + y] = Math.exp(trans[(p + 1) * L + y]);
  const start = new Float64Array(L);
  const fin = new Float64Array(L);
  for (let y = 0; y < L; y++) { start[y] = Math.exp(trans[y]); fin[y] = Math.exp(end[y]); }
  let f = 0;
  // buffers for the longest sequence, reused
  const maxT = c.labels.reduce((a, ys) => Math.max(a, ys.length), 0);
  const Ebuf = new Float64Array(maxT * L);
  const alphaBuf = new Float64Array(maxT * L);
  const betaBuf = new Float64Array(maxT * L);
  const scale = new Float64Array(maxT);
  const marg = new Float64Array(L);
  for (let si = 0; si < c.rows.length; si++) {
    const r = c.rows[si];
    const gold = c.labels[si];
    const w = c.weights[si];
    const T = gold.length;
    if (T === 0 || w === 0) continue;
    // emission scores, their per-position maximum and exp
    const E = Ebuf.subarray(0, T * L);
    E.fill(0);
    let logZ = 0;
    let goldScore = 0;
    for (let t = 0; t < T; t++) {
      const b = t * L;
      for (const row of r[t]) { const o = row * L; for (let y = 0; y < L; y++) E[b + y] += emit[o + y]; }
      goldScore += E[b + gold[t]];
      let mx = -Infinity;
      for (let y = 0; y < L; y++) if (E[b + y] > mx) mx = E[b + y];
      for (let y = 0; y < L; y++) E[b + y] = Math.exp(E[b + y] - mx);
      logZ += mx;
    }
    goldScore += trans[gold[0]] + end[gold[T - 1]];
    for (let t = 1; t < T; t++) goldScore += trans[(gold[t - 1] + 1) * L + gold[t]];
    // forward, normalised at each position (scale[t])
    const alpha = alphaBuf;
    let z = 0;
    for (let y = 0; y < L; y++) z += (alpha[y] = start[y] * E[y]);
    scale[0] = z;
    for (let y = 0; y < L; y++) alpha[y] /= z;
    for (let t = 1; t < T; t++) {
      const a = (t - 1) * L, b = t * L;
      z = 0;
      for (let y = 0; y < L; y++) {
        let v = 0;
        for (let p = 0; p < L; p++) v += alpha[a + p] * M[p * L + y];
        z += (alpha[b + y] = v * E[b + y]);
      }
      scale[t] = z;
      for (let y = 0; y < L; y++) alpha[b + y] /= z;
    }
    let last = 0;
    for (let y = 0; y < L; y++) last += alpha[(T - 1) * L + y] * fin[y];
    for (let t = 0; t < T; t++) logZ += Math.log(scale[t]);
    logZ += Math.log(last);
    f -= w * (goldScore - logZ);
    // backward, with the same scales: marginal(t, y) = alpha[t, y] * beta[t, y]
    const beta = betaBuf;
    for (let y = 0; y < L; y++) beta[(T - 1) * L + y] = fin[y] / last;
    for (let t = T - 2; t >= 0; t--) {
      const b = t * L, n = (t + 1) * L;
      for (let p = 0; p < L; p++) {
        let v = 0;
        for (let y = 0; y < L; y++) v += M[p * L + y] * E[n + y] * beta[n + y];
        beta[b + p] = v / scale[t + 1];
      }
    }
    // gradient of the negative log-likelihood: expected minus observed counts
    for (let t = 0; t < T; t++) {
      const b = t * L;
      for (let y = 0; y < L; y++) marg[y] = w * alpha[b + y] * beta[b + y];
      marg[gold[t]] -= w;
      for (const row of r[t]) { const o = row * L; for (let y = 0; y < L; y++) gEmit[o + y] += marg[y]; }
      if (t === 0) for (let y = 0; y < L; y++) gTrans[y] += marg[y];
      if (t === T - 1) for (let y = 0; y < L; y++) gEnd[y] += marg[y];
      if (t > 0) {
        const a = (t - 1) * L;
        const k = w / scale[t];
        for (let p = 0; p < L; p++) {
          const ap = alpha[a + p] * k;
          for (let y = 0; y < L; y++) gTrans[(p + 1) * L + y] += ap * M[p * L + y] * E[b + y] * beta[b + y];
        }
        gTrans[(gold[t - 1] + 1) * L + gold[t]] -= w;
      }
    }
  }
  let reg = 0;
  for (let k = 0; k < theta.length; k++) { reg += l2[k] * theta[k] * theta[k]; grad[k] += l2[k] * theta[k]; }
  return f + reg / 2;
}

const dot = (a: Float64Array, b: Float64Array) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };

/**
 * Minimises a smooth convex function with L-BFGS (Nocedal & Wright, algorithm 7.4: the two-loop
 * recursion over the last `memory` steps) and a backtracking line search (Armijo). Deterministic.
 * `fg` writes the gradient at x into g and returns the value.
 */
export function lbfgs(
  fg: (x: Float64Array, g: Float64Array) => number,
  x: Float64Array,
  opts: { maxIterations: number; tolerance: number; delta?: number; past?: number; memory?: number },
): { x: Float64Array; value: number; iterations: number; evaluations: number; converged: boolean } {
  const n = x.length;
  const past = opts.past ?? 10;
  const delta = opts.delta ?? 0;
  const history: number[] = [];
  let evaluations = 1;
  const m = opts.memory ?? 10;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const g = new Float64Array(n);
  let f = fg(x, g);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alphas = new Float64Array(m);
  let it = 0;
  for (; it < opts.maxIterations; it++) {
    // converged: the gradient is small against the weights, or the value stopped falling (its
    // relative decrease over the last `past` iterations is below delta)
    if (Math.sqrt(dot(g, g)) <= opts.tolerance * Math.max(1, Math.sqrt(dot(x, x)))) {
      return { x, value: f, iterations: it, evaluations, converged: true };
    }
    history.push(f);
    if (history.length > past) {
      const before = history.shift()!;
      if (before - f <= delta * Math.max(1, Math.abs(f))) return { x, value: f, iterations: it, evaluations, converged: true };
    }
    // d = -H g by the two-loop recursion
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let j = S.length - 1; j >= 0; j--) {
      const a = rho[j] * dot(S[j], d);
      alphas[j] = a;
      const yj = Y[j];
      for (let i = 0; i < n; i++) d[i] -= a * yj[i];
    }
    const gamma = S.length > 0 ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1]) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let j = 0; j < S.length; j++) {
      const b = rho[j] * dot(Y[j], d);
      const sj = S[j];
      for (let i = 0; i < n; i++) d[i] += (alphas[j] - b) * sj[i];
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // not a descent direction (should not happen on a convex function): restart from the gradient
      S.length = 0; Y.length = 0; rho.length = 0;
      const k = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let i = 0; i < n; i++) d[i] = -k * g[i];
      slope = dot(g, d);
    }
    let step = 1;
    let fNew = Infinity;
    let ok = false;
    for (let tries = 0; tries < 30 && !ok; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
      fNew = fg(xNew, gNew);
      evaluations++;
      ok = Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope;
      step /= 2;
    }
    // no decrease along a descent direction: the optimum within the precision of the arithmetic
    if (!ok) return { x, value: f, iterations: it, evaluations, converged: Math.sqrt(dot(g, g)) <= 1e-3 * Math.max(1, Math.sqrt(dot(x, x))) };
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) { s[i] = xNew[i] - x[i]; yv[i] = gNew[i] - g[i]; }
    const sy = dot(s, yv);
    if (sy > 1e-12) {
      if (S.length === m) { S.shift(); Y.shift(); rho.shift(); }
      S.push(s); Y.push(yv); rho.push(1 / sy);
    }
    x.set(xNew);
    g.set(gNew);
    f = fNew;
  }
  return { x, value: f, iterations: it, evaluations, converged: false };
}

/** The features learned: those seen in at least `minGroups` sources, sorted, with their row numbers. */
function featureIndex(data: readonly TrainingSequence[], minGroups: number): { names: string[]; index: Map<string, number> } {
  const groupsOf = new Map<string, Set<string>>();
  for (const seq of data) for (const xs of seq.features) for (const f of xs) {
    let g = groupsOf.get(f);
    if (!g) groupsOf.set(f, (g = new Set()));
    g.add(seq.group);
  }
  const names = [...groupsOf].filter(([, g]) => g.size >= minGroups).map(([f]) => f).sort();
  return { names, index: new Map(names.map((n, i) => [n, i])) };
}

/** Each position's learned features as row numbers, once. */
function featureRows(data: readonly TrainingSequence[], index: ReadonlyMap<string, number>): Int32Array[][] {
  return data.map((seq) => seq.features.map((xs) => {
    const r: number[] = [];
    for (const f of xs) { const i = index.get(f); if (i !== undefined) r.push(i); }
    return Int32Array.from(r);
  }));
}

/** The training objective over the weights (emission, transition, end), for the optimiser and tests. */
export function trainingObjective(labels: readonly string[], data: readonly TrainingSequence[], opts: TrainOptions = {}): {
  index: Map<string, number>;
  size: number;
  fg: (theta: Float64Array, grad: Float64Array) => number;
  model: (theta: Float64Array) => CrfModel;
} {
  const L = labels.length;
  const l2 = opts.l2 ?? 1;
  const minGroups = opts.minGroups ?? 2;
  const { names, index } = featureIndex(data, minGroups);
  const compiled: Compiled = {
    L,
    rows: featureRows(data, index),
    labels: data.map((seq) => seq.labels),
    weights: data.map((seq) => seq.weight ?? 1),
    nEmit: names.length * L,
    nTrans: (L + 1) * L,
  };
  const size = compiled.nEmit + compiled.nTrans + L;
  const reg = new Float64Array(size).fill(l2);
  if (opts.l2Scale === 'occurrence') {
    reg.fill(0, 0, compiled.nEmit);
    const per = l2 / Math.max(1, data.length);
    for (const r of compiled.rows) for (const xs of r) for (const row of xs) for (let y = 0; y < L; y++) reg[row * L + y] += per;
  }
  return {
    index,
    size,
    fg: (theta, grad) => objective(compiled, theta, grad, reg),
    model: (theta) => ({
      labels, index,
      emit: theta.slice(0, compiled.nEmit),
      trans: theta.slice(compiled.nEmit, compiled.nEmit + compiled.nTrans),
      end: theta.slice(compiled.nEmit + compiled.nTrans),
    }),
  };
}

/**
 * Trains to the optimum of the L2-regularised log-likelihood (convex: the optimum is unique, so
 * the weights do not depend on the order of the data or on a seed) with L-BFGS from zero weights.
 */
export function train(labels: readonly string[], data: readonly TrainingSequence[], opts: TrainOptions = {}): CrfModel {
  if (opts.optimizer === 'adagrad') return trainAdaGrad(labels, data, opts);
  const o = trainingObjective(labels, data, opts);
  const theta = new Float64Array(o.size);
  lbfgs(o.fg, theta, { maxIterations: opts.maxIterations ?? 1000, tolerance: opts.tolerance ?? 1e-5, delta: opts.delta ?? 1e-7 });
  return o.model(theta);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The earlier trainer: AdaGrad over the sequences in a seeded shuffle for a fixed number of epochs,
 * the L2 penalty applied at each occurrence of a feature. It stops short of the optimum, so its
 * weights depend on the seed (see docs/model.md §8). Kept to reproduce the figures measured with it.
 */
function trainAdaGrad(labels: readonly string[], data: readonly TrainingSequence[], opts: TrainOptions = {}): CrfModel {
  const L = labels.length;
  const epochs = opts.epochs ?? 30;
  const l2 = opts.l2 ?? 1;
  const rate = opts.rate ?? 0.3;
  const minGroups = opts.minGroups ?? 2;
  const { names, index } = featureIndex(data, minGroups);
  const m: CrfModel = {
    labels, index,
    emit: new Float64Array(names.length * L),
    trans: new Float64Array((L + 1) * L),
    end: new Float64Array(L),
  };
  // rows of each position, once
  const rows = featureRows(data, index);
  const gEmit = new Float64Array(m.emit.length);
  const gTrans = new Float64Array(m.trans.length);
  const gEnd = new Float64Array(L);
  const order = data.map((_, i) => i);
  const rnd = mulberry32(opts.seed ?? 1);
  const n = data.length || 1;
  const eps = 1e-8;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const si of order) {
      const seq = data[si];
      const T = seq.labels.length;
      if (T === 0) continue;
      const w = seq.weight ?? 1;
      const r = rows[si];
      const s = new Float64Array(T * L);
      for (let t = 0; t < T; t++) for (const row of r[t]) for (let y = 0; y < L; y++) s[t * L + y] += m.emit[row * L + y];
      const { alpha, beta, logZ } = forwardBackward(m, s, T);
      // emission gradients (ascent on log-likelihood minus the L2 share of this sequence)
      for (let t = 0; t < T; t++) {
        const gold = seq.labels[t];
        for (const row of r[t]) {
          for (let y = 0; y < L; y++) {
            const k = row * L + y;
            const p = Math.exp(alpha[t * L + y] + beta[t * L + y] - logZ);
            const g = w * ((y === gold ? 1 : 0) - p) - (l2 / n) * m.emit[k];
            gEmit[k] += g * g;
            m.emit[k] += (rate / Math.sqrt(gEmit[k] + eps)) * g;
          }
        }
      }
      // transitions: observed minus expected pair counts
      const gt = new Float64Array(m.trans.length);
      gt[seq.labels[0]] += w;
      for (let y = 0; y < L; y++) gt[y] -= w * Math.exp(alpha[y] + beta[y] - logZ);
      for (let t = 1; t < T; t++) {
        gt[(seq.labels[t - 1] + 1) * L + seq.labels[t]] += w;
        for (let p = 0; p < L; p++) {
          const ap = alpha[(t - 1) * L + p];
          for (let y = 0; y < L; y++) {
            const pr = Math.exp(ap + m.trans[(p + 1) * L + y] + s[t * L + y] + beta[t * L + y] - logZ);
            gt[(p + 1) * L + y] -= w * pr;
          }
        }
      }
      for (let k = 0; k < gt.length; k++) {
        const g = gt[k] - (l2 / n) * m.trans[k];
        gTrans[k] += g * g;
        m.trans[k] += (rate / Math.sqrt(gTrans[k] + eps)) * g;
      }
      const ge = new Float64Array(L);
      ge[seq.labels[T - 1]] += w;
      for (let y = 0; y < L; y++) ge[y] -= w * Math.exp(alpha[(T - 1) * L + y] + m.end[y] - logZ);
      for (let y = 0; y < L; y++) {
        const g = ge[y] - (l2 / n) * m.end[y];
        gEnd[y] += g * g;
        m.end[y] += (rate / Math.sqrt(gEnd[y] + eps)) * g;
      }
    }
  }
  return m;
}
