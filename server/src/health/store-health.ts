// Writes assessments back: the match's current health and today's snapshot (one row per match and day,
// upserted, so the latest recompute of a day is the one kept). One statement per batch, writing only the
// matches whose health differs from what is stored and the snapshots today does not hold yet.
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
  // Changed health always gets a snapshot too; unchanged health gets one when today has none yet.
  const records: HealthRecord[] = [];
  let changed = 0;
  for (const { matchId, assessment, stored } of assessed) {
    const same = sameHealth(stored, assessment);
    if (same && stored?.snapshotCurrent) continue;
    if (!same) changed++;
    const { score, status, reasons } = assessment;
    records.push({ id: matchId, score, status, reasons, changed: !same });
  }
  if (records.length === 0) return { health: 0, snapshots: 0 };
  // One statement, one JSON parameter (reasons are free text, JSON escapes them): the batch is parsed once.
  await db.execute(sql`with r as materialized (
        select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
          as r(id uuid, score int, status text, reasons jsonb, changed boolean)),
      health as (
        update matches m
        set health_score = r.score, health_status = r.status, health_reasons = r.reasons,
            health_computed_at = ${now.toISOString()}::timestamptz
        from r where r.changed and m.id = r.id)
      insert into health_snapshots (match_id, day, score, status, reasons)
      select r.id, ${snapshotDay(now)}::date, r.score, r.status, r.reasons from r
      on conflict (match_id, day) do update
        set score = excluded.score, status = excluded.status, reasons = excluded.reasons`);
  return { health: changed, snapshots: records.length };
}

interface HealthRecord {
  id: string;
  score: number;
  status: string;
  reasons: string[];
  /** Whether the match's current health changes, not only today's snapshot. */
  changed: boolean;
}
