// The coordinator API routes the dashboard reads and commands, in one place.
const id = encodeURIComponent;

export const dashboardRoutes = {
  programs: '/api/programs',
  matches: (programId: string) => `/api/matches?programId=${id(programId)}&limit=500`,
  stats: (programId: string) => `/api/programs/${id(programId)}/stats`,
  timeline: (matchId: string) => `/api/matches/${id(matchId)}/timeline`,
  review: (matchId: string, action: 'approve' | 'pin' | 'block' | 'swap') =>
    `/api/matches/${id(matchId)}/${action}`,
} as const;
