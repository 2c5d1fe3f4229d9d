// A linear-chain conditional random field over the lines of an article: each content line gets one
// label (a block kind) from its features and from its neighbours' labels. Inference is Viterbi
// (the best labelling) and forward-backward (how sure the model is of each line's label).
// Training maximises the L2-regularised log-likelihood with AdaGrad, deterministically (a seeded
// shuffle), so the same data always gives the same weights. Pure: no I/O.

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
  epochs?: number;
  /** L2 regularisation strength (per sequence, scaled by the number of sequences). */
  l2?: number;
  /** AdaGrad base learning rate. */
  rate?: number;
  /** Keep a feature only when it occurs in at least this many groups (sources). */
  minGroups?: number;
  seed?: number;
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

export function train(labels: readonly string[], data: readonly TrainingSequence[], opts: TrainOptions = {}): CrfModel {
  const L = labels.length;
  const epochs = opts.epochs ?? 30;
  const l2 = opts.l2 ?? 1;
  const rate = opts.rate ?? 0.3;
  const minGroups = opts.minGroups ?? 2;
  // feature index: features seen in enough sources
  const groupsOf = new Map<string, Set<string>>();
  for (const seq of data) for (const xs of seq.features) for (const f of xs) {
    let g = groupsOf.get(f);
    if (!g) groupsOf.set(f, (g = new Set()));
    g.add(seq.group);
  }
  const names = [...groupsOf].filter(([, g]) => g.size >= minGroups).map(([f]) => f).sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const m: CrfModel = {
    labels, index,
    emit: new Float64Array(names.length * L),
    trans: new Float64Array((L + 1) * L),
    end: new Float64Array(L),
  };
  // rows of each position, once
  const rows = data.map((seq) => seq.features.map((xs) => {
    const r: number[] = [];
    for (const f of xs) { const i = index.get(f); if (i !== undefined) r.push(i); }
    return Int32Array.from(r);
  }));
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
