import { describe, expect, it } from 'vitest';
import { statsCharts, timeAxisRange } from './stats-charts';

describe('statsCharts', () => {
  it('charts the weekly first-reply and check-in series next to the status history', () => {
    const [status, replies, checkIns] = statsCharts({
      statusHistory: [{ day: '2026-11-02', counts: { steady: 3, 'at-risk': 1 } }],
      firstReplyHours: [
        { day: '2026-11-02', hours: 20.04, pairs: 2 },
        { day: '2026-11-09', hours: 4, pairs: 1 },
      ],
      checkInAverages: [{ day: '2026-11-09', average: 3.333, answers: 3 }],
    });
    expect(status!.series.find((s) => s.label === 'steady')!.values).toEqual([3]);
    expect(status!.series.find((s) => s.label === 'thriving')!.values).toEqual([0]);
    expect(replies!.x).toEqual([Date.UTC(2026, 10, 2) / 1000, Date.UTC(2026, 10, 9) / 1000]);
    expect(replies!.series.map((s) => [s.label, s.values])).toEqual([
      ['median hours', [20, 4]],
      ['pairs', [2, 1]],
    ]);
    expect(checkIns!.series[0]!.values).toEqual([3.3]);
    expect(checkIns!.title).toContain('Check-in average');
  });

  it('charts nothing for series the server did not send', () => {
    for (const chart of statsCharts({})) expect(chart.x).toEqual([]);
  });

  it('gives a single day a day either side on the time axis, and leaves a real range alone', () => {
    const day = Date.parse('2026-11-02T00:00:00Z') / 1000;
    expect(timeAxisRange(day, day)).toEqual([day - 86_400, day + 86_400]);
    expect(timeAxisRange(day, day + 7 * 86_400)).toEqual([day, day + 7 * 86_400]);
  });
});
