// Shared goals: each member records one to three (what I want to learn, what I can offer), by replying to
// the goal-setting prompt ("Goal: …" lines, parsed at ingest) or in the sidebar. The partner sees them;
// check-ins carry one-click progress links per goal; the report counts goals reached, learned and taught.
import { type GoalStatus, goalStatuses, normaliseGoals, type ParsedGoal, parseGoals } from '@peerpost/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { checkIns, goals, matches } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { consumeLinkToken, purposeTarget } from '../../security/link-tokens';
import { type LinkOptions, signedLink } from '../check-ins/links';
import { currentMembers } from '../lifecycle/match-members';

export interface MemberGoals {
  userId: string;
  name: string;
  goals: { id: string; kind: 'learn' | 'offer'; text: string; status: GoalStatus }[];
}

/** Every current member's goals, in the order they were written. */
export async function goalsOfMatch(db: Db | Tx, matchId: string): Promise<MemberGoals[]> {
  const rows = await db
    .select({ id: goals.id, userId: goals.userId, kind: goals.kind, text: goals.text, status: goals.status })
    .from(goals)
    .where(eq(goals.matchId, matchId))
    .orderBy(asc(goals.createdAt), asc(goals.id));
  const members = (await currentMembers(db, [matchId])).get(matchId) ?? [];
  return members.map((m) => ({
    userId: m.userId,
    name: m.name,
    goals: rows.filter((g) => g.userId === m.userId).map(({ userId: _, ...goal }) => goal),
  }));
}

/**
 * Replaces a member's goals with the given list (cleaned, at most three). A goal whose text stays the
 * same keeps its progress. Returns how many goals the member has now.
 */
export async function setGoals(
  db: Db,
  matchId: string,
  userId: string,
  wanted: ParsedGoal[],
): Promise<number> {
  const cleaned = normaliseGoals(wanted);
  if (wanted.length > 0 && cleaned.length === 0) {
    throw new PeerpostError('EBADINPUT', 'None of these goals could be used: write a few words for each');
  }
  return db.transaction(async (tx) => {
    const [match] = await tx
      .select({ status: matches.status })
      .from(matches)
      .where(eq(matches.id, matchId))
      .for('update');
    const members = (await currentMembers(tx, [matchId])).get(matchId) ?? [];
    if (match?.status !== 'active' || !members.some((m) => m.userId === userId)) {
      throw new PeerpostError('EFORBIDDEN', 'Only members of an active partnership can set its goals');
    }
    const mine = and(eq(goals.matchId, matchId), eq(goals.userId, userId));
    const existing = await tx.select().from(goals).where(mine).orderBy(asc(goals.createdAt));
    const keyOf = (g: { kind: string; text: string }) => `${g.kind}:${g.text.toLocaleLowerCase()}`;
    const wantedKeys = new Set(cleaned.map(keyOf));
    const kept = new Set<string>();
    for (const goal of existing) {
      if (wantedKeys.has(keyOf(goal)) && !kept.has(keyOf(goal))) kept.add(keyOf(goal));
      else await tx.delete(goals).where(eq(goals.id, goal.id));
    }
    const fresh = cleaned.filter((g) => !kept.has(keyOf(g)));
    // Distinct creation times keep the order the member wrote them in.
    const base = Date.now();
    if (fresh.length > 0) {
      await tx
        .insert(goals)
        .values(fresh.map((g, i) => ({ matchId, userId, ...g, createdAt: new Date(base + i) })));
    }
    return cleaned.length;
  });
}

/**
 * Goals in a member's reply (the new text of a real message, at ingest): the latest list a member wrote
 * replaces the earlier one. Returns the number of goals recorded; 0 when the sender is not a member or the
 * message has no goal lines.
 */
export async function recordGoalsFromReply(
  db: Db,
  input: { matchId: string; fromAddress: string; text: string },
): Promise<number> {
  return recordGoals(db, { ...input, goals: parseGoals(input.text) });
}

/** Goals a member stated in a message (already parsed); a stranger's or a closed pair's are ignored. */
export async function recordGoals(
  db: Db,
  input: { matchId: string; fromAddress: string; goals: ParsedGoal[] },
): Promise<number> {
  if (input.goals.length === 0) return 0;
  const members = (await currentMembers(db, [input.matchId])).get(input.matchId) ?? [];
  const member = members.find((m) => m.email === input.fromAddress.trim().toLowerCase());
  if (!member) return 0;
  try {
    return await setGoals(db, input.matchId, member.userId, input.goals);
  } catch (error) {
    if (error instanceof PeerpostError && error.code === 'EFORBIDDEN') return 0;
    throw error;
  }
}

/** Progress on one of the caller's own goals (sidebar). */
export async function setGoalProgress(db: Db | Tx, goalId: string, userId: string, status: GoalStatus) {
  if (!goalStatuses.includes(status)) throw new PeerpostError('EBADINPUT', 'Unknown goal status');
  const [updated] = await db
    .update(goals)
    .set({ status })
    .where(and(eq(goals.id, goalId), eq(goals.userId, userId)))
    .returning({ id: goals.id, matchId: goals.matchId, status: goals.status });
  if (!updated) throw new PeerpostError('ENOTFOUND', 'No such goal of yours');
  return updated;
}

export const goalStatusLabels: Record<GoalStatus, string> = {
  not_started: 'not started',
  moving: 'moving',
  done: 'done',
};

export interface GoalProgressLinks {
  title: string;
  links: { label: string; url: string }[];
}

/**
 * A check-in mail's goal section: each of the member's goals with one-click "not started / moving / done"
 * links. One single-use token per goal serves its three links (the first click wins, like the pulse).
 */
export async function goalProgressLinks(
  tx: Tx,
  links: LinkOptions,
  input: { matchId: string; userId: string; email: string; checkInId: string; now: Date },
): Promise<GoalProgressLinks[]> {
  const mine = await tx
    .select()
    .from(goals)
    .where(and(eq(goals.matchId, input.matchId), eq(goals.userId, input.userId)))
    .orderBy(asc(goals.createdAt));
  const sections: GoalProgressLinks[] = [];
  for (const goal of mine) {
    const url = await signedLink(
      tx,
      links,
      'goal',
      `goal:${goal.id}:${input.checkInId}`,
      input.email,
      input.now,
    );
    sections.push({
      title: `${goal.kind === 'learn' ? 'Learn' : 'Offer'}: ${goal.text}`,
      links: goalStatuses.map((status) => ({
        label: goalStatusLabels[status],
        url: `${url}?status=${status}`,
      })),
    });
  }
  return sections;
}

/** A click on a goal link in a check-in: records the goal's status and the check-in's goal progress. */
export async function recordGoalProgressByLink(
  db: Db,
  token: string,
  statusText: string | undefined,
  now: Date,
): Promise<
  { ok: true; text: string; status: GoalStatus } | { ok: false; reason: 'invalid-link' | 'bad-status' }
> {
  const status = goalStatuses.find((s) => s === statusText);
  if (!status) return { ok: false, reason: 'bad-status' };
  return db.transaction(async (tx) => {
    const link = await consumeLinkToken(tx, token, 'goal', now);
    if (!link) return { ok: false, reason: 'invalid-link' } as const;
    const [goalId, checkInId] = purposeTarget(link.purpose).split(':') as [string, string];
    const [goal] = await tx.select().from(goals).where(eq(goals.id, goalId));
    if (!goal) return { ok: false, reason: 'invalid-link' } as const;
    await setGoalProgress(tx, goalId, goal.userId, status);
    const [checkIn] = await tx.select().from(checkIns).where(eq(checkIns.id, checkInId));
    if (checkIn) {
      await tx
        .update(checkIns)
        .set({ goalProgress: { ...(checkIn.goalProgress ?? {}), [goalId]: status } })
        .where(eq(checkIns.id, checkInId));
    }
    return { ok: true, text: goal.text, status } as const;
  });
}
