// One assessment of one relationship: signals → score → reasons → status → actions.
import { type HealthActions, nextActions } from './actions';
import type { MatchHistory } from './history';
import { healthReasons, type Reason } from './reasons';
import { healthScore, type ScoreComponents, scoreComponents } from './score';
import { defaultHealthSettings, type HealthSettings } from './settings';
import { computeSignals, type Signals } from './signals';
import { type HealthStatus, healthStatus } from './status';
import { computeColumnSignals, type HistoryWithoutMessages, type ThreadColumns } from './thread-columns';

export interface HealthAssessment {
  score: number;
  status: HealthStatus;
  /** The top three reasons in plain words. */
  reasons: string[];
  actions: HealthActions;
  /** Everything behind the result, for explanations and nudges. */
  detail: { stage: Signals['stage']; components: ScoreComponents; reasons: Reason[]; signals: Signals };
}

export const TOP_REASONS = 3;

export function assessHealth(
  history: MatchHistory,
  settings: HealthSettings = defaultHealthSettings,
): HealthAssessment {
  return assessSignals(computeSignals(history, settings), history.agreement, settings);
}

/** The same assessment with the thread as columns (a full recompute: no object per message). */
export function assessThreadColumns(
  history: HistoryWithoutMessages,
  thread: ThreadColumns,
  settings: HealthSettings = defaultHealthSettings,
): HealthAssessment {
  return assessSignals(computeColumnSignals(history, thread, settings), history.agreement, settings);
}

function assessSignals(
  signals: Signals,
  agreement: MatchHistory['agreement'],
  settings: HealthSettings,
): HealthAssessment {
  const components = scoreComponents(signals, settings);
  const score = healthScore(components, settings);
  const reasons = healthReasons(signals, settings, agreement);
  const status = healthStatus(score, signals, reasons, settings);
  return {
    score,
    status,
    reasons: reasons.slice(0, TOP_REASONS).map((reason) => reason.text),
    actions: nextActions(signals, reasons, status),
    detail: { stage: signals.stage, components, reasons, signals },
  };
}
