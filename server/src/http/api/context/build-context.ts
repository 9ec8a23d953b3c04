// Assembles the sidebar's view of one match for one caller: partners as they chose to share themselves,
// why they were matched, health, the next prompt, a pending check-in, the agreement and shared goals.
import type { ContextResponse, HealthStatus, Partner } from '@peerpost/shared';
import { healthStatuses } from '@peerpost/shared';
import { and, asc, desc, eq, isNull, lte, notInArray } from 'drizzle-orm';
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

export async function buildContext(
  db: Db,
  callerId: string,
  { match, role }: ThreadMatch,
  dashboardUrl: string,
  now = new Date(),
): Promise<ContextResponse> {
  const [program] = await db.select().from(programs).where(eq(programs.id, match.programId));
  const members = await db
    .select({ user: users, profile: participants })
    .from(matchMembers)
    .innerJoin(users, eq(users.id, matchMembers.userId))
    .innerJoin(participants, eq(participants.id, matchMembers.participantId))
    .where(and(eq(matchMembers.matchId, match.id), isNull(matchMembers.leftAt)));
  const others = members.filter((member) => member.user.id !== callerId);
  const partners = others.map(({ user, profile }) => sharedProfile(user, profile));
  const goalSets = members.map((member) => new Set(member.profile.goals.map((goal) => goal.toLowerCase())));
  const sharedGoals = (members[0]?.profile.goals ?? []).filter((goal) =>
    goalSets.every((set) => set.has(goal.toLowerCase())),
  );

  const trend = await db
    .select({ score: healthSnapshots.score })
    .from(healthSnapshots)
    .where(eq(healthSnapshots.matchId, match.id))
    .orderBy(desc(healthSnapshots.day))
    .limit(TREND_DAYS);
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

  const sent = await db
    .select({ key: promptsSent.promptKey })
    .from(promptsSent)
    .where(eq(promptsSent.matchId, match.id));
  const [nextPrompt] = await db
    .select({ key: prompts.key, title: prompts.title, body: prompts.body })
    .from(prompts)
    .where(
      sent.length
        ? and(
            eq(prompts.programId, match.programId),
            notInArray(
              prompts.key,
              sent.map((row) => row.key),
            ),
          )
        : eq(prompts.programId, match.programId),
    )
    .orderBy(asc(prompts.week), asc(prompts.key))
    .limit(1);

  const [pending] = await db
    .select({ id: checkIns.id, dueAt: checkIns.dueAt })
    .from(checkIns)
    .where(
      and(
        eq(checkIns.matchId, match.id),
        eq(checkIns.userId, callerId),
        isNull(checkIns.answeredAt),
        lte(checkIns.dueAt, now),
      ),
    )
    .orderBy(desc(checkIns.dueAt))
    .limit(1);

  const startedAt = match.startedAt ?? match.approvedAt;
  return {
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
      week: startedAt ? Math.max(1, Math.floor((now.getTime() - startedAt.getTime()) / WEEK) + 1) : 0,
      cadenceDays: match.agreedCadenceDays ?? program!.cadenceDays,
    },
    partners:
      role === 'participant' ? partners : members.map(({ user, profile }) => sharedProfile(user, profile)),
    sharedGoals,
    health,
    nextPrompt: nextPrompt ?? null,
    pendingCheckIn: pending ? { id: pending.id, dueAt: pending.dueAt.toISOString() } : null,
    ...(await partnershipContext(db, callerId, match, program!)),
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
