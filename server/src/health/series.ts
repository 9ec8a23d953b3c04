// Health over time for charts and the evaluation report: one point per match and day.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { healthSnapshots } from '../db/schema';

export interface HealthPoint {
  day: string;
  score: number;
  status: string;
  reasons: string[];
}

export async function healthSeries(db: Db, matchId: string): Promise<HealthPoint[]> {
  return db
    .select({
      day: healthSnapshots.day,
      score: healthSnapshots.score,
      status: healthSnapshots.status,
      reasons: healthSnapshots.reasons,
    })
    .from(healthSnapshots)
    .where(eq(healthSnapshots.matchId, matchId))
    .orderBy(asc(healthSnapshots.day));
}
