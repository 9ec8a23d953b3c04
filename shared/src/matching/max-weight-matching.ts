// Exact maximum-weight matching on a general (non-bipartite) graph: Edmonds' blossom algorithm with
// the primal-dual method. The blossom operations follow Joris van Rantwijk's public domain mwmatching.py
// (the algorithm networkx ships), in typed arrays; unlike it, each stage grows one alternating tree
// from one exposed vertex, dual changes are applied lazily and found with priority queues, and a greedy
// start with feasible duals matches most vertices before the first stage. So a stage costs about the
// size of its tree (times log n), not O(n + m), which is what makes 50,000-vertex sparse graphs fast.
// Exposed vertices need not share one dual value: a vertex whose dual reaches 0 may stay exposed
// (complementary slackness), and the stage that finds it ends by flipping the tree path to it.
// Deterministic: the result depends only on the vertex count and the edge list in the given order.
// Exact for integer weights (all dual values stay multiples of ½, which doubles represent exactly).
import { MinHeap } from './min-heap';

/** One undirected edge: two distinct vertices 0 … n-1 and a weight. */
export type WeightedEdge = readonly [u: number, v: number, weight: number];

export interface MatchingOptions {
  /** Among matchings of maximum cardinality, take one of maximum weight (default: maximum weight only). */
  maxCardinality?: boolean;
  /** Edges per vertex in the first pricing round for dense graphs (default 12; small values test pricing). */
  pricingDegree?: number;
}

/**
 * Returns `mate`: mate[v] is the vertex matched to v, or -1.
 * @example maxWeightMatching(3, [[0, 1, 5], [1, 2, 6]]) // → Int32Array [-1, 2, 1]
 */
export function maxWeightMatching(
  vertexCount: number,
  edges: readonly WeightedEdge[],
  options: MatchingOptions = {},
): Int32Array {
  for (const [k, edge] of edges.entries()) assertEdge(vertexCount, edge, k);
  // Maximum cardinality first: lift every weight by more than any matching's total weight can differ,
  // so one more edge always outweighs any difference in weight (exact while totals stay below 2⁵³).
  const lifted = options.maxCardinality ? liftWeights(vertexCount, edges) : edges;
  // Dense graphs: solve on each vertex's best edges and add back only the edges the duals show to be
  // needed (see solveByPricing). Exact, and far less work per stage.
  const degree = options.pricingDegree ?? PRICING_DEGREE;
  if (lifted.length > degree * 2 * vertexCount) return solveByPricing(vertexCount, lifted, degree);
  return blossomSolve(vertexCount, lifted).mate;
}

function liftWeights(n: number, edges: readonly WeightedEdge[]): WeightedEdge[] {
  let largest = 0;
  for (const [, , w] of edges) largest = Math.max(largest, Math.abs(w));
  const lift = n * largest + 1;
  return edges.map(([u, v, w]) => [u, v, w + lift] as const);
}

function assertEdge(n: number, edge: WeightedEdge, k: number): WeightedEdge {
  const [u, v, w] = edge;
  if (!(u >= 0 && u < n && v >= 0 && v < n && u !== v && Number.isInteger(u) && Number.isInteger(v))) {
    throw new RangeError(`edge ${k} (${u}, ${v}) is not between two distinct vertices of 0…${n - 1}`);
  }
  if (!Number.isFinite(w)) throw new RangeError(`edge ${k} has a weight that is not a finite number`);
  return edge;
}

/** Edges kept per vertex in the first round of pricing. */
const PRICING_DEGREE = 12;

/** An optimal matching with the dual solution that proves it optimal. */
export interface SolvedMatching {
  mate: Int32Array;
  /** Vertex duals (0 … n-1) and blossom duals (n … 2n-1), in the doubled units of dualSlack(). */
  dualvar: Float64Array;
  /** The blossom holding each vertex or blossom directly, or -1 (blossoms with zero dual may be gone). */
  blossomparent: Int32Array;
}
type Solved = SolvedMatching;

/** Maximum-weight matching (not maximum cardinality) with its optimal duals, without pricing. */
export function solveWithDuals(vertexCount: number, edges: readonly WeightedEdge[]): SolvedMatching {
  return blossomSolve(vertexCount, edges);
}

/**
 * The reduced cost of an edge under the duals: y_u + y_v − 2w + 2·(duals of the blossoms holding both
 * ends), as in mwmatching's verifyOptimum. Feasible duals make it ≥ 0 for every edge.
 */
export function dualSlack({ dualvar, blossomparent, mate }: SolvedMatching) {
  const n = mate.length;
  const size = blossomparent.length;
  // Depth and the sum of blossom duals from each index up to its top; the blossoms holding both ends of
  // an edge are the lowest common ancestor and its ancestors (found by binary lifting: nesting is deep).
  const depth = new Int32Array(size).fill(-1);
  const sum = new Float64Array(size);
  const own = (x: number) => (x >= n ? dualvar[x]! : 0);
  const stack: number[] = [];
  let deepest = 0;
  for (let x = 0; x < size; x++) {
    let y = x;
    while (depth[y] === -1 && blossomparent[y] !== -1) {
      stack.push(y);
      y = blossomparent[y]!;
    }
    if (depth[y] === -1) {
      depth[y] = 0;
      sum[y] = own(y);
    }
    while (stack.length) {
      const z = stack.pop()!;
      depth[z] = depth[blossomparent[z]!]! + 1;
      sum[z] = own(z) + sum[blossomparent[z]!]!;
      deepest = Math.max(deepest, depth[z]!);
    }
  }
  const up = [Int32Array.from(blossomparent)];
  while (1 << up.length <= deepest) {
    const last = up.at(-1)!;
    up.push(last.map((x) => (x === -1 ? -1 : last[x]!)));
  }
  const commonAncestor = (u: number, v: number) => {
    let a = depth[u]! >= depth[v]! ? u : v;
    let b = a === u ? v : u;
    for (let j = up.length - 1; j >= 0; j--) {
      if (depth[a]! - (1 << j) >= depth[b]!) a = up[j]![a]!;
    }
    if (a === b) return a;
    for (let j = up.length - 1; j >= 0; j--) {
      if (up[j]![a] !== up[j]![b]) {
        a = up[j]![a]!;
        b = up[j]![b]!;
      }
    }
    return up[0]![a]!;
  };
  return (u: number, v: number, w: number) => {
    const slack = dualvar[u]! + dualvar[v]! - 2 * w;
    const common = commonAncestor(u, v);
    return common === -1 ? slack : slack + 2 * sum[common]!;
  };
}

/**
 * Column generation on the exact solver: solve the subgraph of every vertex's top edges, then check every
 * other edge against the optimal duals. Edges with negative slack join the subgraph and it is solved
 * again; when none is left the duals are feasible for the whole graph, so the matching is optimal for it.
 */
function solveByPricing(n: number, edges: readonly WeightedEdge[], degree: number): Int32Array {
  const m = edges.length;
  const chosen = new Uint8Array(m);
  const incident: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < m; k++) {
    const [u, v] = edges[k]!;
    incident[u]!.push(k);
    incident[v]!.push(k);
  }
  for (const list of incident) {
    list.sort((x, y) => edges[y]![2] - edges[x]![2] || x - y);
    for (let t = 0; t < Math.min(degree, list.length); t++) chosen[list[t]!] = 1;
  }
  for (;;) {
    const subset: WeightedEdge[] = [];
    for (let k = 0; k < m; k++) if (chosen[k]) subset.push(edges[k]!);
    const solved = blossomSolve(n, subset);
    const slackOf = dualSlack(solved);
    let added = 0;
    for (let k = 0; k < m; k++) {
      if (chosen[k]) continue;
      const [u, v, w] = edges[k]!;
      if (slackOf(u, v, w) < 0) {
        chosen[k] = 1;
        added++;
      }
    }
    if (added === 0) return solved.mate;
  }
}

function blossomSolve(vertexCount: number, edges: readonly WeightedEdge[]): Solved {
  const n = vertexCount;
  const m = edges.length;
  const mateOut = new Int32Array(n).fill(-1);
  const dualvar = new Float64Array(2 * n);
  const blossomparent = new Int32Array(2 * n).fill(-1);
  if (m === 0 || n === 0) return { mate: mateOut, dualvar, blossomparent };

  // endpoint[p] for p = 2k, 2k+1: the two ends of edge k. Edge k's weight is weight[k].
  const endpoint = new Int32Array(2 * m);
  const weight = new Float64Array(m);
  const degree = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    const [u, v, w] = assertEdge(n, edges[k]!, k);
    endpoint[2 * k] = u;
    endpoint[2 * k + 1] = v;
    weight[k] = w;
    degree[u]!++;
    degree[v]!++;
  }
  // neighbend: for each vertex, the endpoints p of its edges that point at the neighbour (CSR layout).
  const neighbStart = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) neighbStart[v + 1] = neighbStart[v]! + degree[v]!;
  const neighbend = new Int32Array(2 * m);
  const fill = neighbStart.slice(0, n);
  for (let k = 0; k < m; k++) {
    neighbend[fill[endpoint[2 * k]!]!++] = 2 * k + 1;
    neighbend[fill[endpoint[2 * k + 1]!]!++] = 2 * k;
  }

  const mate = new Int32Array(n).fill(-1); // mate[v]: the remote endpoint p of v's matched edge, or -1
  const label = new Int8Array(2 * n); // 0 free, 1 S, 2 T (5 = S, marked during scanBlossom)
  const labelend = new Int32Array(2 * n).fill(-1);
  // topOf(v), v's top-level blossom, is cached per vertex and found by walking up blossomparent from the
  // cache; a cache naming an expanded blossom (its generation moved on) restarts from v. A new blossom
  // updates the caches of all its vertices except those of its largest child (which walk one level
  // more), so giant blossoms that grow by nesting cost their new part, not their whole size, each time.
  const topCache = new Int32Array(n);
  for (let v = 0; v < n; v++) topCache[v] = v;
  const cacheGeneration = new Int32Array(n);
  const generation = new Int32Array(2 * n);
  const leafCount = new Int32Array(2 * n).fill(1);
  const pointCaches = (b: number, to: number) => {
    for (const leaf of blossomLeaves(b, leaves)) {
      topCache[leaf] = to;
      cacheGeneration[leaf] = generation[to]!;
    }
  };
  const blossomchilds: (number[] | null)[] = new Array(2 * n).fill(null);
  const blossombase = new Int32Array(2 * n).fill(-1);
  for (let v = 0; v < n; v++) blossombase[v] = v;
  const blossomendps: (number[] | null)[] = new Array(2 * n).fill(null);
  const unusedblossoms: number[] = [];
  for (let b = 2 * n - 1; b >= n; b--) unusedblossoms.push(b);
  const queue: number[] = [];

  // Every exposed vertex with a positive dual roots an alternating tree, and all trees grow at once
  // (Galil). An augmentation dissolves only the two trees it joins; the others keep their labels.
  const treeOf = new Int32Array(2 * n).fill(-1); // the root whose tree labelled this vertex or blossom
  const treeMembers: (number[] | null)[] = new Array(n).fill(null);
  let activeTrees = 0;
  const labelledAt = new Float64Array(2 * n); // when each index was last labelled (a counter)
  let labelCount = 0;

  // Duals change lazily: x's true dual is dualvar[x] + rate[x] · (elapsed − since[x]), where elapsed is
  // the total dual change so far. S-vertices fall and T-vertices rise (rate −1 / +1); top-level
  // S-blossoms rise and T-blossoms fall. So a dual change costs O(1), not O(n).
  const rate = new Int8Array(2 * n);
  const since = new Float64Array(2 * n);
  let elapsed = 0;
  // The four kinds of dual change, each keyed by the elapsed value at which it becomes due. Entries go
  // stale as labels change; they are checked (and re-keyed when late) when they reach the top.
  const zeroDual = new MinHeap(); // S-vertices, when their dual reaches 0
  const toOutside = new MinHeap(); // endpoints p from an S-vertex to w outside every tree: the edge is tight
  const betweenS = new MinHeap(); // edges between two S-blossoms: tight
  const tBlossoms = new MinHeap(); // T-blossoms, when their dual reaches 0

  const dual = (x: number) => dualvar[x]! + rate[x]! * (elapsed - since[x]!);
  const slack = (k: number) => dual(endpoint[2 * k]!) + dual(endpoint[2 * k + 1]!) - 2 * weight[k]!;
  function topOf(v: number): number {
    let b = topCache[v]!;
    if (generation[b] !== cacheGeneration[v]) b = v;
    while (blossomparent[b] !== -1) b = blossomparent[b]!;
    topCache[v] = b;
    cacheGeneration[v] = generation[b]!;
    return b;
  }
  const isTop = (x: number) => blossomparent[x] === -1 && (x < n || blossombase[x]! >= 0);

  function setRate(x: number, r: number): void {
    if (rate[x] === r) return;
    dualvar[x] = dual(x);
    since[x] = elapsed;
    rate[x] = r;
    if (r !== -1) return;
    // A vertex becoming S is scanned and may reach dual 0; a blossom becoming T may reach dual 0.
    if (x < n) {
      zeroDual.push(dualvar[x]! + elapsed, x);
      queue.push(x);
    } else tBlossoms.push(dualvar[x]! + elapsed, x);
  }

  const leaves: number[] = [];
  const syncLeaves: number[] = [];
  /** The vertices inside blossom b (b itself when it is a vertex), into `out`. */
  function blossomLeaves(b: number, out: number[]): number[] {
    out.length = 0;
    if (b < n) {
      out.push(b);
      return out;
    }
    const stack = [b];
    while (stack.length) {
      const t = stack.pop()!;
      if (t < n) out.push(t);
      else {
        const childs = blossomchilds[t]!;
        for (let i = childs.length - 1; i >= 0; i--) stack.push(childs[i]!);
      }
    }
    return out;
  }

  /** Makes the dual rates of top-level blossom b and its vertices follow b's label. */
  function syncRates(b: number): void {
    const vertexRate = label[b] === 1 ? -1 : label[b] === 2 ? 1 : 0;
    if (b >= n) setRate(b, -vertexRate);
    for (const leaf of blossomLeaves(b, syncLeaves)) setRate(leaf, vertexRate);
  }

  function setLabel(x: number, t: number, p: number, tree: number): void {
    labelledAt[x] = ++labelCount;
    label[x] = t;
    labelend[x] = p;
    treeOf[x] = tree;
    treeMembers[tree]!.push(x);
  }

  function assignLabel(w0: number, t0: number, p0: number, tree: number): void {
    let w = w0;
    let t = t0;
    let p = p0;
    for (;;) {
      const b = topOf(w);
      setLabel(w, t, p, tree);
      setLabel(b, t, p, tree);
      syncRates(b);
      if (t === 1) return;
      // T-blossom: its base is matched; the mate becomes an S-vertex.
      const base = blossombase[b]!;
      w = endpoint[mate[base]!]!;
      t = 1;
      p = mate[base]! ^ 1;
    }
  }

  /** Ends tree `tree` (after it augmented or its root settled): its labels go, its duals stop moving. */
  function dissolve(tree: number): void {
    const members = treeMembers[tree]!;
    treeMembers[tree] = null;
    activeTrees--;
    const tops: number[] = [];
    for (const x of members) {
      if (treeOf[x] !== tree) continue;
      treeOf[x] = -1;
      label[x] = 0;
      labelend[x] = -1;
      if (isTop(x)) tops.push(x);
    }
    for (const b of tops) syncRates(b);
    // Edges from the remaining trees' S-vertices into the freed vertices now tighten at rate 1.
    for (const b of tops) watchFromS(b);
    // Blossoms whose dual is 0 constrain nothing; expanding them keeps nesting (and recursion) shallow.
    for (const b of tops) if (b >= n && dualvar[b] === 0) expandZeroBlossom(b);
  }

  /** Expands unlabelled blossom b of dual 0, and its sub-blossoms of dual 0. */
  function expandZeroBlossom(b0: number): void {
    const work = [b0];
    while (work.length) {
      const b = work.pop()!;
      generation[b]!++;
      for (const s of blossomchilds[b]!) {
        blossomparent[s] = -1;
        if (s >= n && dualvar[s] === 0) work.push(s);
        else pointCaches(s, s);
      }
      freeBlossom(b);
    }
  }

  function freeBlossom(b: number): void {
    label[b] = -1;
    labelend[b] = -1;
    treeOf[b] = -1;
    blossomchilds[b] = null;
    blossomendps[b] = null;
    blossombase[b] = -1;
    dualvar[b] = 0;
    unusedblossoms.push(b);
  }

  /** Traces back from v and w to find a new blossom's base, or -1 for an augmenting path. */
  function scanBlossom(v0: number, w0: number): number {
    let v = v0;
    let w = w0;
    const path: number[] = [];
    let base = -1;
    while (v !== -1 || w !== -1) {
      let b = topOf(v);
      if (label[b]! & 4) {
        base = blossombase[b]!;
        break;
      }
      path.push(b);
      label[b] = 5;
      if (labelend[b] === -1) v = -1;
      else {
        v = endpoint[labelend[b]!]!;
        b = topOf(v);
        v = endpoint[labelend[b]!]!;
      }
      if (w !== -1) {
        const swap = v;
        v = w;
        w = swap;
      }
    }
    for (const b of path) label[b] = 1;
    return base;
  }

  function addBlossom(base: number, k: number): void {
    let v = endpoint[2 * k]!;
    let w = endpoint[2 * k + 1]!;
    const bb = topOf(base);
    let bv = topOf(v);
    let bw = topOf(w);
    const b = unusedblossoms.pop()!;
    blossombase[b] = base;
    blossomparent[b] = -1;
    const path: number[] = [];
    const endps: number[] = [];
    while (bv !== bb) {
      path.push(bv);
      endps.push(labelend[bv]!);
      v = endpoint[labelend[bv]!]!;
      bv = topOf(v);
    }
    path.push(bb);
    path.reverse();
    endps.reverse();
    endps.push(2 * k);
    while (bw !== bb) {
      path.push(bw);
      endps.push(labelend[bw]! ^ 1);
      w = endpoint[labelend[bw]!]!;
      bw = topOf(w);
    }
    blossomchilds[b] = path;
    blossomendps[b] = endps;
    setLabel(b, 1, labelend[bb]!, treeOf[bb]!);
    dualvar[b] = 0;
    // Sub-blossom duals stop changing; the former T-vertices become S (and are scanned).
    let largest = path[0]!;
    for (const child of path) if (leafCount[child]! > leafCount[largest]!) largest = child;
    leafCount[b] = 0;
    for (const child of path) {
      if (label[child] === 2) for (const leaf of blossomLeaves(child, leaves)) setRate(leaf, -1);
      if (child >= n) setRate(child, 0);
      blossomparent[child] = b;
      leafCount[b] += leafCount[child]!;
      if (child !== largest) pointCaches(child, b);
    }
    setRate(b, 1);
  }

  /** Expands T-blossom b (its dual reached 0) and relabels its children along the path through it. */
  function expandBlossom(b: number): void {
    const childs = blossomchilds[b]!;
    const tree = treeOf[b]!;
    const start = labelCount;
    const relabelled = (x: number) => labelledAt[x]! > start;
    setRate(b, 0);
    generation[b]!++;
    for (const s of childs) {
      blossomparent[s] = -1;
      pointCaches(s, s);
    }
    // Relabel the child blossoms along the even path from the entry child to the base.
    const endps = blossomendps[b]!;
    const len = childs.length;
    const at = (j: number) => (j < 0 ? j + len : j);
    const entrychild = topOf(endpoint[labelend[b]! ^ 1]!);
    let j = childs.indexOf(entrychild);
    let jstep: number;
    let endptrick: number;
    if (j & 1) {
      j -= len;
      jstep = 1;
      endptrick = 0;
    } else {
      jstep = -1;
      endptrick = 1;
    }
    let p = labelend[b]!;
    while (j !== 0) {
      label[endpoint[p ^ 1]!] = 0;
      label[endpoint[endps[at(j - endptrick)]! ^ endptrick ^ 1]!] = 0;
      assignLabel(endpoint[p ^ 1]!, 2, p, tree);
      j += jstep;
      p = endps[at(j - endptrick)]! ^ endptrick;
      j += jstep;
    }
    const bv = childs[at(j)]!;
    setLabel(endpoint[p ^ 1]!, 2, p, tree);
    setLabel(bv, 2, p, tree);
    j += jstep;
    while (childs[at(j)] !== entrychild) {
      const child = childs[at(j)]!;
      j += jstep;
      if (relabelled(child) && label[child] === 1) continue;
      // A vertex of the child already reached from an S-vertex by a (still) tight edge labels it T.
      let reached = -1;
      for (const leaf of blossomLeaves(child, leaves)) {
        const from = labelend[leaf]!;
        if (label[leaf] !== 0 && from >= 0 && label[topOf(endpoint[from]!)] === 1 && slack(from >> 1) === 0) {
          reached = leaf;
          break;
        }
      }
      if (reached !== -1) {
        label[reached] = 0;
        label[endpoint[mate[blossombase[child]!]!]!] = 0;
        const from = labelend[reached]!;
        assignLabel(reached, 2, from, treeOf[topOf(endpoint[from]!)]!);
      }
    }
    for (const child of childs) {
      if (!relabelled(child)) {
        label[child] = 0;
        labelend[child] = -1;
        treeOf[child] = -1;
      }
      syncRates(child);
      if (label[child] === 0) watchFromS(child);
    }
    freeBlossom(b);
  }

  /** Queues the edges from S-vertices into blossom b (just left outside every tree) for delta 2. */
  function watchFromS(b: number): void {
    for (const leaf of blossomLeaves(b, leaves)) {
      for (let q = neighbStart[leaf]!; q < neighbStart[leaf + 1]!; q++) {
        const p = neighbend[q]!;
        if (label[topOf(endpoint[p]!)] === 1) toOutside.push(slack(p >> 1) + elapsed, p ^ 1);
      }
    }
  }

  /**
   * Swaps matched and unmatched edges inside blossom b so that vertex v becomes its base. Sub-blossoms
   * are handled from a work list, not by recursion: nesting can be thousands of levels deep.
   */
  function augmentBlossom(b0: number, v0: number): void {
    const work = [b0, v0];
    while (work.length) {
      const v = work.pop()!;
      const b = work.pop()!;
      let t = v;
      while (blossomparent[t] !== b) t = blossomparent[t]!;
      if (t >= n) work.push(t, v);
      const childs = blossomchilds[b]!;
      const endps = blossomendps[b]!;
      const len = childs.length;
      const at = (j: number) => (j < 0 ? j + len : j);
      const i = childs.indexOf(t);
      let j = i;
      let jstep: number;
      let endptrick: number;
      if (i & 1) {
        j -= len;
        jstep = 1;
        endptrick = 0;
      } else {
        jstep = -1;
        endptrick = 1;
      }
      while (j !== 0) {
        j += jstep;
        t = childs[at(j)]!;
        const p = endps[at(j - endptrick)]! ^ endptrick;
        if (t >= n) work.push(t, endpoint[p]!);
        j += jstep;
        t = childs[at(j)]!;
        if (t >= n) work.push(t, endpoint[p ^ 1]!);
        mate[endpoint[p]!] = p ^ 1;
        mate[endpoint[p ^ 1]!] = p;
      }
      blossomchilds[b] = childs.slice(i).concat(childs.slice(0, i));
      blossomendps[b] = endps.slice(i).concat(endps.slice(0, i));
      blossombase[b] = v;
    }
  }

  /**
   * Gives S-vertex s the mate endpoint p (-1: s becomes exposed) and swaps matched and unmatched edges
   * on the tree path from s up to the root, whose vertex ends up matched.
   */
  function flipToRoot(s0: number, p0: number): void {
    let s = s0;
    let p = p0;
    for (;;) {
      const bs = topOf(s);
      if (bs >= n) augmentBlossom(bs, s);
      mate[s] = p;
      if (labelend[bs] === -1) break;
      const t = endpoint[labelend[bs]!]!;
      const bt = topOf(t);
      s = endpoint[labelend[bt]!]!;
      const j = endpoint[labelend[bt]! ^ 1]!;
      if (bt >= n) augmentBlossom(bt, j);
      mate[j] = labelend[bt]!;
      p = labelend[bt]! ^ 1;
    }
  }

  /** Scans the edge from S-vertex v to endpoint p; true when v is no longer an S-vertex. */
  function scanEdge(v: number, p: number): boolean {
    const k = p >> 1;
    const w = endpoint[p]!;
    const bv = topOf(v);
    const bw = topOf(w);
    if (bv === bw) return false;
    const s = slack(k);
    if (s > 0) {
      if (label[bw] === 1) betweenS.push(s / 2 + elapsed, k);
      else if (label[bw] === 0) toOutside.push(s + elapsed, p);
      return false;
    }
    const tree = treeOf[bv]!;
    if (label[bw] === 0) {
      if (mate[blossombase[bw]!] !== -1) {
        assignLabel(w, 2, p ^ 1, tree);
        return false;
      }
      // An exposed vertex outside every tree (its dual is 0): augment to it.
      if (bw >= n) augmentBlossom(bw, w);
      mate[w] = p ^ 1;
      flipToRoot(v, p);
      dissolve(tree);
      return true;
    }
    if (label[bw] === 1) {
      const base = scanBlossom(v, w);
      if (base >= 0) {
        addBlossom(base, k);
        return false;
      }
      // Two trees meet: augment along both and end both.
      const other = treeOf[bw]!;
      flipToRoot(v, p);
      flipToRoot(w, p ^ 1);
      dissolve(tree);
      dissolve(other);
      return true;
    }
    if (label[w] === 0) setLabel(w, 2, p ^ 1, tree);
    return false;
  }

  /**
   * The earliest due entry of a heap that is still valid; `due` gives an item's true due value or NaN
   * when it no longer applies. Late entries are pushed again with their true due value.
   */
  function nextDue(heap: MinHeap, due: (item: number) => number, requeue: boolean): number {
    while (heap.size) {
      const item = heap.topItem();
      const key = heap.topKey();
      const truth = due(item);
      if (truth === key) return key;
      heap.pop();
      if (requeue && !Number.isNaN(truth)) heap.push(truth, item);
    }
    return Number.POSITIVE_INFINITY;
  }
  const isS = (v: number) => label[topOf(v)] === 1;
  const zeroDue = (v: number) => (rate[v] === -1 ? dualvar[v]! + since[v]! : Number.NaN);
  const outsideDue = (p: number) => {
    const v = endpoint[p ^ 1]!;
    const w = endpoint[p]!;
    return isS(v) && label[topOf(w)] === 0 ? slack(p >> 1) + elapsed : Number.NaN;
  };
  const betweenDue = (k: number) => {
    const u = endpoint[2 * k]!;
    const v = endpoint[2 * k + 1]!;
    return isS(u) && isS(v) && topOf(u) !== topOf(v) ? slack(k) / 2 + elapsed : Number.NaN;
  };
  const tDue = (b: number) =>
    rate[b] === -1 && isTop(b) && label[b] === 2 ? dualvar[b]! + since[b]! : Number.NaN;

  jumpStart(n, endpoint, weight, neighbStart, neighbend, dualvar, mate);
  for (let root = 0; root < n; root++) {
    if (mate[root] !== -1 || dualvar[root]! <= 0) continue;
    treeMembers[root] = [];
    activeTrees++;
    assignLabel(root, 1, -1, root);
  }
  while (activeTrees > 0) {
    while (queue.length) {
      const v = queue.pop()!;
      for (let q = neighbStart[v]!; q < neighbStart[v + 1]! && isS(v); q++) {
        if (scanEdge(v, neighbend[q]!)) break;
      }
    }
    if (activeTrees === 0) break;

    // The largest dual change that keeps every slack and dual non-negative.
    let deltatype = 1;
    let due = nextDue(zeroDual, zeroDue, false);
    const outside = nextDue(toOutside, outsideDue, true);
    if (outside < due) {
      deltatype = 2;
      due = outside;
    }
    const between = nextDue(betweenS, betweenDue, true);
    if (between < due) {
      deltatype = 3;
      due = between;
    }
    const blossomDue = nextDue(tBlossoms, tDue, false);
    if (blossomDue < due) {
      deltatype = 4;
      due = blossomDue;
    }
    elapsed = due;
    if (deltatype === 1) {
      // An S-vertex's dual reached 0: it may stay exposed, so the path to it flips and its tree ends.
      const v = zeroDual.topItem();
      zeroDual.pop();
      const tree = treeOf[topOf(v)]!;
      flipToRoot(v, -1);
      dissolve(tree);
    } else if (deltatype === 2) {
      const p = toOutside.topItem();
      toOutside.pop();
      scanEdge(endpoint[p ^ 1]!, p);
    } else if (deltatype === 3) {
      const k = betweenS.topItem();
      betweenS.pop();
      scanEdge(endpoint[2 * k]!, 2 * k + 1);
    } else {
      const b = tBlossoms.topItem();
      tBlossoms.pop();
      expandBlossom(b);
    }
  }
  for (let v = 0; v < n; v++) if (mate[v]! >= 0) mateOut[v] = endpoint[mate[v]!]!;
  return { mate: mateOut, dualvar, blossomparent };
}

/**
 * A feasible start: each vertex's dual is its heaviest edge; then, in vertex order, an exposed vertex
 * lowers its dual as far as its edges allow and takes a tight edge to an exposed neighbour (the
 * heaviest). Matched edges are tight and every slack is non-negative, as the stages require.
 */
function jumpStart(
  n: number,
  endpoint: Int32Array,
  weight: Float64Array,
  neighbStart: Int32Array,
  neighbend: Int32Array,
  dualvar: Float64Array,
  mate: Int32Array,
): void {
  for (let k = 0; k < weight.length; k++) {
    const u = endpoint[2 * k]!;
    const v = endpoint[2 * k + 1]!;
    dualvar[u] = Math.max(dualvar[u]!, weight[k]!);
    dualvar[v] = Math.max(dualvar[v]!, weight[k]!);
  }
  for (let v = 0; v < n; v++) {
    if (mate[v] !== -1) continue;
    let lowest = 0;
    for (let q = neighbStart[v]!; q < neighbStart[v + 1]!; q++) {
      const p = neighbend[q]!;
      lowest = Math.max(lowest, 2 * weight[p >> 1]! - dualvar[endpoint[p]!]!);
    }
    dualvar[v] = lowest;
    if (lowest === 0) continue;
    let best = -1;
    for (let q = neighbStart[v]!; q < neighbStart[v + 1]!; q++) {
      const p = neighbend[q]!;
      const u = endpoint[p]!;
      const tight = 2 * weight[p >> 1]! - dualvar[u]! === lowest;
      if (tight && mate[u] === -1 && (best === -1 || weight[p >> 1]! > weight[best >> 1]!)) best = p;
    }
    if (best !== -1) {
      mate[v] = best;
      mate[endpoint[best]!] = best ^ 1;
    }
  }
  // Short augmenting paths on tight edges (exposed v – u = x – exposed z) settle many exposed vertices
  // without growing a tree.
  const tight = (p: number) => dualvar[endpoint[p]!]! + dualvar[endpoint[p ^ 1]!]! === 2 * weight[p >> 1]!;
  for (let v = 0; v < n; v++) {
    if (mate[v] !== -1 || dualvar[v] === 0) continue;
    search: for (let q = neighbStart[v]!; q < neighbStart[v + 1]!; q++) {
      const p = neighbend[q]!;
      const u = endpoint[p]!;
      if (mate[u] === -1 || !tight(p)) continue;
      const x = endpoint[mate[u]!]!;
      for (let r = neighbStart[x]!; r < neighbStart[x + 1]!; r++) {
        const pz = neighbend[r]!;
        const z = endpoint[pz]!;
        if (z === v || mate[z] !== -1 || !tight(pz)) continue;
        mate[v] = p;
        mate[u] = p ^ 1;
        mate[x] = pz;
        mate[z] = pz ^ 1;
        break search;
      }
    }
  }
}

/** Total weight of a matching given as `mate` (each edge counted once, best parallel edge). */
export function matchingWeight(mate: Int32Array, edges: readonly WeightedEdge[]): number {
  let total = 0;
  const best = new Map<number, number>();
  for (const [u, v, w] of edges) {
    if (mate[u] !== v) continue;
    const key = Math.min(u, v) * mate.length + Math.max(u, v);
    best.set(key, Math.max(best.get(key) ?? Number.NEGATIVE_INFINITY, w));
  }
  for (const w of best.values()) total += w;
  return total;
}
