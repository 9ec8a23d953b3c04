// Writes assessments back: the match's current health and today's snapshot (one row per match and day,
// upserted, so the latest recompute of a day is the one kept). At most one statement each per batch, only
// for the matches whose health differs from what is stored.
import type { HealthAssessment } from '@peerpost/shared';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { StoredHealth } from './load-histories';

export interface AssessedMatch {
  matchId: string;
  assessment: HealthAssessment;
  /** What the match has stored now; without it everything is written. */
  stored?: StoredHealth;
}

/** The UTC calendar day of `now`, as the snapshot key. */
export const snapshotDay = (now: Date) => now.toISOString().slice(0, 10);

const sameReasons = (a: string[] | null, b: string[]) =>
  a !== null && a.length === b.length && a.every((reason, k) => reason === b[k]);

const sameHealth = (
  stored: { score: number | null; status: string | null; reasons: string[] | null } | null | undefined,
  { score, status, reasons }: HealthAssessment,
) => !!stored && stored.score === score && stored.status === status && sameReasons(stored.reasons, reasons);

// Health changes slowly: most matches of a scheduled recompute come out as they were, and writing them again
// would cost most of the recompute. health_computed_at is therefore when the stored health last changed.
/** Rows written: matches whose health changed, and snapshots added or replaced. */
export interface StoredCounts {
  health: number;
  snapshots: number;
}

export async function storeHealth(db: Db | Tx, assessed: AssessedMatch[], now: Date): Promise<StoredCounts> {
  const changed = assessed.filter(({ assessment, stored }) => !sameHealth(stored, assessment));
  // Today's snapshot holds the stored health, which is this assessment: nothing to add.
  const unsnapped = assessed.filter(
    ({ assessment, stored }) => !(stored?.snapshotCurrent && sameHealth(stored, assessment)),
  );
  if (changed.length > 0) {
    await db.execute(sql`update matches m
        set health_score = r.score, health_status = r.status, health_reasons = r.reasons,
            health_computed_at = ${now.toISOString()}::timestamptz
        from ${recordSet(changed)} where m.id = r.id`);
  }
  if (unsnapped.length > 0) {
    await db.execute(sql`insert into health_snapshots (match_id, day, score, status, reasons)
        select r.id, ${snapshotDay(now)}::date, r.score, r.status, r.reasons from ${recordSet(unsnapped)}
        on conflict (match_id, day) do update
          set score = excluded.score, status = excluded.status, reasons = excluded.reasons`);
  }
  return { health: changed.length, snapshots: unsnapped.length };
}

// One JSON parameter for the whole batch: reasons are free text, JSON escapes them.
function recordSet(assessed: AssessedMatch[]) {
  const records = JSON.stringify(
    assessed.map(({ matchId, assessment }) => ({
      id: matchId,
      score: assessment.score,
      status: assessment.status,
      reasons: assessment.reasons,
    })),
  );
  return sql`jsonb_to_recordset(${records}::jsonb) as r(id uuid, score int, status text, reasons jsonb)`;
}
