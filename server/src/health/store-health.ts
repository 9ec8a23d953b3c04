// Writes assessments back: the match's current health and today's snapshot (one row per match and day,
// upserted, so the latest recompute of a day is the one kept). One statement each per batch.
import type { HealthAssessment } from '@peerpost/shared';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';

export interface AssessedMatch {
  matchId: string;
  assessment: HealthAssessment;
}

/** The UTC calendar day of `now`, as the snapshot key. */
export const snapshotDay = (now: Date) => now.toISOString().slice(0, 10);

export async function storeHealth(db: Db | Tx, assessed: AssessedMatch[], now: Date): Promise<void> {
  if (assessed.length === 0) return;
  const records = JSON.stringify(
    assessed.map(({ matchId, assessment }) => ({
      id: matchId,
      score: assessment.score,
      status: assessment.status,
      reasons: assessment.reasons,
    })),
  );
  const rows = sql`jsonb_to_recordset(${records}::jsonb) as r(id uuid, score int, status text, reasons jsonb)`;
  await db.execute(sql`update matches m
      set health_score = r.score, health_status = r.status, health_reasons = r.reasons,
          health_computed_at = ${now.toISOString()}::timestamptz
      from ${rows} where m.id = r.id`);
  await db.execute(sql`insert into health_snapshots (match_id, day, score, status, reasons)
      select r.id, ${snapshotDay(now)}::date, r.score, r.status, r.reasons from ${rows}
      on conflict (match_id, day) do update
        set score = excluded.score, status = excluded.status, reasons = excluded.reasons`);
}
