// Scenario table: short synthetic thread histories with the status and top reason each must produce.
import { describe, expect, it } from 'vitest';
import { assessHealth } from './assess';
import { DAY_MS, type MatchHistory } from './history';
import type { ReasonCode } from './reasons';
import { resolveHealthSettings } from './settings';
import type { HealthStatus } from './status';

const NOW = Date.parse('2026-03-30T12:00:00Z');
const people = { a: 'ana.silva@example.org', b: 'ben.okafor@example.org', c: 'chloe.martin@example.org' };
type Who = keyof typeof people;
const names: Record<Who, string> = { a: 'Ana', b: 'Ben', c: 'Chloé' };

/** [who, days ago, new text chars, questions, flag] */
type Line = [Who, number, number?, number?, ('auto' | 'bounce')?];

interface Scenario {
  name: string;
  cadence?: number;
  startedDaysAgo: number;
  members?: Who[];
  thread: Line[];
  checkIns?: [Who, number, number][];
  closed?: boolean;
  endsInDays?: number;
  settings?: Record<string, unknown>;
  status: HealthStatus;
  top: ReasonCode;
  alsoHas?: ReasonCode[];
  lacks?: ReasonCode[];
}

const ago = (days: number) => NOW - days * DAY_MS;

function history(scenario: Scenario): MatchHistory {
  const members = scenario.members ?? ['a', 'b'];
  return {
    cadenceDays: scenario.cadence ?? 14,
    now: NOW,
    startedAt: ago(scenario.startedDaysAgo),
    endsAt: scenario.endsInDays === undefined ? undefined : NOW + scenario.endsInDays * DAY_MS,
    closed: scenario.closed,
    members: members.map((who) => ({ address: people[who], name: names[who] })),
    messages: scenario.thread.map(([who, days, chars = 600, questions = 0, flag]) => ({
      from: people[who],
      at: ago(days),
      newTextChars: chars,
      questions,
      autoReply: flag === 'auto',
      bounce: flag === 'bounce',
    })),
    checkIns: (scenario.checkIns ?? []).map(([who, days, score]) => ({
      from: people[who],
      at: ago(days),
      score,
    })),
  };
}

/** Alternating messages (each asking `questions`, except the last) every `every` days from `from` days ago to `to` days ago. */
function alternating(
  from: number,
  to: number,
  every: number,
  chars = 700,
  questions = 1,
  first: Who = 'a',
): Line[] {
  const lines: Line[] = [];
  let who = first;
  for (let day = from; day >= to; day -= every) {
    lines.push([who, day, chars, questions]);
    who = who === 'a' ? 'b' : 'a';
  }
  // The last message answers; it does not leave a question open.
  const last = lines[lines.length - 1];
  if (last) last[3] = 0;
  return lines;
}

const goodCheckIns: [Who, number, number][] = [
  ['a', 5, 5],
  ['b', 5, 4],
];

const scenarios: Scenario[] = [
  {
    name: 'brand-new pair, nobody has written yet',
    startedDaysAgo: 2,
    thread: [],
    status: 'steady',
    top: 'no-exchange-yet',
  },
  {
    name: 'brand-new pair, first message not yet replied',
    startedDaysAgo: 3,
    thread: [['a', 2, 900, 2]],
    status: 'steady',
    top: 'awaiting-first-reply',
  },
  {
    name: 'first message unanswered for more than a cadence',
    startedDaysAgo: 18,
    thread: [['a', 16, 900, 2]],
    status: 'at-risk',
    top: 'awaiting-first-reply',
  },
  {
    name: 'introduced three weeks ago, nobody wrote',
    startedDaysAgo: 20,
    thread: [],
    status: 'at-risk',
    top: 'no-exchange-yet',
  },
  {
    name: 'lively balanced pair',
    startedDaysAgo: 42,
    thread: alternating(40, 1, 2.5),
    checkIns: goodCheckIns,
    status: 'thriving',
    top: 'lively',
    alsoHas: ['mutual-questions', 'good-check-ins'],
  },
  {
    name: 'calm but balanced pair, weekly messages',
    startedDaysAgo: 42,
    thread: alternating(40, 2, 6),
    status: 'thriving',
    top: 'mutual-questions',
    alsoHas: ['balanced', 'recent'],
  },
  {
    name: 'one-sided pair: one writes, the other answers briefly',
    startedDaysAgo: 35,
    thread: [
      ['a', 33, 1500, 2],
      ['b', 31, 40],
      ['a', 27, 1400, 2],
      ['b', 24, 50],
      ['a', 19, 1600, 2],
      ['b', 16, 30],
      ['a', 10, 1500, 2],
      ['b', 8, 45],
      ['a', 3, 1300, 2],
      ['b', 2, 40],
    ],
    status: 'at-risk',
    top: 'one-sided',
  },
  {
    name: 'somewhat one-sided pair',
    startedDaysAgo: 35,
    thread: [
      ['a', 30, 1200, 1],
      ['b', 27, 350, 1],
      ['a', 20, 1100, 1],
      ['b', 17, 300, 1],
      ['a', 9, 1000, 1],
      ['b', 3, 300, 0],
    ],
    status: 'steady',
    top: 'one-sided',
  },
  {
    name: 'roles flipped: the learner becomes the teacher',
    startedDaysAgo: 42,
    thread: [
      ['a', 40, 600, 2],
      ['b', 37, 900],
      ['a', 33, 500, 2],
      ['b', 30, 800],
      ['a', 25, 700, 1],
      ['b', 22, 600, 2],
      ['a', 18, 900],
      ['b', 13, 500, 2],
      ['a', 9, 900],
      ['b', 5, 600, 2],
      ['a', 2, 800, 0],
    ],
    checkIns: goodCheckIns,
    status: 'thriving',
    top: 'roles-flipped',
  },
  {
    name: 'gone quiet past twice the cadence',
    startedDaysAgo: 60,
    thread: alternating(58, 30, 4),
    status: 'dormant',
    top: 'dormant',
  },
  {
    name: 'a little past the cadence',
    startedDaysAgo: 40,
    thread: alternating(38, 16, 4),
    status: 'steady',
    top: 'overdue',
  },
  {
    name: 'well past the cadence but not yet dormant',
    startedDaysAgo: 50,
    thread: alternating(48, 23, 4),
    status: 'at-risk',
    top: 'overdue',
  },
  {
    name: 'only auto-replies arrived',
    startedDaysAgo: 10,
    thread: [['b', 9, 120, 0, 'auto']],
    status: 'at-risk',
    top: 'auto-replies-only',
  },
  {
    name: 'only auto-replies, past twice the cadence',
    startedDaysAgo: 30,
    thread: [
      ['b', 29, 120, 0, 'auto'],
      ['a', 20, 100, 0, 'auto'],
    ],
    status: 'dormant',
    top: 'auto-replies-only',
  },
  {
    name: 'auto-replies and bounces do not reset the silence',
    startedDaysAgo: 50,
    thread: [...alternating(48, 24, 4), ['b', 2, 100, 0, 'auto'], ['a', 1, 0, 0, 'bounce']],
    status: 'at-risk',
    top: 'overdue',
  },
  {
    name: 'unanswered question',
    startedDaysAgo: 30,
    thread: [...alternating(28, 10, 3, 700, 0), ['b', 6, 500, 1]],
    status: 'steady',
    top: 'unanswered-question',
  },
  {
    name: 'question unanswered for longer than the cadence',
    startedDaysAgo: 40,
    thread: [...alternating(38, 20, 3, 700, 0), ['b', 15, 500, 2]],
    status: 'at-risk',
    top: 'unanswered-question',
  },
  {
    name: 'answered question is no reason',
    startedDaysAgo: 30,
    thread: [...alternating(28, 10, 3, 700, 1), ['b', 6, 500, 1], ['a', 2, 700, 0]],
    status: 'thriving',
    top: 'lively',
    lacks: ['unanswered-question'],
  },
  {
    name: 'low check-in despite many emails',
    startedDaysAgo: 42,
    thread: alternating(40, 1, 2.5),
    checkIns: [
      ['a', 4, 5],
      ['b', 4, 2],
    ],
    status: 'at-risk',
    top: 'low-check-in',
  },
  {
    name: 'check-in scores falling',
    startedDaysAgo: 42,
    thread: alternating(40, 2, 4),
    checkIns: [
      ['a', 20, 5],
      ['b', 20, 5],
      ['a', 4, 3],
      ['b', 4, 4],
    ],
    status: 'steady',
    top: 'check-in-falling',
  },
  {
    name: 'closed pair',
    startedDaysAgo: 90,
    thread: alternating(88, 40, 4),
    closed: true,
    status: 'closed',
    top: 'closed',
  },
  {
    name: 'closed pair that was lively',
    startedDaysAgo: 42,
    thread: alternating(40, 1, 2.5),
    closed: true,
    status: 'closed',
    top: 'closed',
  },
  {
    name: 'momentum dropping against its own earlier rate',
    startedDaysAgo: 70,
    thread: [...alternating(68, 25, 2.5), ['a', 10, 600, 0]],
    status: 'steady',
    top: 'momentum-down',
  },
  {
    name: 'group of three where one member stopped replying',
    startedDaysAgo: 45,
    members: ['a', 'b', 'c'],
    thread: [
      ['a', 44, 600, 1],
      ['c', 42, 600, 1],
      ['b', 40, 600, 1],
      ['a', 30, 600, 1],
      ['b', 27, 600, 1],
      ['a', 18, 600, 1],
      ['b', 12, 600, 1],
      ['a', 5, 600, 1],
      ['b', 2, 600, 1],
    ],
    status: 'at-risk',
    top: 'member-silent',
  },
  {
    name: 'slow replier',
    startedDaysAgo: 60,
    thread: [
      ['a', 58, 700, 1],
      ['b', 46, 700, 1],
      ['a', 44, 700, 1],
      ['b', 32, 700, 1],
      ['a', 30, 700, 1],
      ['b', 18, 700, 1],
      ['a', 16, 700, 1],
      ['b', 4, 700, 0],
    ],
    status: 'steady',
    top: 'slow-replies',
  },
  {
    name: 'program ending soon: winding down',
    startedDaysAgo: 80,
    thread: alternating(78, 2, 4),
    endsInDays: 5,
    status: 'thriving',
    top: 'mutual-questions',
    alsoHas: ['winding-down'],
  },
  {
    name: 'a program with a one-week cadence sees ten days as overdue',
    cadence: 7,
    startedDaysAgo: 40,
    thread: alternating(37, 10, 3),
    status: 'steady',
    top: 'overdue',
  },
  {
    name: 'a program can set its own dormant line',
    startedDaysAgo: 60,
    settings: { dormantAfterCadences: 3 },
    thread: alternating(58, 30, 4),
    status: 'at-risk',
    top: 'overdue',
  },
];

describe('relationship health scenarios', () => {
  it('has at least 20 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
  });

  it.each(scenarios)('$name → $status, $top', (scenario) => {
    const result = assessHealth(history(scenario), resolveHealthSettings(scenario.settings));
    const codes = result.detail.reasons.map((reason) => reason.code);
    expect(
      { status: result.status, top: codes[0] },
      `score ${result.score}, reasons ${codes.join(', ')}`,
    ).toEqual({
      status: scenario.status,
      top: scenario.top,
    });
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(100);
    expect(result.reasons.length).toBeLessThanOrEqual(3);
    expect(result.reasons[0]).toBe(result.detail.reasons[0]!.text);
    for (const code of scenario.alsoHas ?? []) expect(codes).toContain(code);
    for (const code of scenario.lacks ?? []) expect(codes).not.toContain(code);
    for (const address of history(scenario).members.map((m) => m.address)) {
      expect(result.actions.members[address]).toBeTruthy();
    }
    expect(result.actions.coordinator).toBeTruthy();
  });

  it('orders the scores: thriving pair above steady above at-risk above dormant', () => {
    const score = (name: string) => assessHealth(history(scenarios.find((s) => s.name === name)!)).score;
    expect(score('lively balanced pair')).toBeGreaterThan(score('a little past the cadence'));
    expect(score('a little past the cadence')).toBeGreaterThan(
      score('well past the cadence but not yet dormant'),
    );
    expect(score('well past the cadence but not yet dormant')).toBeGreaterThan(
      score('gone quiet past twice the cadence'),
    );
  });
});
