// Checks that a solved matching is optimal from its duals alone (linear-programming duality for the
// matching polytope with blossom constraints): the duals are feasible, and complementary slackness holds.
// Then no other matching can weigh more, whatever solver produced it.
import { dualSlack, type SolvedMatching, type WeightedEdge } from './max-weight-matching';

/** Null when the duals prove the matching optimal, otherwise the first condition that fails. */
export function certificateProblem(
  n: number,
  edges: readonly WeightedEdge[],
  solved: SolvedMatching,
): string | null {
  const { mate, dualvar, blossomparent } = solved;
  const slackOf = dualSlack(solved);
  // The blossoms that hold vertices, with their vertex counts and matched edges inside.
  const chains: number[][] = [];
  const leafCount = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const chain: number[] = [];
    for (let b = blossomparent[v]!; b !== -1; b = blossomparent[b]!) chain.push(b);
    chains.push(chain);
    for (const b of chain) leafCount.set(b, (leafCount.get(b) ?? 0) + 1);
  }
  const matchedInside = new Map<number, number>();
  const pairSlack = new Map<number, number>();
  let primal = 0;
  const bestWeight = new Map<number, number>();
  for (const [u, v, w] of edges) {
    const slack = slackOf(u, v, w);
    if (slack < 0) return `edge (${u}, ${v}) has negative slack ${slack}`;
    if (mate[u] === v) {
      const key = Math.min(u, v) * n + Math.max(u, v);
      pairSlack.set(key, Math.min(pairSlack.get(key) ?? Number.POSITIVE_INFINITY, slack));
      bestWeight.set(key, Math.max(bestWeight.get(key) ?? Number.NEGATIVE_INFINITY, w));
    }
  }
  for (let v = 0; v < n; v++) {
    if (dualvar[v]! < 0) return `vertex ${v} has a negative dual`;
    const m = mate[v]!;
    if (m === -1) {
      if (dualvar[v] !== 0) return `exposed vertex ${v} has dual ${dualvar[v]}`;
      continue;
    }
    if (mate[m] !== v) return `mate of ${v} is not symmetric`;
    if (v > m) continue;
    const key = v * n + m;
    if (!pairSlack.has(key)) return `matched pair (${v}, ${m}) is not an edge`;
    if (pairSlack.get(key) !== 0) return `matched edge (${v}, ${m}) is not tight`;
    primal += bestWeight.get(key)!;
    const outer = new Set(chains[m]);
    for (const b of chains[v]!) if (outer.has(b)) matchedInside.set(b, (matchedInside.get(b) ?? 0) + 1);
  }
  // Dual objective in the units of dualSlack: Σ y_v / 2 + Σ z_B · (|B| − 1) / 2.
  let dual = 0;
  for (let v = 0; v < n; v++) dual += dualvar[v]! / 2;
  for (const [b, count] of leafCount) {
    const z = dualvar[b]!;
    if (z < 0) return `blossom ${b} has a negative dual`;
    if (z > 0 && (matchedInside.get(b) ?? 0) !== (count - 1) / 2) return `blossom ${b} is not full`;
    dual += (z * (count - 1)) / 2;
  }
  if (dual !== primal) return `dual objective ${dual} differs from the matching weight ${primal}`;
  return null;
}
