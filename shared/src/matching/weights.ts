// How much each part of compatibility counts, per program (programs.matching_weights overrides any key).

export interface MatchingWeights {
  /** Same career stage scores 1, adjacent ½. */
  careerStage: number;
  /** Complementary skills in both directions; mutual exchange scores four times a one-way one. */
  skills: number;
  /** Shared goals (overlap of the two goal lists). */
  goals: number;
  /** Shared working hours; 4 h or more scores 1. */
  timeZone: number;
  /** Different teams, to widen networks. */
  differentTeam: number;
  /** 1: only same or adjacent career stages may be matched (peer mentoring). 0: any stage. */
  requireAdjacentStage: number;
  /** 1: people who list languages must share one. */
  requireLanguage: number;
  /** 1: never match two people of the same team. */
  requireDifferentTeam: number;
}

export const defaultMatchingWeights: MatchingWeights = {
  careerStage: 2,
  skills: 3,
  goals: 1,
  timeZone: 1.5,
  differentTeam: 0.5,
  requireAdjacentStage: 1,
  requireLanguage: 1,
  requireDifferentTeam: 0,
};

/** The defaults with the program's valid overrides (non-negative finite numbers of known keys). */
export function resolveWeights(overrides: Record<string, unknown> | null | undefined): MatchingWeights {
  const weights = { ...defaultMatchingWeights };
  for (const key of Object.keys(weights) as (keyof MatchingWeights)[]) {
    const value = overrides?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) weights[key] = value;
  }
  return weights;
}
