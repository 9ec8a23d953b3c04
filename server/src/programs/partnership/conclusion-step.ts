// When a dormant partnership gets its notice, is kept open, or closes: pure, so timelines are easy to test.
// Settings live in programs.healthSettings: autoConcludeAfterDays (default 4× the cadence, at least 42)
// and autoConcludeNoticeDays (default 7).
const DAY = 86_400_000;
export const MIN_AUTO_CONCLUDE_DAYS = 42;
export const AUTO_CONCLUDE_CADENCES = 4;
export const DEFAULT_NOTICE_DAYS = 7;

export interface ConclusionSettings {
  autoConcludeAfterDays?: unknown;
  autoConcludeNoticeDays?: unknown;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Days of silence before the notice: the program's setting, else 4× the cadence but at least 42. */
export function autoConcludeAfterDays(cadenceDays: number, settings: ConclusionSettings): number {
  return (
    positiveInteger(settings.autoConcludeAfterDays) ??
    Math.max(AUTO_CONCLUDE_CADENCES * cadenceDays, MIN_AUTO_CONCLUDE_DAYS)
  );
}

export function noticeDays(settings: ConclusionSettings): number {
  return positiveInteger(settings.autoConcludeNoticeDays) ?? DEFAULT_NOTICE_DAYS;
}

export interface ConclusionInput {
  cadenceDays: number;
  settings: ConclusionSettings;
  /** A coordinator pinned the pair "keep open": never concluded. */
  keepOpen: boolean;
  startedAt: Date | null;
  /** The latest message that counts (never auto-replies or bounces). */
  lastRealMessageAt: Date | null;
  keptGoingAt: Date | null;
  conclusionNoticeAt: Date | null;
}

export type ConclusionStep = 'none' | 'notice' | 'wait' | 'keep' | 'close';

/** The latest sign of life: the start, a real message or a "keep going" click. */
export function lastActivity(input: ConclusionInput): Date | null {
  const times = [input.startedAt, input.lastRealMessageAt, input.keptGoingAt].filter((t): t is Date => !!t);
  return times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
}

export function conclusionStep(input: ConclusionInput, now: Date): ConclusionStep {
  const notice = input.conclusionNoticeAt;
  if (input.keepOpen) return notice ? 'keep' : 'none';
  const last = lastActivity(input);
  if (notice) {
    if (last && last > notice) return 'keep';
    return now.getTime() >= notice.getTime() + noticeDays(input.settings) * DAY ? 'close' : 'wait';
  }
  if (!last) return 'none';
  const limit = autoConcludeAfterDays(input.cadenceDays, input.settings) * DAY;
  return now.getTime() - last.getTime() >= limit ? 'notice' : 'none';
}
