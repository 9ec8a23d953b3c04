// Answers to check-ins from the one-click links: the score (first click wins) and an optional comment.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { checkIns } from '../../db/schema';
import { recomputeMatchHealth } from '../../health/recompute';
import { consumeLinkToken, issueLinkToken, purposeTarget } from '../../security/link-tokens';

export type CheckInAnswer =
  | { ok: true; checkInId: string; score: number; commentToken: string }
  | { ok: false; reason: 'invalid-link' | 'bad-score' };

export function parseScore(value: string | undefined): number | undefined {
  const score = Number(value);
  return Number.isInteger(score) && score >= 1 && score <= 5 ? score : undefined;
}

/** Records a pulse score and returns a fresh token for the optional comment form. */
export async function recordCheckInScore(
  db: Db,
  token: string,
  scoreText: string | undefined,
  now: Date,
): Promise<CheckInAnswer> {
  const score = parseScore(scoreText);
  if (score === undefined) return { ok: false, reason: 'bad-score' };
  const answer = await db.transaction(async (tx) => {
    const link = await consumeLinkToken(tx, token, 'check-in', now);
    if (!link) return { ok: false, reason: 'invalid-link' } as const;
    const checkInId = purposeTarget(link.purpose);
    const [answered] = await tx
      .update(checkIns)
      .set({ score, answeredAt: now })
      .where(and(eq(checkIns.id, checkInId), isNull(checkIns.answeredAt)))
      .returning({ matchId: checkIns.matchId });
    const commentToken = await issueLinkToken(tx, {
      purpose: `check-in-comment:${checkInId}`,
      email: link.email,
      now,
      ttlMs: 86_400_000,
    });
    return { ok: true, checkInId, score, commentToken, matchId: answered?.matchId } as const;
  });
  if (!answer.ok) return answer;
  // A new pulse changes health now, not at the next scheduled tick.
  const { matchId, ...result } = answer;
  if (matchId) await recomputeMatchHealth(db, matchId, now);
  return result;
}

export async function recordCheckInComment(
  db: Db,
  token: string,
  comment: string,
  now: Date,
): Promise<boolean> {
  const text = comment.trim().slice(0, 4000);
  return db.transaction(async (tx) => {
    const link = await consumeLinkToken(tx, token, 'check-in-comment', now);
    if (!link) return false;
    if (text)
      await tx
        .update(checkIns)
        .set({ comment: text })
        .where(eq(checkIns.id, purposeTarget(link.purpose)));
    return true;
  });
}
