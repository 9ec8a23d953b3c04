// Status: closed and dormant come from facts; otherwise the score decides, capped by the worst reason.
import type { Reason } from './reasons';
import type { HealthSettings } from './settings';
import type { Signals } from './signals';

export const healthStatuses = ['thriving', 'steady', 'at-risk', 'dormant', 'closed'] as const;
export type HealthStatus = (typeof healthStatuses)[number];

export function healthStatus(
  score: number,
  signals: Signals,
  reasons: Reason[],
  settings: HealthSettings,
): HealthStatus {
  if (signals.closed) return 'closed';
  if (signals.daysSinceExchange >= settings.dormantAfterCadences * signals.cadenceDays) return 'dormant';
  let status: HealthStatus =
    score >= settings.thrivingMin ? 'thriving' : score >= settings.steadyMin ? 'steady' : 'at-risk';
  if (reasons.some((reason) => reason.severity === 'critical')) status = 'at-risk';
  else if (status === 'thriving' && reasons.some((reason) => reason.severity === 'warning'))
    status = 'steady';
  // Thriving needs a real two-way exchange; a pair still waiting for it is at best steady.
  const writers = signals.members.filter((member) => member.messages > 0).length;
  if (status === 'thriving' && writers < Math.min(2, signals.members.length)) status = 'steady';
  return status;
}
