// Recomputes relationship health: one match when a message or check-in arrives, every open match on a schedule
// (time passing alone changes health).
import { assessThreadColumns, type HealthAssessment, threadColumns } from '@peerpost/shared';
import type { Db } from '../db/client';
import {
  decodeThreadColumns,
  loadActivePage,
  loadHealthInputs,
  type MatchForHealth,
  type ProgramCache,
} from './load-histories';
import { type StoredCounts, storeHealth } from './store-health';

export interface Recomputed {
  match: MatchForHealth;
  assessment: HealthAssessment;
}

// One set of columns for every thread: each is decoded into it just before its match is assessed.
const columns = threadColumns();

function assessAll(inputs: MatchForHealth[]): Recomputed[] {
  return inputs.map((match) => {
    decodeThreadColumns(match.thread.senders, match.thread.text, columns);
    return { match, assessment: assessThreadColumns(match.history, columns, match.settings) };
  });
}

const toStore = (results: Recomputed[]) =>
  results.map(({ match, assessment }) => ({ matchId: match.matchId, assessment, stored: match.stored }));

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
    await storeHealth(tx, toStore(results), now);
    return results;
  });
}

export interface RecomputeAllOptions {
  batchSize?: number;
  /** Sees every batch once it is stored (the scheduler derives nudges from it). */
  onBatch?: (batch: Recomputed[]) => Promise<void>;
}

/** Milliseconds spent in each step of a full recompute, so that its cost can be explained. */
export interface RecomputePhases {
  /** Waiting for a page of matches that was not loaded yet. */
  loadMs: number;
  assessMs: number;
  storeMs: number;
}

/** One page of a full recompute: its phases, this process's CPU time and what it wrote. */
export interface RecomputeChunk extends RecomputePhases {
  matches: number;
  cpuMs: number;
  written: StoredCounts;
}

/**
 * Recomputes every active match (closed ones keep their last health), page by page in id order. Three pages are
 * in flight at once: the next one is read while this one is assessed and the previous one written, so the
 * database and the model work side by side. Pages are stored, and seen by `onBatch`, in order.
 */
export async function recomputeAllHealth(db: Db, now = new Date(), options: RecomputeAllOptions = {}) {
  const batchSize = options.batchSize ?? 5000;
  const programs: ProgramCache = new Map();
  const phases: RecomputePhases = { loadMs: 0, assessMs: 0, storeMs: 0 };
  const chunks: RecomputeChunk[] = [];
  let chunk: RecomputePhases = { loadMs: 0, assessMs: 0, storeMs: 0 };
  let cpu = process.cpuUsage();
  let mark = performance.now();
  const lap = (phase: keyof RecomputePhases) => {
    const at = performance.now();
    phases[phase] += at - mark;
    chunk[phase] += at - mark;
    mark = at;
  };
  const page = (after: string) => loadActivePage(db, after, batchSize, now, programs);
  // Writes a page and hands it on; the chunk's figures are taken when the next page waits for it.
  const store = async (results: Recomputed[]) => {
    const written = await storeHealth(db, toStore(results), now);
    await options.onBatch?.(results);
    return { matches: results.length, written };
  };
  // Waits for the page being written; its chunk gets the time spent waiting and the CPU since the last one.
  const finish = async (stored: ReturnType<typeof store>) => {
    const { matches, written } = await stored;
    lap('storeMs');
    const used = process.cpuUsage(cpu);
    chunks.push({ matches, ...chunk, cpuMs: (used.user + used.system) / 1000, written });
    chunk = { loadMs: 0, assessMs: 0, storeMs: 0 };
    cpu = process.cpuUsage();
    return matches;
  };
  // A failed read or write surfaces where it is awaited; until then it must not count as unhandled.
  const quiet = <T>(promise: Promise<T>) => {
    promise.catch(() => {});
    return promise;
  };
  let next = quiet(page('00000000-0000-0000-0000-000000000000'));
  let storing: ReturnType<typeof store> | undefined;
  let matches = 0;
  try {
    for (;;) {
      const inputs = await next;
      lap('loadMs');
      if (inputs.length === 0) break;
      next = quiet(page(inputs[inputs.length - 1]!.matchId));
      const results = assessAll(inputs);
      lap('assessMs');
      if (storing) matches += await finish(storing);
      storing = quiet(store(results));
    }
    if (storing) matches += await finish(storing);
  } finally {
    // On failure nothing is left running against the database once this returns.
    await Promise.allSettled([next, storing]);
  }
  return { matches, phases, chunks };
}
