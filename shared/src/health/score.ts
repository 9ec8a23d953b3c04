// Score: a weighted mean of five components (each 0–1), renormalised over the components that have data.
import type { HealthSettings } from './settings';
import type { Signals } from './signals';

export interface ScoreComponents {
  recency: number;
  responsiveness: number | null;
  reciprocity: number | null;
  momentum: number | null;
  pulse: number | null;
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

export function scoreComponents(signals: Signals, settings: HealthSettings): ScoreComponents {
  const cadence = signals.cadenceDays;
  // Full marks within the cadence, nothing left at the dormant line.
  const ratio = signals.daysSinceExchange / cadence;
  const pastDue = (ratio - 1) / Math.max(0.01, settings.dormantAfterCadences - 1);
  const recency = ratio <= 1 ? 1 - 0.2 * ratio : pastDue >= 1 ? 0 : 0.8 - 0.6 * pastDue;

  const latencies = signals.members.map((member) =>
    Math.max(member.medianReplyDays ?? 0, member.owesReplyDays),
  );
  const worst = Math.max(0, ...latencies);
  const openQuestion = signals.unansweredQuestion;
  const questionPenalty =
    openQuestion && openQuestion.ageDays > settings.questionGraceDays
      ? clamp(openQuestion.ageDays / cadence) * 0.4
      : 0;
  const responsiveness =
    signals.realMessages === 0 ? null : clamp(1 - worst / (2 * cadence) - questionPenalty);

  let reciprocity: number | null = null;
  if (signals.realMessages >= 3 && signals.topTextShare !== null && signals.messageBalance !== null) {
    const members = Math.max(2, signals.members.length);
    // 1 when everybody writes an equal share, 0 when one member writes everything.
    const textBalance = clamp((1 - signals.topTextShare) / (1 - 1 / members));
    const coLearning = signals.rolesFlipped
      ? 1
      : signals.askers >= 2
        ? 0.8
        : signals.askers === 1
          ? 0.3
          : 0.5;
    reciprocity = 0.35 * signals.messageBalance + 0.35 * textBalance + 0.3 * coLearning;
  }

  const momentum = signals.momentum === null ? null : clamp(signals.momentum);

  let pulse: number | null = null;
  if (signals.pulse) {
    const { average, previousAverage, lowest } = signals.pulse;
    const trend = previousAverage === null ? 0 : (average - previousAverage) / 4;
    pulse = clamp((Math.min(average, lowest.score + 1) - 1) / 4 + trend * 0.5);
  }
  return { recency: clamp(recency), responsiveness, reciprocity, momentum, pulse };
}

export function healthScore(components: ScoreComponents, settings: HealthSettings): number {
  let total = 0;
  let weight = 0;
  for (const key of Object.keys(settings.weights) as (keyof ScoreComponents)[]) {
    const value = components[key];
    if (value === null) continue;
    total += value * settings.weights[key];
    weight += settings.weights[key];
  }
  return weight === 0 ? 0 : Math.round((100 * total) / weight);
}
