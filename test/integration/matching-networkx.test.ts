// The solver against networkx `max_weight_matching` (python3-networkx) on random graphs of 20–60
// vertices, with and without maximum cardinality: the total weights must be identical.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  matchingWeight,
  maxWeightMatching,
  type WeightedEdge,
} from '../../shared/src/matching/max-weight-matching';
import { seededRandom } from '../../shared/src/seeded-random';

const networkxWeights = `
import json, sys
import networkx as nx
out = []
for graph in json.load(sys.stdin):
    g = nx.Graph()
    g.add_nodes_from(range(graph["n"]))
    g.add_weighted_edges_from(graph["edges"])
    m = nx.max_weight_matching(g, maxcardinality=graph["maxCardinality"])
    out.append(sum(g[u][v]["weight"] for u, v in m))
print(json.dumps(out))
`;

describe('maxWeightMatching agrees with networkx', () => {
  it('on random graphs up to 60 vertices', () => {
    const graphs = Array.from({ length: 40 }, (_, i) => {
      const random = seededRandom(1000 + i);
      const n = 20 + ((i * 7) % 41);
      const density = [0.1, 0.3, 0.7, 1][i % 4]!;
      const edges: WeightedEdge[] = [];
      for (let u = 0; u < n; u++) {
        for (let v = u + 1; v < n; v++) {
          if (random.chance(density))
            edges.push([u, v, random.int(i % 3 === 0 ? 1 : -20, i % 2 ? 10 : 1000)]);
        }
      }
      return { n, edges, maxCardinality: i % 5 === 0 };
    });
    const expected = JSON.parse(
      execFileSync('python3', ['-c', networkxWeights], { input: JSON.stringify(graphs), encoding: 'utf8' }),
    ) as number[];
    const ours = graphs.map((graph) =>
      matchingWeight(
        maxWeightMatching(graph.n, graph.edges, { maxCardinality: graph.maxCardinality }),
        graph.edges,
      ),
    );
    expect(ours).toEqual(expected);
  });
});
