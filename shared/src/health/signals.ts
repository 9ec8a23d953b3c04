// Signals: the measurable facts of one relationship, derived from message metadata and check-ins only.
import { DAY_MS, type HealthMember, type HealthMessage, type MatchHistory, nameFromAddress } from './history';
import type { HealthSettings } from './settings';

export type Stage = 'forming' | 'established' | 'winding-down';

export interface MemberSignals extends HealthMember {
  messages: number;
  newTextChars: number;
  questionsAsked: number;
  /** Median days from another member's message to this member's reply; null before the first reply. */
  medianReplyDays: number | null;
  /** Days this member has owed a reply (someone else wrote since they last did); 0 when they don't. */
  owesReplyDays: number;
  lastWroteAt: number | null;
  /** Latest and previous check-in scores (1–5). */
  latestCheckIn: { score: number; at: number } | null;
  previousCheckIn: number | null;
}

export interface Signals {
  closed: boolean;
  cadenceDays: number;
  ageDays: number;
  stage: Stage;
  realMessages: number;
  autoReplies: number;
  bounces: number;
  lastExchangeAt: number | null;
  /** Days since the last real message, or since the start when there is none. */
  daysSinceExchange: number;
  members: MemberSignals[];
  /** Largest share of the new text written by one member (0.5 = balanced pair); null with no text. */
  topTextShare: number | null;
  topWriter: string | null;
  /** Smallest message count over the largest (1 = perfectly even). */
  messageBalance: number | null;
  /** Members who asked at least one question. */
  askers: number;
  /** Who asked most in the first half and in the second half of the thread, when roles flipped. */
  rolesFlipped: { earlyAsker: string; lateAsker: string } | null;
  unansweredQuestion: { from: string; at: number; ageDays: number } | null;
  recentExchanges: number;
  /** Messages per momentum window earlier in the relationship; null while too young to compare. */
  earlierRate: number | null;
  /** Recent over earlier rate; null while too young to compare. */
  momentum: number | null;
  pulse: {
    average: number;
    previousAverage: number | null;
    lowest: { address: string; score: number };
  } | null;
  /** Days until the program ends, when known. */
  daysToEnd: number | null;
}

const days = (ms: number) => ms / DAY_MS;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * What one walk over the real messages (oldest first) yields; the other signals follow from it and from the
 * check-ins. Two walks produce it: over message objects here (the reference, used for single histories) and
 * over columns of numbers in thread-columns.ts (a full recompute); a test holds both to the same output.
 */
export interface ThreadWalk {
  /** Members first, in their order, then anyone else who wrote, in order of their first real message. */
  entries: MemberSignals[];
  realMessages: number;
  autoReplies: number;
  bounces: number;
  lastExchangeAt: number | null;
  recentExchanges: number;
  openQuestion: { from: string; at: number } | null;
  rolesFlipped: Signals['rolesFlipped'];
}

/** A member's signals before the walk. A literal rather than a spread: one fixed shape, cheap to create. */
export const blankMemberSignals = (who: HealthMember): MemberSignals => ({
  address: who.address,
  name: who.name,
  messages: 0,
  newTextChars: 0,
  questionsAsked: 0,
  medianReplyDays: null,
  owesReplyDays: 0,
  lastWroteAt: null,
  latestCheckIn: null,
  previousCheckIn: null,
});

export function computeSignals(history: MatchHistory, settings: HealthSettings): Signals {
  return signalsFromWalk(history, settings, walkMessages(history, settings));
}

function walkMessages(history: MatchHistory, settings: HealthSettings): ThreadWalk {
  const { now } = history;
  // Plain loops rather than filter/entries: a full recompute runs this for every match, so allocations count.
  const real: HealthMessage[] = [];
  let autoReplies = 0;
  let bounces = 0;
  for (const message of history.messages) {
    if (message.autoReply) autoReplies++;
    if (message.bounce) bounces++;
    if (!message.autoReply && !message.bounce && message.at <= now) real.push(message);
  }
  real.sort((a, b) => a.at - b.at);
  const byAddress = new Map(history.members.map((who) => [who.address, blankMemberSignals(who)]));
  // A message from someone who has left the pair still counts for the thread.
  const member = (address: string) => {
    let found = byAddress.get(address);
    if (!found) {
      found = blankMemberSignals({ address, name: nameFromAddress(address) });
      byAddress.set(address, found);
    }
    return found;
  };

  // Walk the thread once: reply latencies, the open question, and who asked in each half.
  const waitingSince = new Map<string, number>();
  const latencies = new Map<string, number[]>();
  let openQuestion: { from: string; at: number } | null = null;
  const half = real.length >> 1;
  const askedEarly = new Map<string, number>();
  const askedLate = new Map<string, number>();
  for (let index = 0; index < real.length; index++) {
    const message = real[index]!;
    const writer = member(message.from);
    writer.messages++;
    writer.newTextChars += message.newTextChars;
    writer.questionsAsked += message.questions;
    writer.lastWroteAt = message.at;
    const since = waitingSince.get(message.from);
    if (since !== undefined) {
      const list = latencies.get(message.from) ?? [];
      list.push(days(message.at - since));
      latencies.set(message.from, list);
      waitingSince.delete(message.from);
    }
    for (const other of history.members) {
      if (other.address !== message.from && !waitingSince.has(other.address)) {
        waitingSince.set(other.address, message.at);
      }
    }
    if (openQuestion && openQuestion.from !== message.from) openQuestion = null;
    if (message.questions > 0) {
      openQuestion ??= { from: message.from, at: message.at };
      const tally = index < half ? askedEarly : askedLate;
      tally.set(message.from, (tally.get(message.from) ?? 0) + message.questions);
    }
  }
  for (const [address, list] of latencies) member(address).medianReplyDays = median(list);
  for (const [address, since] of waitingSince) {
    if (byAddress.has(address)) member(address).owesReplyDays = days(now - since);
  }
  const window = settings.momentumWindowDays * DAY_MS;
  let recentExchanges = 0;
  for (let k = real.length - 1; k >= 0 && real[k]!.at > now - window; k--) recentExchanges++;
  return {
    entries: [...byAddress.values()],
    realMessages: real.length,
    autoReplies,
    bounces,
    lastExchangeAt: real.length ? real[real.length - 1]!.at : null,
    recentExchanges,
    openQuestion,
    rolesFlipped: flippedRoles(leadingAsker(askedEarly), leadingAsker(askedLate), real.length),
  };
}

/** The rest of the signals, from a walk over the thread and the check-ins. */
export function signalsFromWalk(
  history: Omit<MatchHistory, 'messages'>,
  settings: HealthSettings,
  walk: ThreadWalk,
): Signals {
  const { now, cadenceDays } = history;
  const { entries: members, realMessages, recentExchanges, lastExchangeAt } = walk;
  const checkIns = history.checkIns.filter((checkIn) => checkIn.at <= now).sort((a, b) => a.at - b.at);
  for (const checkIn of checkIns) {
    const target = members.find((entry) => entry.address === checkIn.from);
    if (!target) continue;
    target.previousCheckIn = target.latestCheckIn?.score ?? null;
    target.latestCheckIn = { score: checkIn.score, at: checkIn.at };
  }

  const current = members.filter((entry) => history.members.some((m) => m.address === entry.address));
  const totalText = members.reduce((sum, entry) => sum + entry.newTextChars, 0);
  const topWriterEntry = members.reduce<MemberSignals | null>(
    (top, entry) => (!top || entry.newTextChars > top.newTextChars ? entry : top),
    null,
  );
  const counts = current.map((entry) => entry.messages);
  const maxCount = Math.max(0, ...counts);

  const ageDays = Math.max(0, days(now - history.startedAt));
  const window = settings.momentumWindowDays * DAY_MS;
  const earlierSpan = now - window - history.startedAt;
  const earlierCount = realMessages - recentExchanges;
  const earlierRate =
    earlierSpan >= window && earlierCount >= 2 ? (earlierCount / earlierSpan) * window : null;

  const rated = current.filter((entry) => entry.latestCheckIn);
  const previous = current.filter((entry) => entry.previousCheckIn !== null);
  const lowest = rated.reduce<MemberSignals | null>(
    (low, entry) => (!low || entry.latestCheckIn!.score < low.latestCheckIn!.score ? entry : low),
    null,
  );
  const daysToEnd = history.endsAt === undefined ? null : days(history.endsAt - now);
  const stage: Stage =
    daysToEnd !== null && daysToEnd <= settings.windDownDays
      ? 'winding-down'
      : ageDays < settings.formingDays || realMessages < 4
        ? 'forming'
        : 'established';
  const openQuestion = walk.openQuestion;

  return {
    closed: history.closed ?? false,
    cadenceDays,
    ageDays,
    stage,
    realMessages,
    autoReplies: walk.autoReplies,
    bounces: walk.bounces,
    lastExchangeAt,
    daysSinceExchange: days(now - (lastExchangeAt ?? history.startedAt)),
    members: current,
    topTextShare: totalText > 0 ? topWriterEntry!.newTextChars / totalText : null,
    topWriter: totalText > 0 ? topWriterEntry!.address : null,
    messageBalance: maxCount > 0 ? Math.min(...counts) / maxCount : null,
    askers: current.filter((entry) => entry.questionsAsked > 0).length,
    rolesFlipped: walk.rolesFlipped,
    unansweredQuestion: openQuestion ? { ...openQuestion, ageDays: days(now - openQuestion.at) } : null,
    recentExchanges,
    earlierRate,
    momentum: earlierRate === null ? null : recentExchanges / Math.max(earlierRate, 0.5),
    pulse: lowest
      ? {
          average: rated.reduce((sum, entry) => sum + entry.latestCheckIn!.score, 0) / rated.length,
          previousAverage: previous.length
            ? previous.reduce((sum, entry) => sum + entry.previousCheckIn!, 0) / previous.length
            : null,
          lowest: { address: lowest.address, score: lowest.latestCheckIn!.score },
        }
      : null,
    daysToEnd,
  };
}

/** A member's first name, or `fallback` when the address is not a current member's. */
export function memberName(signals: Signals, address: string | undefined, fallback: string): string {
  for (const member of signals.members) if (member.address === address) return member.name;
  return fallback;
}

/** Who asked more than two thirds of the questions of one half of the thread, if anyone. */
function leadingAsker(tally: Map<string, number>): string | null {
  const sorted = [...tally].sort((a, b) => b[1] - a[1]);
  const total = sorted.reduce((sum, [, asked]) => sum + asked, 0);
  return sorted[0] && sorted[0][1] * 3 > total * 2 ? sorted[0][0] : null;
}

/** The peer-mentoring signature: the one who mostly asked early on is not the one who mostly asks now. */
export function flippedRoles(
  earlyAsker: string | null,
  lateAsker: string | null,
  realMessages: number,
): Signals['rolesFlipped'] {
  if (realMessages < 4) return null;
  return earlyAsker && lateAsker && earlyAsker !== lateAsker ? { earlyAsker, lateAsker } : null;
}
