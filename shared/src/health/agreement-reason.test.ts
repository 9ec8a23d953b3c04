// The partnership agreement in the health model: a pending agreement after two weeks is a reason the
// coordinator sees, never before, never once everyone accepted, and it never caps a healthy pair's status.
import { describe, expect, it } from 'vitest';
import { assessHealth } from './assess';
import { DAY_MS, type MatchHistory } from './history';

const NOW = Date.parse('2026-03-30T12:00:00Z');
const ana = 'ana@example.org';
const ben = 'ben@example.org';

function pair(startedDaysAgo: number, pending: string[] | undefined, cadenceDays = 14): MatchHistory {
  const messages = [20, 15, 10, 6, 3, 1]
    .filter((d) => d < startedDaysAgo)
    .map((d, i) => ({
      from: i % 2 ? ben : ana,
      at: NOW - d * DAY_MS,
      newTextChars: 400,
      questions: 1,
      autoReply: false,
      bounce: false,
    }));
  return {
    cadenceDays,
    now: NOW,
    startedAt: NOW - startedDaysAgo * DAY_MS,
    members: [
      { address: ana, name: 'Ana' },
      { address: ben, name: 'Ben' },
    ],
    messages,
    checkIns: [],
    agreement: pending ? { pending } : undefined,
  };
}

const codes = (history: MatchHistory) => assessHealth(history).detail.reasons.map((r) => r.code);

describe('agreement in health', () => {
  it('names who has not accepted after two weeks, with a coordinator action', () => {
    const result = assessHealth(pair(21, [ben]));
    const reason = result.detail.reasons.find((r) => r.code === 'agreement-pending');
    expect(reason?.text).toMatch(/not accepted after 3 weeks \(waiting for Ben\)/);
    expect(result.status).not.toBe('at-risk');
  });

  it('is quiet in the first two weeks, without an agreement and once everyone accepted', () => {
    expect(codes(pair(10, [ana, ben]))).not.toContain('agreement-pending');
    expect(codes(pair(21, undefined))).not.toContain('agreement-pending');
    expect(codes(pair(21, []))).not.toContain('agreement-pending');
  });

  it('tells the coordinator to remind the pair when it is the only concern', () => {
    const result = assessHealth(pair(21, [ana, ben]));
    const concerns = result.detail.reasons.filter((r) => r.severity !== 'positive' && r.severity !== 'info');
    expect(concerns.map((r) => r.code)).toEqual(['agreement-pending']);
    expect(result.actions.coordinator).toMatch(/accept their partnership agreement/);
    expect(result.reasons.join(' ')).toMatch(/waiting for Ana and Ben/);
  });
});
