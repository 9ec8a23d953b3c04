// Assembles the sidebar's view of one match for one caller: partners as they chose to share themselves,
// why they were matched, health, the next prompt, a pending check-in, the agreement and shared goals.
import type { ContextResponse, HealthStatus, Partner } from '@peerpost/shared';
import { healthStatuses } from '@peerpost/shared';
import { and, asc, desc, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  checkIns,
  healthSnapshots,
  matchMembers,
  participants,
  programs,
  prompts,
  promptsSent,
  users,
} from '../../../db/schema';
import type { ThreadMatch } from './find-thread-match';
import { partnershipContext } from './partnership-context';

const WEEK = 7 * 86_400_000;
const TREND_DAYS = 30;

/** The context, and until when it holds without any write (a check-in falling due, a new week). */
export interface BuiltContext {
  context: ContextResponse;
  validUntil: number;
}

export async function buildContext(
  db: Db,
  callerId: string,
  { match, role }: ThreadMatch,
  dashboardUrl: string,
  now = new Date(),
): Promise<BuiltContext> {
  // Independent reads: concurrent on a PostgreSQL pool, queued one after the other on PGlite.
  const [[program], members, trend, [nextPrompt], openCheckIns, partnership] = await Promise.all([
    db.select().from(programs).where(eq(programs.id, match.programId)),
    db
      .select({ user: users, profile: participants })
      .from(matchMembers)
      .innerJoin(users, eq(users.id, matchMembers.userId))
      .innerJoin(participants, eq(participants.id, matchMembers.participantId))
      .where(and(eq(matchMembers.matchId, match.id), isNull(matchMembers.leftAt))),
    db
      .select({ score: healthSnapshots.score })
      .from(healthSnapshots)
      .where(eq(healthSnapshots.matchId, match.id))
      .orderBy(desc(healthSnapshots.day))
      .limit(TREND_DAYS),
    // The first prompt of the curriculum not yet sent to this match.
    db
      .select({ key: prompts.key, title: prompts.title, body: prompts.body })
      .from(prompts)
      .where(
        and(
          eq(prompts.programId, match.programId),
          notExists(
            db
              .select({ one: sql`1` })
              .from(promptsSent)
              .where(and(eq(promptsSent.matchId, match.id), eq(promptsSent.promptKey, prompts.key))),
          ),
        ),
      )
      .orderBy(asc(prompts.week), asc(prompts.key))
      .limit(1),
    db
      .select({ id: checkIns.id, dueAt: checkIns.dueAt })
      .from(checkIns)
      .where(and(eq(checkIns.matchId, match.id), eq(checkIns.userId, callerId), isNull(checkIns.answeredAt)))
      .orderBy(desc(checkIns.dueAt)),
    partnershipContext(db, callerId, match),
  ]);
  const others = members.filter((member) => member.user.id !== callerId);
  const partners = others.map(({ user, profile }) => sharedProfile(user, profile));
  const goalSets = members.map((member) => new Set(member.profile.goals.map((goal) => goal.toLowerCase())));
  const sharedGoals = (members[0]?.profile.goals ?? []).filter((goal) =>
    goalSets.every((set) => set.has(goal.toLowerCase())),
  );

  const status = match.healthStatus as HealthStatus | null;
  const health =
    match.healthScore !== null && status && healthStatuses.includes(status)
      ? {
          score: match.healthScore,
          status,
          reasons: match.healthReasons ?? [],
          trend: trend.map((row) => row.score).reverse(),
        }
      : null;

  // The latest check-in already due is pending; the earliest one not yet due ends this view's validity.
  const pending = openCheckIns.find((row) => row.dueAt <= now);
  const nextDue =
    openCheckIns.findLast((row) => row.dueAt > now)?.dueAt.getTime() ?? Number.POSITIVE_INFINITY;

  const startedAt = match.startedAt ?? match.approvedAt;
  const weeksIn = startedAt ? Math.floor((now.getTime() - startedAt.getTime()) / WEEK) : 0;
  const nextWeek = startedAt ? startedAt.getTime() + (weeksIn + 1) * WEEK : Number.POSITIVE_INFINITY;
  const context = {
    role,
    match: {
      id: match.id,
      status: match.status,
      explanation: match.explanation,
      startedAt: startedAt?.toISOString() ?? null,
    },
    program: {
      id: program!.id,
      name: program!.name,
      week: startedAt ? Math.max(1, weeksIn + 1) : 0,
      cadenceDays: match.agreedCadenceDays ?? program!.cadenceDays,
    },
    partners:
      role === 'participant' ? partners : members.map(({ user, profile }) => sharedProfile(user, profile)),
    sharedGoals,
    health,
    nextPrompt: nextPrompt ?? null,
    pendingCheckIn: pending ? { id: pending.id, dueAt: pending.dueAt.toISOString() } : null,
    ...partnership(program!),
    ...(role === 'coordinator'
      ? {
          coordinator: {
            members: members.map(({ user }) => ({
              name: user.name,
              email: user.email,
              medianReplyHours: null,
            })),
            actions: ['nudge', 'note', 'flag'] as const,
            dashboardUrl,
          },
        }
      : {}),
  } satisfies ContextResponse;
  return { context, validUntil: Math.min(nextDue, nextWeek) };
}

/** Only what the person chose to share; the name is always visible to their partner. */
function sharedProfile(user: typeof users.$inferSelect, profile: typeof participants.$inferSelect): Partner {
  const shares = (field: string) => profile.sharing[field] !== false;
  return {
    name: user.name,
    ...(shares('careerStage') ? { careerStage: profile.careerStage } : {}),
    ...(shares('skillsOffered') ? { skillsOffered: profile.skillsOffered } : {}),
    ...(shares('skillsSought') ? { skillsSought: profile.skillsSought } : {}),
    ...(shares('goals') ? { goals: profile.goals } : {}),
    ...(shares('team') && profile.team ? { team: profile.team } : {}),
    ...(shares('timeZone') ? { timeZone: user.timeZone } : {}),
  };
}
