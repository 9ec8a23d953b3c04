import { describe, expect, it } from 'vitest';
import { isQuietHour, localHour } from './quiet-hours';
import { type NudgeCheck, type NudgeRecipient, nudgeBlock } from './rules';

const recipient = (overrides: Partial<NudgeRecipient> = {}): NudgeRecipient => ({
  userId: 'u',
  email: 'ana@example.org',
  name: 'Ana',
  timeZone: 'UTC',
  quietHoursStart: 21,
  quietHoursEnd: 8,
  nudgesOptOut: false,
  ...overrides,
});
const check = (overrides: Partial<NudgeCheck> = {}): NudgeCheck => ({
  recipient: recipient(),
  matchClosed: false,
  lastNudgeAt: null,
  nudgeEveryDays: 3,
  now: new Date('2026-03-10T12:00:00Z'),
  ...overrides,
});

describe('quiet hours', () => {
  it('reads the wall-clock hour in the person’s zone', () => {
    const now = new Date('2026-01-15T12:30:00Z');
    expect(localHour(now, 'UTC')).toBe(12);
    expect(localHour(now, 'Asia/Tokyo')).toBe(21);
    expect(localHour(now, 'America/Sao_Paulo')).toBe(9);
    expect(localHour(now, 'Asia/Kolkata')).toBe(18);
  });

  it('wraps midnight (21–8) and supports daytime windows (12–14)', () => {
    expect(isQuietHour(new Date('2026-01-15T22:00:00Z'), 'UTC', 21, 8)).toBe(true);
    expect(isQuietHour(new Date('2026-01-15T07:59:00Z'), 'UTC', 21, 8)).toBe(true);
    expect(isQuietHour(new Date('2026-01-15T08:00:00Z'), 'UTC', 21, 8)).toBe(false);
    expect(isQuietHour(new Date('2026-01-15T20:59:00Z'), 'UTC', 21, 8)).toBe(false);
    expect(isQuietHour(new Date('2026-01-15T13:00:00Z'), 'UTC', 12, 14)).toBe(true);
    expect(isQuietHour(new Date('2026-01-15T14:00:00Z'), 'UTC', 12, 14)).toBe(false);
    expect(isQuietHour(new Date('2026-01-15T03:00:00Z'), 'UTC', 0, 0)).toBe(false);
  });

  it('is the same instant but quiet for one person and not for another across zones', () => {
    const now = new Date('2026-01-15T12:30:00Z');
    expect(isQuietHour(now, 'Europe/Lisbon', 21, 8)).toBe(false);
    expect(isQuietHour(now, 'Asia/Tokyo', 21, 8)).toBe(true);
    expect(isQuietHour(now, 'Pacific/Auckland', 21, 8)).toBe(true);
    expect(isQuietHour(now, 'America/Los_Angeles', 21, 8)).toBe(true);
  });

  it('follows daylight-saving changes (New York, 8 March 2026)', () => {
    // 12:30 UTC is 07:30 EST the day before the change (quiet) and 08:30 EDT the day after (not quiet).
    expect(isQuietHour(new Date('2026-03-07T12:30:00Z'), 'America/New_York', 21, 8)).toBe(true);
    expect(isQuietHour(new Date('2026-03-09T12:30:00Z'), 'America/New_York', 21, 8)).toBe(false);
  });

  it('follows daylight-saving changes (Berlin, 29 March and 25 October 2026)', () => {
    expect(isQuietHour(new Date('2026-03-28T06:30:00Z'), 'Europe/Berlin', 21, 8)).toBe(true); // 07:30 CET
    expect(isQuietHour(new Date('2026-03-30T06:30:00Z'), 'Europe/Berlin', 21, 8)).toBe(false); // 08:30 CEST
    // 19:30 UTC is 21:30 CEST before the autumn change (quiet) and 20:30 CET after it (not quiet).
    expect(isQuietHour(new Date('2026-10-24T19:30:00Z'), 'Europe/Berlin', 21, 8)).toBe(true);
    expect(isQuietHour(new Date('2026-10-26T19:30:00Z'), 'Europe/Berlin', 21, 8)).toBe(false);
  });

  it('treats the repeated hour of the autumn change as quiet both times (Berlin 02:00–03:00)', () => {
    expect(isQuietHour(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin', 21, 8)).toBe(true); // 02:30 CEST
    expect(isQuietHour(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin', 21, 8)).toBe(true); // 02:30 CET
  });

  it('falls back to UTC for an unknown zone instead of failing', () => {
    expect(localHour(new Date('2026-01-15T12:30:00Z'), 'Not/AZone')).toBe(12);
  });
});

describe('nudge rules', () => {
  it('allows a nudge in waking hours to someone who has had none', () => {
    expect(nudgeBlock(check())).toBeNull();
  });

  it('never nudges for a closed pair', () => {
    expect(nudgeBlock(check({ matchClosed: true }))).toBe('closed');
  });

  it('never nudges someone who opted out', () => {
    expect(nudgeBlock(check({ recipient: recipient({ nudgesOptOut: true }) }))).toBe('opted-out');
  });

  it('waits while the recipient is in quiet hours in their own zone', () => {
    expect(nudgeBlock(check({ recipient: recipient({ timeZone: 'Asia/Tokyo' }) }))).toBe('quiet-hours');
  });

  it('sends at most one nudge per person per N days', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const day = 86_400_000;
    expect(nudgeBlock(check({ now, lastNudgeAt: new Date(now.getTime() - 2.9 * day) }))).toBe('rate-limited');
    expect(nudgeBlock(check({ now, lastNudgeAt: new Date(now.getTime() - 3 * day) }))).toBeNull();
    expect(
      nudgeBlock(check({ now, nudgeEveryDays: 7, lastNudgeAt: new Date(now.getTime() - 5 * day) })),
    ).toBe('rate-limited');
  });
});
