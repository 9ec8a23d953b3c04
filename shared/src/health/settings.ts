// Per-program health settings (programs.healthSettings): weights and thresholds with documented defaults.
// Anything a program leaves out falls back to the default, so `{}` is a valid setting.
import { z } from 'zod';

export const healthWeightsSchema = z.object({
  recency: z.number().min(0).default(0.3),
  responsiveness: z.number().min(0).default(0.2),
  reciprocity: z.number().min(0).default(0.2),
  momentum: z.number().min(0).default(0.15),
  pulse: z.number().min(0).default(0.15),
});

export const healthSettingsSchema = z.object({
  weights: healthWeightsSchema.prefault({}),
  /** Score from which an active pair is "thriving". */
  thrivingMin: z.number().min(0).max(100).default(75),
  /** Score from which an active pair is "steady"; below it is "at-risk". */
  steadyMin: z.number().min(0).max(100).default(50),
  /** Silence longer than this many cadences makes a pair "dormant". */
  dormantAfterCadences: z.number().positive().default(2),
  /** An open question older than this many days is a reason (and a nudge). */
  questionGraceDays: z.number().positive().default(3),
  /** A member whose typical reply takes longer than this share of the cadence replies slowly. */
  slowReplyCadenceShare: z.number().positive().default(0.75),
  /** Share of the new text above which one member carries the thread. */
  oneSidedShare: z.number().min(0.5).max(1).default(0.75),
  /** Check-in score (1–5) at or below which a check-in is low. */
  lowCheckInScore: z.number().min(1).max(5).default(2),
  /** Window of the momentum trend, compared with the pair's own earlier rate. */
  momentumWindowDays: z.number().positive().default(21),
  /** Recent rate below this share of the earlier rate counts as slowing down. */
  momentumDropRatio: z.number().positive().default(0.5),
  /** A pair is "forming" for this many days (and until it has four real messages). */
  formingDays: z.number().min(0).default(21),
  /** A pair is "winding down" this many days before the program ends. */
  windDownDays: z.number().min(0).default(14),
  /** At most one nudge per person per this many days. */
  nudgeEveryDays: z.number().positive().default(3),
  /** Coordinators get alerts (slipped to at-risk, a member stopped replying, a low check-in). */
  coordinatorAlerts: z.boolean().default(true),
});

export type HealthSettings = z.infer<typeof healthSettingsSchema>;

export const defaultHealthSettings: HealthSettings = healthSettingsSchema.parse({});

/** Reads a program's stored settings; invalid entries fall back to the defaults instead of failing health. */
export function resolveHealthSettings(stored: unknown): HealthSettings {
  const parsed = healthSettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const valid: Record<string, unknown> = {};
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  for (const [key, value] of Object.entries((stored as Record<string, unknown>) ?? {})) {
    if (!bad.has(key)) valid[key] = value;
  }
  return healthSettingsSchema.parse(valid);
}
