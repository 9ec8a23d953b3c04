// Which nudges a health assessment calls for: participant nudges and coordinator alerts, each derived from
// one reason and keyed by the situation (so the same situation never nudges twice).
import { type HealthAssessment, type Reason, spanInWords } from '@peerpost/shared';

export interface NudgeCandidate {
  audience: 'member' | 'coordinator';
  userId: string;
  kind: string;
  /** Why it is sent, in plain words (stored in nudges.reason). */
  reason: string;
  dedupeKey: string;
  subject: string;
  /** What to say, without the greeting and footer. */
  message: string;
}

export interface CandidateContext {
  matchId: string;
  assessment: HealthAssessment;
  /** Member address → user id. */
  userIds: Map<string, string>;
  coordinatorIds: string[];
  coordinatorAlerts: boolean;
}

/** Light prompts that make restarting a quiet thread easy. */
const restartPrompts = [
  'What is one thing you tried since you last wrote, and how did it go?',
  'What is a small question you could use a second opinion on this week?',
  'Share one link, book or idea that helped you recently.',
];

export function nudgeCandidates(context: CandidateContext): NudgeCandidate[] {
  const { matchId, assessment, userIds } = context;
  const { signals, reasons } = assessment.detail;
  if (assessment.status === 'closed') return [];
  const candidates: NudgeCandidate[] = [];
  const nameOf = (address?: string) =>
    signals.members.find((m) => m.address === address)?.name ?? 'Your peer';
  const members = [...userIds.entries()];
  // A situation is identified by when it began; reasons without a start last for the whole relationship.
  const situation = (reason: Reason) => `${reason.since ?? 'start'}`;
  const pairNames = signals.members.map((m) => m.name).join(' & ');

  for (const reason of reasons) {
    if (reason.severity !== 'critical' && reason.severity !== 'warning') continue;
    switch (reason.code) {
      case 'unanswered-question':
        for (const [address, userId] of members) {
          if (address === reason.about) continue;
          const text = `${nameOf(reason.about)} asked you a question ${spanInWords(reason.days ?? 0)} ago.`;
          candidates.push({
            audience: 'member',
            userId,
            kind: 'unanswered-question',
            reason: reason.text,
            dedupeKey: `unanswered-question:${matchId}:${userId}:${situation(reason)}`,
            subject: text.replace(/\.$/, ''),
            message: `${text} A short answer keeps the conversation going.`,
          });
        }
        break;
      case 'dormant':
      case 'overdue':
      case 'no-exchange-yet': {
        const prompt = restartPrompts[Math.floor(signals.ageDays) % restartPrompts.length]!;
        for (const [, userId] of members) {
          const text = `It's been ${spanInWords(reason.days ?? signals.daysSinceExchange)}: here's a light prompt to restart.`;
          candidates.push({
            audience: 'member',
            userId,
            kind: 'restart',
            reason: reason.text,
            // One restart nudge per silence: the silence is identified by the last real exchange.
            dedupeKey: `restart:${matchId}:${userId}:${signals.lastExchangeAt ?? 'intro'}`,
            subject: `It's been ${spanInWords(reason.days ?? signals.daysSinceExchange)}`,
            message: `${text}\n\n  ${prompt}`,
          });
        }
        break;
      }
      case 'awaiting-first-reply':
      case 'member-silent': {
        const userId = userIds.get(reason.about ?? '');
        if (!userId) break;
        candidates.push({
          audience: 'member',
          userId,
          kind: reason.code,
          reason: reason.text,
          dedupeKey: `${reason.code}:${matchId}:${userId}:${situation(reason)}`,
          subject: 'Your peer is waiting for your reply',
          message: 'Your peer wrote since your last message. Even a two-line reply keeps the thread alive.',
        });
        break;
      }
    }
  }

  if (!context.coordinatorAlerts) return candidates;
  const alerts: { kind: string; key: string; subject: string; reason: Reason }[] = [];
  const top = reasons[0];
  if (assessment.status === 'at-risk' && top) {
    alerts.push({
      kind: 'at-risk',
      key: `${top.code}:${situation(top)}`,
      subject: `${pairNames} slipped to at-risk`,
      reason: top,
    });
  }
  for (const reason of reasons) {
    if (reason.code === 'member-silent' || reason.code === 'low-check-in') {
      alerts.push({
        kind: reason.code,
        key: `${userIds.get(reason.about ?? '') ?? 'member'}:${situation(reason)}`,
        subject:
          reason.code === 'member-silent'
            ? `${nameOf(reason.about)} stopped replying (${pairNames})`
            : `Low check-in from ${nameOf(reason.about)} (${pairNames})`,
        reason,
      });
    }
  }
  for (const coordinatorId of context.coordinatorIds) {
    for (const alert of alerts) {
      candidates.push({
        audience: 'coordinator',
        userId: coordinatorId,
        kind: alert.kind,
        reason: alert.reason.text,
        dedupeKey: `${alert.kind}:${matchId}:${coordinatorId}:${alert.key}`,
        subject: alert.subject,
        message: `${alert.reason.text}\n\nSuggested next step: ${assessment.actions.coordinator}`,
      });
    }
  }
  return candidates;
}
