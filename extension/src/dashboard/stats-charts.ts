// The dashboard's charts from GET /api/programs/{id}/stats: health status counts per day, median hours to
// a pair's first reply per week and the average check-in score per week. Missing series chart as empty.
import type { ProgramStats } from '@peerpost/shared/api/programs';
import { type HealthStatus, healthStatuses } from '@peerpost/shared/health/status';
import type { ChartSeries } from './Chart';

export type Stats = Partial<ProgramStats>;

export interface ChartData {
  title: string;
  /** Unix seconds of each point's day (a week's Monday for weekly series). */
  x: number[];
  series: ChartSeries[];
}

const statusColors: Record<HealthStatus, string> = {
  thriving: '#1a7f37',
  steady: '#0b6bcb',
  'at-risk': '#bc4c00',
  dormant: '#8250df',
  closed: '#59636e',
};
const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

export function statsCharts(stats: Stats): ChartData[] {
  const history = stats.statusHistory ?? [];
  const replies = stats.firstReplyHours ?? [];
  const checkIns = stats.checkInAverages ?? [];
  return [
    {
      title: 'Health status over time',
      x: history.map((point) => seconds(point.day)),
      series: healthStatuses.map((status) => ({
        label: status,
        color: statusColors[status],
        values: history.map((point) => point.counts[status] ?? 0),
      })),
    },
    {
      title: 'Median time to first reply, by week (hours)',
      x: replies.map((point) => seconds(point.day)),
      series: [
        { label: 'median hours', color: '#0b6bcb', values: replies.map((point) => round(point.hours)) },
        { label: 'pairs', color: '#8c959f', values: replies.map((point) => point.pairs) },
      ],
    },
    {
      title: 'Check-in average by week (1–5)',
      x: checkIns.map((point) => seconds(point.day)),
      series: [
        { label: 'average', color: '#1a7f37', values: checkIns.map((point) => round(point.average)) },
        { label: 'answers', color: '#8c959f', values: checkIns.map((point) => point.answers) },
      ],
    },
  ];
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * The x range of a time chart: the data's own, or a day either side of a single day (left to itself, the
 * chart would stretch one point over years).
 */
export function timeAxisRange(min: number, max: number): [number, number] {
  return min === max ? [min - 86_400, max + 86_400] : [min, max];
}
