// The health tick: recompute every active match and send the nudges that follow. Several server processes
// may run it; a database lease lets exactly one of them run each tick.
import { Cron } from 'croner';
import type { Db } from '../db/client';
import { tryAcquireLease } from '../db/leases';
import type { WorkerStarter } from '../workers';
import { type NudgeTally, sendHealthNudges } from './nudges/send-health-nudges';
import { recomputeAllHealth } from './recompute';

export const HEALTH_TICK_LEASE = 'health-tick';
/** Every ten minutes: often enough for quiet hours to open on time, cheap enough for large programs. */
export const HEALTH_TICK_CRON = '*/10 * * * *';
const LEASE_MS = 5 * 60_000;

export interface TickResult {
  ran: boolean;
  matches: number;
  nudges: NudgeTally;
}

export async function runHealthTick(
  db: Db,
  owner: string,
  now = new Date(),
  leaseMs = LEASE_MS,
): Promise<TickResult> {
  const nudges: NudgeTally = { sent: 0, skipped: {} };
  if (!(await tryAcquireLease(db, HEALTH_TICK_LEASE, owner, leaseMs)))
    return { ran: false, matches: 0, nudges };
  const { matches } = await recomputeAllHealth(db, now, {
    async onBatch(batch) {
      const tally = await sendHealthNudges(db, batch, now);
      nudges.sent += tally.sent;
      for (const [why, n] of Object.entries(tally.skipped)) {
        const key = why as keyof NudgeTally['skipped'];
        nudges.skipped[key] = (nudges.skipped[key] ?? 0) + n;
      }
    },
  });
  return { ran: true, matches, nudges };
}

export const healthSchedulerWorker: WorkerStarter = async (ctx) => {
  let running: Promise<void> = Promise.resolve();
  const job = new Cron(HEALTH_TICK_CRON, { protect: true }, () => {
    running = runHealthTick(ctx.database.db, ctx.instanceId)
      .then((result) => {
        if (result.ran) ctx.logger.info({ matches: result.matches, nudges: result.nudges }, 'health tick');
      })
      .catch((error) => ctx.logger.error({ err: error }, 'health tick failed'));
    return running;
  });
  return async () => {
    job.stop();
    await running;
  };
};
