// Turns freshly computed health into nudges: candidates from each assessment, minus the situations already
// nudged (looked up in bulk), each delivered under the rules.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { nudges, programCoordinators } from '../../db/schema';
import type { Recomputed } from '../recompute';
import { type NudgeCandidate, nudgeCandidates } from './candidates';
import { deliverNudge, type NudgeOutcome } from './deliver-nudge';

export interface NudgeTally {
  sent: number;
  skipped: Partial<Record<Exclude<NudgeOutcome, { sent: true }>['why'], number>>;
}

export async function sendHealthNudges(db: Db, results: Recomputed[], now: Date): Promise<NudgeTally> {
  const tally: NudgeTally = { sent: 0, skipped: {} };
  const open = results.filter(
    ({ assessment }) => assessment.status !== 'closed' && assessment.status !== 'thriving',
  );
  if (open.length === 0) return tally;
  const programIds = [...new Set(open.map(({ match }) => match.programId))];
  const coordinatorRows = await db
    .select()
    .from(programCoordinators)
    .where(inArray(programCoordinators.programId, programIds));
  const work: { result: Recomputed; candidate: NudgeCandidate }[] = [];
  for (const result of open) {
    const { match, assessment } = result;
    for (const candidate of nudgeCandidates({
      matchId: match.matchId,
      assessment,
      userIds: match.userIds,
      coordinatorIds: coordinatorRows
        .filter((row) => row.programId === match.programId)
        .map((row) => row.userId),
      coordinatorAlerts: match.settings.coordinatorAlerts,
    })) {
      work.push({ result, candidate });
    }
  }
  if (work.length === 0) return tally;
  const seen = new Set(
    (
      await db
        .select({ key: nudges.dedupeKey })
        .from(nudges)
        .where(
          inArray(
            nudges.dedupeKey,
            work.map(({ candidate }) => candidate.dedupeKey),
          ),
        )
    ).map((row) => row.key),
  );
  for (const { result, candidate } of work) {
    if (seen.has(candidate.dedupeKey)) {
      tally.skipped.duplicate = (tally.skipped.duplicate ?? 0) + 1;
      continue;
    }
    const { match } = result;
    const outcome = await deliverNudge(
      db,
      {
        matchId: match.matchId,
        matchClosed: match.status === 'closed',
        programId: match.programId,
        programAddress: match.programAddress,
        nudgeEveryDays: match.settings.nudgeEveryDays,
      },
      candidate,
      now,
    );
    if (outcome.sent) tally.sent++;
    else tally.skipped[outcome.why] = (tally.skipped[outcome.why] ?? 0) + 1;
  }
  return tally;
}
