import { describe, expect, it } from 'vitest';
import { filterAndSort } from './matches-table';
import type { MatchRow } from './types';

const rows: MatchRow[] = [
  { id: 'a', status: 'active', members: [{ name: 'Ana' }], health: { score: 80, status: 'thriving' } },
  { id: 'b', status: 'active', members: [{ name: 'Ben' }], healthScore: 20, healthStatus: 'at-risk' },
  { id: 'c', status: 'active', members: [{ name: 'Cy' }] },
];

describe('filterAndSort', () => {
  it('filters by health status, with unknown for matches without health', () => {
    const ids = filterAndSort(rows, {
      statuses: new Set(['at-risk', 'unknown']),
      sort: 'health',
      descending: false,
    });
    expect(ids.map((r) => r.id)).toEqual(['c', 'b']);
  });

  it('sorts by health score either way', () => {
    const all = new Set(['thriving', 'at-risk', 'unknown'] as const);
    expect(filterAndSort(rows, { statuses: all, sort: 'health', descending: true }).map((r) => r.id)).toEqual(
      ['a', 'b', 'c'],
    );
  });
});
