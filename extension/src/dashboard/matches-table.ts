// Filtering and sorting of the matches table, kept apart from React so it is tested on its own.
import type { HealthStatus } from '@peerpost/shared/health/status';
import { healthOf, type MatchRow } from './types';

export type SortKey = 'health' | 'started' | 'members' | 'firstReply' | 'checkIn';

export function filterAndSort(
  rows: MatchRow[],
  options: { statuses: Set<HealthStatus | 'unknown'>; sort: SortKey; descending: boolean },
): MatchRow[] {
  const value = (row: MatchRow): number | string => {
    switch (options.sort) {
      case 'health':
        return healthOf(row).score ?? -1;
      case 'started':
        return row.startedAt ?? '';
      case 'members':
        return row.members.map((m) => m.name).join(', ');
      case 'firstReply':
        return row.firstReplyHours ?? Number.POSITIVE_INFINITY;
      case 'checkIn':
        return row.checkInAverage ?? -1;
    }
  };
  const filtered = rows.filter((row) => options.statuses.has(healthOf(row).status ?? 'unknown'));
  return filtered.sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return options.descending ? -order : order;
  });
}
