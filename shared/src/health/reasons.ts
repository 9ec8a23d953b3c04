// Reasons: why a relationship is where it is, in plain words, most important first.
// Concerns come before strengths; a "critical" reason caps the status at at-risk, a "warning" at steady,
// a "notice" (e.g. a first reply still on its way) caps nothing.
import type { MatchHistory } from './history';
import type { HealthSettings } from './settings';
import { type MemberSignals, memberName, type Signals } from './signals';

export type ReasonSeverity = 'closed' | 'critical' | 'warning' | 'notice' | 'positive' | 'info';

export type ReasonCode =
  | 'closed'
  | 'dormant'
  | 'auto-replies-only'
  | 'low-check-in'
  | 'member-silent'
  | 'overdue'
  | 'awaiting-first-reply'
  | 'no-exchange-yet'
  | 'unanswered-question'
  | 'one-sided'
  | 'slow-replies'
  | 'momentum-down'
  | 'check-in-falling'
  | 'roles-flipped'
  | 'lively'
  | 'mutual-questions'
  | 'balanced'
  | 'good-check-ins'
  | 'recent'
  | 'winding-down'
  | 'agreement-pending';

export interface Reason {
  code: ReasonCode;
  severity: ReasonSeverity;
  text: string;
  /** The member the reason is about, when there is one. */
  about?: string;
  /** When the situation began: with `code` and `about` it identifies one situation (for nudge dedupe). */
  since?: number;
  /** Days the situation has lasted, for nudge wording. */
  days?: number;
}

// Higher first within a severity.
const importance: Record<ReasonCode, number> = {
  closed: 100,
  dormant: 95,
  'auto-replies-only': 92,
  'low-check-in': 90,
  'member-silent': 85,
  overdue: 80,
  'awaiting-first-reply': 75,
  'no-exchange-yet': 70,
  'unanswered-question': 60,
  'one-sided': 55,
  'slow-replies': 45,
  'momentum-down': 40,
  'check-in-falling': 35,
  'roles-flipped': 30,
  lively: 28,
  'mutual-questions': 25,
  balanced: 22,
  'good-check-ins': 20,
  recent: 15,
  'winding-down': 10,
  'agreement-pending': 65,
};

/** An agreement still not accepted by everyone this long after the start is a reason (issue 8). */
export const AGREEMENT_GRACE_DAYS = 14;
const severityRank: Record<ReasonSeverity, number> = {
  closed: 0,
  critical: 1,
  warning: 2,
  notice: 3,
  positive: 4,
  info: 5,
};

/** "1 day", "6 days", "3 weeks". */
export function spanInWords(days: number): string {
  const whole = Math.max(0, Math.floor(days));
  if (whole >= 14) {
    const weeks = Math.round(whole / 7);
    return `${weeks} weeks`;
  }
  return whole === 1 ? '1 day' : `${whole} days`;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function healthReasons(
  signals: Signals,
  settings: HealthSettings,
  agreement?: MatchHistory['agreement'],
): Reason[] {
  const reasons: Reason[] = [];
  const cadence = signals.cadenceDays;
  const silence = signals.daysSinceExchange;
  const since = signals.lastExchangeAt ?? undefined;

  if (signals.closed) reasons.push({ code: 'closed', severity: 'closed', text: 'The pair is closed.' });

  const writers = signals.members.filter((member) => member.messages > 0);
  if (signals.realMessages === 0) {
    const severity = silence >= cadence ? 'critical' : silence >= cadence / 2 ? 'warning' : 'notice';
    if (signals.autoReplies > 0) {
      reasons.push({
        code: 'auto-replies-only',
        severity: silence >= cadence / 2 ? 'critical' : 'warning',
        text: `Only automatic replies (out-of-office) have arrived; no real exchange in ${spanInWords(silence)}.`,
        days: silence,
      });
    } else {
      reasons.push({
        code: 'no-exchange-yet',
        severity,
        text: `Nobody has written since the introduction ${spanInWords(silence)} ago.`,
        days: silence,
      });
    }
  } else if (silence >= settings.dormantAfterCadences * cadence) {
    reasons.push({
      code: 'dormant',
      severity: 'critical',
      text: `No real exchange for ${spanInWords(silence)}, more than ${settings.dormantAfterCadences}× the ${cadence}-day cadence.`,
      since,
      days: silence,
    });
  } else if (silence > cadence) {
    reasons.push({
      code: 'overdue',
      severity: silence > 1.5 * cadence ? 'critical' : 'warning',
      text: `No real exchange for ${spanInWords(silence)}; the cadence is ${cadence} days.`,
      since,
      days: silence,
    });
  } else if (silence <= cadence / 2) {
    reasons.push({
      code: 'recent',
      severity: 'positive',
      text: `Last exchange ${spanInWords(silence)} ago, within the ${cadence}-day cadence.`,
    });
  }

  if (writers.length > 0 && writers.length < signals.members.length) {
    for (const waiting of signals.members.filter((member) => member.messages === 0)) {
      const first = writers[0]!;
      reasons.push({
        code: 'awaiting-first-reply',
        severity:
          waiting.owesReplyDays >= cadence
            ? 'critical'
            : waiting.owesReplyDays >= cadence / 2
              ? 'warning'
              : 'notice',
        text: `${first.name} wrote ${spanInWords(waiting.owesReplyDays)} ago; ${waiting.name} has not replied yet.`,
        about: waiting.address,
        days: waiting.owesReplyDays,
      });
    }
  }

  // A member who stopped replying while the others kept writing (the thread itself is not silent).
  for (const member of signals.members) {
    if (member.messages > 0 && member.owesReplyDays > cadence && silence <= cadence) {
      reasons.push({
        code: 'member-silent',
        severity: 'critical',
        text: `${member.name} has not replied for ${spanInWords(member.owesReplyDays)} while others kept writing.`,
        about: member.address,
        since: member.lastWroteAt ?? undefined,
        days: member.owesReplyDays,
      });
    }
  }

  const question = signals.unansweredQuestion;
  if (question && question.ageDays >= settings.questionGraceDays) {
    reasons.push({
      code: 'unanswered-question',
      severity: question.ageDays >= cadence ? 'critical' : 'warning',
      text: `${memberName(signals, question.from, question.from)} asked a question ${spanInWords(question.ageDays)} ago that nobody has answered.`,
      about: question.from,
      since: question.at,
      days: question.ageDays,
    });
  }

  if (
    signals.realMessages >= 4 &&
    writers.length >= 2 &&
    signals.topTextShare !== null &&
    signals.topWriter
  ) {
    const heavy = memberName(signals, signals.topWriter, signals.topWriter);
    if (signals.topTextShare >= settings.oneSidedShare) {
      const others = signals.members.filter((m) => m.address !== signals.topWriter).map((m) => m.name);
      reasons.push({
        code: 'one-sided',
        severity: signals.topTextShare >= 0.85 ? 'critical' : 'warning',
        text: `${heavy} writes most of the thread (${percent(signals.topTextShare)} of the new text); ${others.join(' and ')} ${others.length > 1 ? 'answer' : 'answers'} briefly.`,
        about: signals.topWriter,
      });
    } else if (signals.topTextShare <= 1 - 1 / Math.max(2, signals.members.length) + 0.15) {
      reasons.push({
        code: 'balanced',
        severity: 'positive',
        text: 'Everyone writes a fair share of the thread.',
      });
    }
  }

  const slow = signals.members
    .filter((m): m is MemberSignals & { medianReplyDays: number } => m.medianReplyDays !== null)
    .filter((m) => m.medianReplyDays > settings.slowReplyCadenceShare * cadence)
    .sort((a, b) => b.medianReplyDays - a.medianReplyDays)[0];
  if (slow) {
    reasons.push({
      code: 'slow-replies',
      severity: 'warning',
      text: `${slow.name} usually takes ${spanInWords(slow.medianReplyDays)} to reply.`,
      about: slow.address,
    });
  }

  if (signals.momentum !== null && signals.earlierRate !== null) {
    const windowWords = spanInWords(settings.momentumWindowDays);
    if (signals.momentum < settings.momentumDropRatio && silence <= settings.dormantAfterCadences * cadence) {
      reasons.push({
        code: 'momentum-down',
        severity: 'warning',
        text: `Exchanges slowed: ${signals.recentExchanges} in the last ${windowWords}, against about ${Math.round(signals.earlierRate)} before.`,
      });
    }
  }
  if (signals.recentExchanges >= 6) {
    reasons.push({
      code: 'lively',
      severity: 'positive',
      text: `Lively: ${signals.recentExchanges} real messages in the last ${spanInWords(settings.momentumWindowDays)}.`,
    });
  }

  if (signals.rolesFlipped) {
    const { earlyAsker, lateAsker } = signals.rolesFlipped;
    reasons.push({
      code: 'roles-flipped',
      severity: 'positive',
      text: `Roles flipped: ${memberName(signals, earlyAsker, earlyAsker)} asked most questions at first, now ${memberName(signals, lateAsker, lateAsker)} does (co-learning).`,
    });
  } else if (signals.askers >= 2) {
    reasons.push({
      code: 'mutual-questions',
      severity: 'positive',
      text: 'Both sides ask questions and both answer.',
    });
  }

  if (signals.pulse) {
    const { average, previousAverage, lowest } = signals.pulse;
    if (lowest.score <= settings.lowCheckInScore) {
      reasons.push({
        code: 'low-check-in',
        severity: 'critical',
        text: `${memberName(signals, lowest.address, lowest.address)}'s latest check-in was ${lowest.score} of 5${signals.realMessages >= 6 ? ', even though emails keep coming' : ''}.`,
        about: lowest.address,
        since: signals.members.find((m) => m.address === lowest.address)?.latestCheckIn?.at,
      });
    } else if (previousAverage !== null && previousAverage - average >= 1) {
      reasons.push({
        code: 'check-in-falling',
        severity: 'warning',
        text: `Check-in scores fell from ${previousAverage.toFixed(1)} to ${average.toFixed(1)} of 5.`,
      });
    } else if (average >= 4) {
      reasons.push({
        code: 'good-check-ins',
        severity: 'positive',
        text: `Check-ins are positive (${average.toFixed(1)} of 5).`,
      });
    }
  }

  const waiting = signals.members.filter((member) => agreement?.pending.includes(member.address));
  if (!signals.closed && waiting.length > 0 && signals.ageDays >= AGREEMENT_GRACE_DAYS) {
    reasons.push({
      code: 'agreement-pending',
      severity: 'notice',
      text: `The partnership agreement is still not accepted after ${spanInWords(signals.ageDays)} (waiting for ${waiting.map((m) => m.name).join(' and ')}).`,
      days: signals.ageDays,
    });
  }

  if (signals.stage === 'winding-down' && signals.daysToEnd !== null) {
    reasons.push({
      code: 'winding-down',
      severity: 'info',
      text:
        signals.daysToEnd > 0
          ? `The program ends in ${spanInWords(signals.daysToEnd)}: time to wrap up and look back.`
          : 'The program has ended: time to wrap up.',
    });
  }

  return reasons.sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity] || importance[b.code] - importance[a.code],
  );
}
