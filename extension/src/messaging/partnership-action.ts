// The sidebar's partnership actions; kept apart from the protocol so the API client needs nothing else.
/** What a member can do about their partnership from the sidebar (issue 8). */
export type PartnershipAction =
  | { kind: 'accept-agreement'; matchId: string }
  | { kind: 'propose-cadence'; matchId: string; cadenceDays: number }
  | { kind: 'set-goals'; matchId: string; goals: { kind: 'learn' | 'offer'; text: string }[] }
  | { kind: 'keep-going'; matchId: string }
  | { kind: 'goal-progress'; goalId: string; status: 'not_started' | 'moving' | 'done' };
