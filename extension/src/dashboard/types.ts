// What the dashboard reads from the coordinator API. Fields the server may not send yet are optional, and
// the dashboard shows what it gets.
import type { HealthStatus } from '@peerpost/shared/health/status';

export interface ProgramSummary {
  id: string;
  name: string;
  status?: string;
}

export interface MatchRow {
  id: string;
  status: string;
  members: Array<{ name: string; email?: string }>;
  health?: { score: number; status: HealthStatus } | null;
  healthScore?: number | null;
  healthStatus?: HealthStatus | null;
  startedAt?: string | null;
  firstReplyHours?: number | null;
  checkInAverage?: number | null;
  pinned?: boolean;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  text?: string;
}

export function healthOf(row: MatchRow): { score: number | null; status: HealthStatus | null } {
  return {
    score: row.health?.score ?? row.healthScore ?? null,
    status: row.health?.status ?? row.healthStatus ?? null,
  };
}
