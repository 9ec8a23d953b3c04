// Recomputes relationship health: one match when a message or check-in arrives, every open match on a schedule
// (time passing alone changes health).
import { assessHealth, type HealthAssessment } from '@peerpost/shared';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client';
import { loadHealthInputs, type MatchForHealth } from './load-histories';
import { storeHealth } from './store-health';

export interface Recomputed {
  match: MatchForHealth;
  assessment: HealthAssessment;
}

function assessAll(inputs: MatchForHealth[]): Recomputed[] {
  return inputs.map((match) => ({ match, assessment: assessHealth(match.history, match.settings) }));
}

/**
 * Recomputes and stores the health of one match; the ingest calls it after storing a message or check-in.
 * Returns undefined when the match does not exist.
 */
export async function recomputeMatchHealth(
  db: Db,
  matchId: string,
  now = new Date(),
): Promise<Recomputed | undefined> {
  const [result] = await recomputeHealthOf(db, [matchId], now);
  return result;
}

/** Recomputes and stores the health of some matches in one load and one write (an ingest batch). */
export async function recomputeHealthOf(db: Db, matchIds: string[], now = new Date()): Promise<Recomputed[]> {
  if (matchIds.length === 0) return [];
  return db.transaction(async (tx) => {
    const results = assessAll(await loadHealthInputs(tx, matchIds, now));
    await storeHealth(
      tx,
      results.map(({ match, assessment }) => ({ matchId: match.matchId, assessment })),
      now,
    );
    return results;
  });
}

export interface RecomputeAllOptions {
  batchSize?: number;
  /** Sees every batch once it is stored (the scheduler derives nudges from it). */
  onBatch?: (batch: Recomputed[]) => Promise<void>;
}

/** Recomputes every active match (closed ones keep their last health), batch by batch in id order. */
export async function recomputeAllHealth(db: Db, now = new Date(), options: RecomputeAllOptions = {}) {
  const batchSize = options.batchSize ?? 2000;
  let after = '00000000-0000-0000-0000-000000000000';
  let matches = 0;
  for (;;) {
    const page = await queryRows<{ id: string }>(
      db,
      sql`select id from matches where status = 'active' and id > ${after}::uuid order by id limit ${batchSize}`,
    );
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const results = assessAll(
      await loadHealthInputs(
        db,
        page.map((row) => row.id),
        now,
      ),
    );
    await storeHealth(
      db,
      results.map(({ match, assessment }) => ({ matchId: match.matchId, assessment })),
      now,
    );
    matches += results.length;
    await options.onBatch?.(results);
  }
  return { matches };
}
