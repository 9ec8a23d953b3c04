// The coordinator API routes the dashboard reads and commands, in one place.
import type { ReviewCommand } from './matching-review';

const id = encodeURIComponent;

export const dashboardRoutes = {
  programs: '/api/programs',
  matches: (programId: string) => `/api/matches?programId=${id(programId)}&limit=500`,
  stats: (programId: string) => `/api/programs/${id(programId)}/stats`,
  timeline: (matchId: string) => `/api/matches/${id(matchId)}/timeline`,
  matching: (programId: string) => `/api/programs/${id(programId)}/matching`,
  matchingCommand: (programId: string, command: ReviewCommand) =>
    `/api/programs/${id(programId)}/matching/${command}`,
} as const;
