import { describe, expect, it } from 'vitest';
import type { ProgramReport } from './program-report';
import { reportToCsv } from './report-csv';
import { histogram, mean, netPromoterScore, quantile } from './statistics';

describe('report statistics', () => {
  it('computes NPS as % promoters minus % detractors', () => {
    expect(netPromoterScore([10, 9, 8, 7, 6, 0])).toBe(0);
    expect(netPromoterScore([10, 10, 9, 3])).toBe(50);
    expect(netPromoterScore([])).toBeNull();
  });

  it('computes means, quantiles and a histogram that counts every value', () => {
    expect(mean([1, 2, 4])).toBe(2.33);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    const buckets = histogram([0.1, 0.5, 0.9, 0.9], 4);
    expect(buckets.map((b) => b.count)).toEqual([1, 0, 1, 2]);
    expect(histogram([0.7, 0.7], 2).reduce((sum, b) => sum + b.count, 0)).toBe(2);
  });
});

describe('reportToCsv', () => {
  it('writes section,metric,value rows and defuses spreadsheet formulas', () => {
    const report = {
      program: { id: 'p', name: '=HYPERLINK("x")', status: 'closed', startsOn: null, endsOn: '2026-06-30' },
      generatedAt: '2026-07-01T00:00:00.000Z',
      enrolment: { total: 2, byStatus: { active: 2 }, byCareerStage: { mid: 2 } },
      matches: {
        total: 1,
        byStatus: { closed: 1 },
        closeReasons: { 'program-ended': 1 },
        compatibility: { mean: 0.5, min: 0.5, median: 0.5, max: 0.5, histogram: [] },
      },
      activity: { source: 'messages', weeks: [{ weekStart: '2026-05-01', active: 1, dormant: 0 }] },
      reciprocity: { matchesWithMessages: 1, twoWayMatches: 1, meanBalance: 1 },
      checkIns: { sent: 2, answered: 1, responseRate: 0.5, averageScore: 4 },
      survey: {
        responses: 1,
        averageSatisfaction: 5,
        nps: 100,
        recommendAnswers: 1,
        learned: ['SQL, joins'],
        taught: ['+1 hiring'],
      },
      partnership: {
        goals: { set: 4, reached: 3, learned: 2, taught: 1, moving: 1, membersWithGoals: 2 },
        agreements: { offered: 1, acceptedByAll: 1 },
        conclusion: { autoConcluded: 0, noticesPending: 0, keptOpen: 0 },
      },
    } satisfies ProgramReport;
    const csv = reportToCsv(report);
    expect(csv).toContain(`program,name,"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('survey,learned,"SQL, joins"');
    expect(csv).toContain("survey,taught,'+1 hiring");
    expect(csv).toContain('activity:messages,2026-05-01:active,1');
    expect(csv).toContain('goals,reached,3\r\ngoals,learned,2\r\ngoals,taught,1');
  });
});
