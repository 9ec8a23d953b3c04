// Exact maximum-weight matching on a general (non-bipartite) graph: Edmonds' blossom algorithm with
// the primal-dual method of Galil (1986), O(n³). The structure follows Joris van Rantwijk's public
// domain mwmatching.py (the same algorithm networkx ships), ported to typed arrays for speed.
// Deterministic: the result depends only on the vertex count and the edge list in the given order.
// Exact for integer weights (all dual values stay multiples of ½, which doubles represent exactly).

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
  const maxCardinality = options.maxCardinality ?? false;
  // Dense graphs: solve on each vertex's best edges and add back only the edges the duals show to be
  // needed (see solveByPricing). Exact, and far less work per stage.
  const degree = options.pricingDegree ?? PRICING_DEGREE;
  if (!maxCardinality && edges.length > degree * 2 * vertexCount) {
    for (const [k, edge] of edges.entries()) assertEdge(vertexCount, edge, k);
    return solveByPricing(vertexCount, edges, degree);
  }
  return blossomSolve(vertexCount, edges, maxCardinality).mate;
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

interface Solved {
  mate: Int32Array;
  /** Vertex duals (0 … n-1) and blossom duals (n … 2n-1), in the doubled units of slack(). */
  dualvar: Float64Array;
  blossomparent: Int32Array;
}

/**
 * Column generation on the exact solver: solve the subgraph of every vertex's top edges, then check every
 * other edge against the optimal duals (slack with the duals of blossoms holding both ends, as in
 * mwmatching's verifyOptimum). Edges with negative slack join the subgraph and it is solved again; when
 * none is left the duals are feasible for the whole graph, so the matching is optimal for it.
 */
function solveByPricing(n: number, edges: readonly WeightedEdge[], degree: number): Int32Array {
  const m = edges.length;
  const chosen = new Uint8Array(m);
  const incident: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < m; k++) {
    const [u, v] = edges[k]!;
    if (u >= 0 && u < n) incident[u]!.push(k);
    if (v >= 0 && v < n) incident[v]!.push(k);
  }
  for (const list of incident) {
    list.sort((x, y) => edges[y]![2] - edges[x]![2] || x - y);
    for (let t = 0; t < Math.min(degree, list.length); t++) chosen[list[t]!] = 1;
  }
  for (;;) {
    const subset: WeightedEdge[] = [];
    for (let k = 0; k < m; k++) if (chosen[k]) subset.push(edges[k]!);
    const { mate, dualvar, blossomparent } = blossomSolve(n, subset, false);
    let added = 0;
    const chainOf = (v: number) => {
      const chain = [v];
      while (blossomparent[chain.at(-1)!] !== -1) chain.push(blossomparent[chain.at(-1)!]!);
      return chain.reverse();
    };
    const top = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      let b = v;
      while (blossomparent[b] !== -1) b = blossomparent[b]!;
      top[v] = b;
    }
    for (let k = 0; k < m; k++) {
      if (chosen[k]) continue;
      const [u, v, w] = edges[k]!;
      let slack = dualvar[u]! + dualvar[v]! - 2 * w;
      if (top[u] === top[v]) {
        const cu = chainOf(u);
        const cv = chainOf(v);
        for (let i = 0; i < Math.min(cu.length, cv.length) && cu[i] === cv[i]; i++)
          slack += 2 * dualvar[cu[i]!]!;
      }
      if (slack < 0) {
        chosen[k] = 1;
        added++;
      }
    }
    if (added === 0) return mate;
  }
}

function blossomSolve(vertexCount: number, edges: readonly WeightedEdge[], maxCardinality: boolean): Solved {
  const n = vertexCount;
  const mateOut = new Int32Array(n).fill(-1);
  const m = edges.length;
  if (m === 0 || n === 0) {
    return { mate: mateOut, dualvar: new Float64Array(2 * n), blossomparent: new Int32Array(2 * n).fill(-1) };
  }

  // endpoint[p] for p = 2k, 2k+1: the two ends of edge k. Edge k's weight is weight[k].
  const endpoint = new Int32Array(2 * m);
  const weight = new Float64Array(m);
  const degree = new Int32Array(n + 1);
  let maxWeight = 0;
  for (let k = 0; k < m; k++) {
    const [u, v, w] = assertEdge(n, edges[k]!, k);
    endpoint[2 * k] = u;
    endpoint[2 * k + 1] = v;
    weight[k] = w;
    if (w > maxWeight) maxWeight = w;
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
  const inblossom = new Int32Array(n);
  for (let v = 0; v < n; v++) inblossom[v] = v;
  const blossomparent = new Int32Array(2 * n).fill(-1);
  const blossomchilds: (number[] | null)[] = new Array(2 * n).fill(null);
  const blossombase = new Int32Array(2 * n).fill(-1);
  for (let v = 0; v < n; v++) blossombase[v] = v;
  const blossomendps: (number[] | null)[] = new Array(2 * n).fill(null);
  const bestedge = new Int32Array(2 * n).fill(-1);
  const blossombestedges: (number[] | null)[] = new Array(2 * n).fill(null);
  const unusedblossoms: number[] = [];
  for (let b = 2 * n - 1; b >= n; b--) unusedblossoms.push(b);
  const dualvar = new Float64Array(2 * n);
  dualvar.fill(maxWeight, 0, n);
  const allowedge = new Uint8Array(m);
  const queue: number[] = [];
  const bestedgeto = new Int32Array(2 * n).fill(-1);

  const slack = (k: number) => dualvar[endpoint[2 * k]!]! + dualvar[endpoint[2 * k + 1]!]! - 2 * weight[k]!;

  const leaves: number[] = [];
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

  function assignLabel(w0: number, t0: number, p0: number): void {
    let w = w0;
    let t = t0;
    let p = p0;
    for (;;) {
      const b = inblossom[w]!;
      label[w] = label[b] = t;
      labelend[w] = labelend[b] = p;
      bestedge[w] = bestedge[b] = -1;
      if (t === 1) {
        for (const v of blossomLeaves(b, [])) queue.push(v);
        return;
      }
      // T-blossom: its base is matched; the mate becomes an S-vertex.
      const base = blossombase[b]!;
      w = endpoint[mate[base]!]!;
      t = 1;
      p = mate[base]! ^ 1;
    }
  }

  /** Traces back from v and w to find a new blossom's base, or -1 for an augmenting path. */
  function scanBlossom(v0: number, w0: number): number {
    let v = v0;
    let w = w0;
    const path: number[] = [];
    let base = -1;
    while (v !== -1 || w !== -1) {
      let b = inblossom[v]!;
      if (label[b]! & 4) {
        base = blossombase[b]!;
        break;
      }
      path.push(b);
      label[b] = 5;
      if (labelend[b] === -1) v = -1;
      else {
        v = endpoint[labelend[b]!]!;
        b = inblossom[v]!;
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
    const bb = inblossom[base]!;
    let bv = inblossom[v]!;
    let bw = inblossom[w]!;
    const b = unusedblossoms.pop()!;
    blossombase[b] = base;
    blossomparent[b] = -1;
    blossomparent[bb] = b;
    const path: number[] = [];
    const endps: number[] = [];
    while (bv !== bb) {
      blossomparent[bv] = b;
      path.push(bv);
      endps.push(labelend[bv]!);
      v = endpoint[labelend[bv]!]!;
      bv = inblossom[v]!;
    }
    path.push(bb);
    path.reverse();
    endps.reverse();
    endps.push(2 * k);
    while (bw !== bb) {
      blossomparent[bw] = b;
      path.push(bw);
      endps.push(labelend[bw]! ^ 1);
      w = endpoint[labelend[bw]!]!;
      bw = inblossom[w]!;
    }
    blossomchilds[b] = path;
    blossomendps[b] = endps;
    label[b] = 1;
    labelend[b] = labelend[bb]!;
    dualvar[b] = 0;
    for (const leaf of blossomLeaves(b, leaves)) {
      if (label[inblossom[leaf]!] === 2) queue.push(leaf);
      inblossom[leaf] = b;
    }
    // The least-slack edges from the new blossom to each neighbouring S-blossom.
    const touched: number[] = [];
    const consider = (edge: number) => {
      let i = endpoint[2 * edge]!;
      let j = endpoint[2 * edge + 1]!;
      if (inblossom[j] === b) {
        const swap = i;
        i = j;
        j = swap;
      }
      const bj = inblossom[j]!;
      if (bj !== b && label[bj] === 1) {
        const current = bestedgeto[bj]!;
        if (current === -1) {
          bestedgeto[bj] = edge;
          touched.push(bj);
        } else if (slack(edge) < slack(current)) bestedgeto[bj] = edge;
      }
    };
    for (const child of path) {
      const list = blossombestedges[child];
      if (list == null) {
        for (const leaf of blossomLeaves(child, leaves)) {
          for (let q = neighbStart[leaf]!; q < neighbStart[leaf + 1]!; q++) consider(neighbend[q]! >> 1);
        }
      } else for (const edge of list) consider(edge);
      blossombestedges[child] = null;
      bestedge[child] = -1;
    }
    // Ascending blossom order keeps the choice among equal slacks independent of discovery order.
    touched.sort((x, y) => x - y);
    const best: number[] = [];
    let bestOfB = -1;
    for (const bj of touched) {
      const edge = bestedgeto[bj]!;
      bestedgeto[bj] = -1;
      best.push(edge);
      if (bestOfB === -1 || slack(edge) < slack(bestOfB)) bestOfB = edge;
    }
    blossombestedges[b] = best;
    bestedge[b] = bestOfB;
  }

  function expandBlossom(b: number, endstage: boolean): void {
    const childs = blossomchilds[b]!;
    for (const s of childs) {
      blossomparent[s] = -1;
      if (s < n) inblossom[s] = s;
      else if (endstage && dualvar[s] === 0) expandBlossom(s, endstage);
      else for (const leaf of blossomLeaves(s, [])) inblossom[leaf] = s;
    }
    if (!endstage && label[b] === 2) {
      // Relabel the child blossoms along the even path from the entry child to the base.
      const endps = blossomendps[b]!;
      const len = childs.length;
      const at = (j: number) => (j < 0 ? j + len : j);
      const entrychild = inblossom[endpoint[labelend[b]! ^ 1]!]!;
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
        assignLabel(endpoint[p ^ 1]!, 2, p);
        allowedge[endps[at(j - endptrick)]! >> 1] = 1;
        j += jstep;
        p = endps[at(j - endptrick)]! ^ endptrick;
        allowedge[p >> 1] = 1;
        j += jstep;
      }
      let bv = childs[at(j)]!;
      label[endpoint[p ^ 1]!] = label[bv] = 2;
      labelend[endpoint[p ^ 1]!] = labelend[bv] = p;
      bestedge[bv] = -1;
      j += jstep;
      while (childs[at(j)] !== entrychild) {
        bv = childs[at(j)]!;
        if (label[bv] === 1) {
          j += jstep;
          continue;
        }
        let reached = -1;
        for (const leaf of blossomLeaves(bv, [])) {
          if (label[leaf] !== 0) {
            reached = leaf;
            break;
          }
        }
        if (reached !== -1) {
          label[reached] = 0;
          label[endpoint[mate[blossombase[bv]!]!]!] = 0;
          assignLabel(reached, 2, labelend[reached]!);
        }
        j += jstep;
      }
    }
    label[b] = -1;
    labelend[b] = -1;
    blossomchilds[b] = null;
    blossomendps[b] = null;
    blossombase[b] = -1;
    blossombestedges[b] = null;
    bestedge[b] = -1;
    unusedblossoms.push(b);
  }

  /** Swaps matched and unmatched edges inside blossom b so that vertex v becomes its base. */
  function augmentBlossom(b: number, v: number): void {
    let t = v;
    while (blossomparent[t] !== b) t = blossomparent[t]!;
    if (t >= n) augmentBlossom(t, v);
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
      if (t >= n) augmentBlossom(t, endpoint[p]!);
      j += jstep;
      t = childs[at(j)]!;
      if (t >= n) augmentBlossom(t, endpoint[p ^ 1]!);
      mate[endpoint[p]!] = p ^ 1;
      mate[endpoint[p ^ 1]!] = p;
    }
    blossomchilds[b] = childs.slice(i).concat(childs.slice(0, i));
    blossomendps[b] = endps.slice(i).concat(endps.slice(0, i));
    blossombase[b] = blossombase[blossomchilds[b]![0]!]!;
  }

  function augmentMatching(k: number): void {
    const starts: [number, number][] = [
      [endpoint[2 * k]!, 2 * k + 1],
      [endpoint[2 * k + 1]!, 2 * k],
    ];
    for (let [s, p] of starts) {
      for (;;) {
        const bs = inblossom[s]!;
        if (bs >= n) augmentBlossom(bs, s);
        mate[s] = p;
        if (labelend[bs] === -1) break;
        const t = endpoint[labelend[bs]!]!;
        const bt = inblossom[t]!;
        s = endpoint[labelend[bt]!]!;
        const j = endpoint[labelend[bt]! ^ 1]!;
        if (bt >= n) augmentBlossom(bt, j);
        mate[j] = labelend[bt]!;
        p = labelend[bt]! ^ 1;
      }
    }
  }

  for (let stage = 0; stage < n; stage++) {
    label.fill(0);
    bestedge.fill(-1);
    blossombestedges.fill(null, n);
    allowedge.fill(0);
    queue.length = 0;
    for (let v = 0; v < n; v++) {
      if (mate[v] === -1 && label[inblossom[v]!] === 0) assignLabel(v, 1, -1);
    }
    let augmented = false;
    for (;;) {
      while (queue.length && !augmented) {
        const v = queue.pop()!;
        for (let q = neighbStart[v]!; q < neighbStart[v + 1]!; q++) {
          const p = neighbend[q]!;
          const k = p >> 1;
          const w = endpoint[p]!;
          if (inblossom[v] === inblossom[w]) continue;
          let kslack = 0;
          if (!allowedge[k]) {
            kslack = slack(k);
            if (kslack <= 0) allowedge[k] = 1;
          }
          if (allowedge[k]) {
            if (label[inblossom[w]!] === 0) assignLabel(w, 2, p ^ 1);
            else if (label[inblossom[w]!] === 1) {
              const base = scanBlossom(v, w);
              if (base >= 0) addBlossom(base, k);
              else {
                augmentMatching(k);
                augmented = true;
                break;
              }
            } else if (label[w] === 0) {
              label[w] = 2;
              labelend[w] = p ^ 1;
            }
          } else if (label[inblossom[w]!] === 1) {
            const b = inblossom[v]!;
            if (bestedge[b] === -1 || kslack < slack(bestedge[b]!)) bestedge[b] = k;
          } else if (label[w] === 0) {
            if (bestedge[w] === -1 || kslack < slack(bestedge[w]!)) bestedge[w] = k;
          }
        }
      }
      if (augmented) break;

      // No augmenting path with tight edges: change the duals by the largest safe delta.
      let deltatype = -1;
      let delta = 0;
      let deltaedge = -1;
      let deltablossom = -1;
      if (!maxCardinality) {
        deltatype = 1;
        delta = Number.POSITIVE_INFINITY;
        for (let v = 0; v < n; v++) if (dualvar[v]! < delta) delta = dualvar[v]!;
      }
      for (let v = 0; v < n; v++) {
        if (label[inblossom[v]!] === 0 && bestedge[v] !== -1) {
          const d = slack(bestedge[v]!);
          if (deltatype === -1 || d < delta) {
            delta = d;
            deltatype = 2;
            deltaedge = bestedge[v]!;
          }
        }
      }
      for (let b = 0; b < 2 * n; b++) {
        if (blossomparent[b] === -1 && label[b] === 1 && bestedge[b] !== -1) {
          const d = slack(bestedge[b]!) / 2;
          if (deltatype === -1 || d < delta) {
            delta = d;
            deltatype = 3;
            deltaedge = bestedge[b]!;
          }
        }
      }
      for (let b = n; b < 2 * n; b++) {
        if (
          blossombase[b]! >= 0 &&
          blossomparent[b] === -1 &&
          label[b] === 2 &&
          (deltatype === -1 || dualvar[b]! < delta)
        ) {
          delta = dualvar[b]!;
          deltatype = 4;
          deltablossom = b;
        }
      }
      if (deltatype === -1) {
        // Maximum cardinality reached: one last dual change to optimality.
        deltatype = 1;
        delta = Number.POSITIVE_INFINITY;
        for (let v = 0; v < n; v++) if (dualvar[v]! < delta) delta = dualvar[v]!;
        delta = Math.max(0, delta);
      }
      for (let v = 0; v < n; v++) {
        const l = label[inblossom[v]!];
        if (l === 1) dualvar[v]! -= delta;
        else if (l === 2) dualvar[v]! += delta;
      }
      for (let b = n; b < 2 * n; b++) {
        if (blossombase[b]! >= 0 && blossomparent[b] === -1) {
          if (label[b] === 1) dualvar[b]! += delta;
          else if (label[b] === 2) dualvar[b]! -= delta;
        }
      }
      if (deltatype === 1) break;
      if (deltatype === 2) {
        allowedge[deltaedge] = 1;
        let i = endpoint[2 * deltaedge]!;
        if (label[inblossom[i]!] === 0) i = endpoint[2 * deltaedge + 1]!;
        queue.push(i);
      } else if (deltatype === 3) {
        allowedge[deltaedge] = 1;
        queue.push(endpoint[2 * deltaedge]!);
      } else expandBlossom(deltablossom, false);
    }
    if (!augmented) break;
    // End of stage: expand S-blossoms whose dual reached zero.
    for (let b = n; b < 2 * n; b++) {
      if (blossomparent[b] === -1 && blossombase[b]! >= 0 && label[b] === 1 && dualvar[b] === 0) {
        expandBlossom(b, true);
      }
    }
  }
  for (let v = 0; v < n; v++) if (mate[v]! >= 0) mateOut[v] = endpoint[mate[v]!]!;
  return { mate: mateOut, dualvar, blossomparent };
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
