// The column walk (full recompute) against the plain model on random histories: every field of every
// assessment must be the same, including for shapes the database never produces (unsorted threads, ties,
// senders who left, repeated members).
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import { assessHealth, assessThreadColumns } from './assess';
import { DAY_MS, type HealthMessage, type MatchHistory } from './history';
import { resolveHealthSettings } from './settings';
import {
  columnsFromMessages,
  messagesFromColumns,
  resizeColumns,
  type ThreadColumns,
  threadColumns,
} from './thread-columns';

const NOW = Date.parse('2026-03-30T12:00:00Z');
const people = ['ana@example.org', 'ben@example.org', 'chloe@example.org', 'dev@example.org'];

function randomHistory(seed: number): MatchHistory {
  const random = seededRandom(seed);
  const size = random.int(1, 4);
  const members = random.sample(people, size).map((address) => ({ address, name: address.slice(0, 3) }));
  if (random.chance(0.03)) members.push({ ...members[0]!, name: 'Again' });
  const writers = random.chance(0.15) ? people : members.map((member) => member.address);
  const startedDaysAgo = random.int(0, 150);
  const cadenceDays = random.pick([7, 14, 30]);
  // Whole hours, so that some messages share a time (ties keep their order).
  const at = () => NOW - random.int(-5 * 24, startedDaysAgo * 24 + 1) * 3_600_000;
  const messages: HealthMessage[] = Array.from({ length: random.int(0, 70) }, () => ({
    from: random.pick(writers),
    at: at(),
    newTextChars: random.chance(0.1) ? 0 : random.int(1, 3000),
    questions: random.chance(0.55) ? 0 : random.int(1, 4),
    autoReply: random.chance(0.05),
    bounce: random.chance(0.03),
  }));
  if (random.chance(0.7)) messages.sort((a, b) => a.at - b.at);
  return {
    cadenceDays,
    now: NOW,
    startedAt: NOW - startedDaysAgo * DAY_MS,
    endsAt: random.chance(0.2) ? NOW + random.int(-5, 40) * DAY_MS : undefined,
    closed: random.chance(0.05),
    members,
    messages,
    checkIns: Array.from({ length: random.int(0, 5) }, () => ({
      from: random.pick(writers),
      at: at(),
      score: random.int(1, 6),
    })),
    agreement: random.chance(0.2)
      ? { pending: random.sample(members, random.int(0, members.length + 1)).map((m) => m.address) }
      : undefined,
  };
}

const settingsFor = (seed: number) =>
  seed % 5 === 0 ? resolveHealthSettings({ momentumWindowDays: 10, oneSidedShare: 0.6 }) : undefined;

/** Copies a thread into reused columns, as the recompute does for each match it reads. */
function into(columns: ThreadColumns, messages: HealthMessage[]): ThreadColumns {
  const source = columnsFromMessages(messages);
  resizeColumns(columns, source.length);
  columns.senders = source.senders;
  for (const key of ['sender', 'at', 'newTextChars', 'questions', 'flags'] as const) {
    columns[key].set(source[key].subarray(0, source.length));
  }
  return columns;
}

describe('thread columns', () => {
  it('round-trip messages exactly', () => {
    const { messages } = randomHistory(3);
    expect(messages.length).toBeGreaterThan(0);
    expect(messagesFromColumns(columnsFromMessages(messages))).toStrictEqual(messages);
  });

  it('give the same assessment as the plain model for 3,000 random histories', () => {
    const reused = threadColumns(4);
    const seen = { statuses: new Set<string>(), codes: new Set<string>(), flipped: 0, unsorted: 0 };
    for (let seed = 1; seed <= 3000; seed++) {
      const history = randomHistory(seed);
      const settings = settingsFor(seed);
      const { messages, ...rest } = history;
      const plain = assessHealth(history, settings);
      expect(assessThreadColumns(rest, into(reused, messages), settings), `seed ${seed}`).toStrictEqual(
        plain,
      );
      seen.statuses.add(plain.status);
      for (const reason of plain.detail.reasons) seen.codes.add(reason.code);
      if (plain.detail.signals.rolesFlipped) seen.flipped++;
      if (messages.some((message, k) => k > 0 && message.at < messages[k - 1]!.at)) seen.unsorted++;
    }
    // The sample reaches what the model distinguishes, so the comparison means something.
    expect([...seen.statuses].sort()).toEqual(['at-risk', 'closed', 'dormant', 'steady', 'thriving']);
    expect(seen.codes.size).toBeGreaterThanOrEqual(18);
    expect(seen.flipped).toBeGreaterThan(10);
    expect(seen.unsorted).toBeGreaterThan(100);
  });
});
