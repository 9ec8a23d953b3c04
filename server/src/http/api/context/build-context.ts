// Assembles the sidebar's view of one match for one caller: partners as they chose to share themselves,
// why they were matched, health, the next prompt, a pending check-in, the agreement and shared goals.
import type { ContextResponse, HealthStatus, Partner } from '@peerpost/shared';
import { healthStatuses } from '@peerpost/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client';
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
  const [[one], members, partnership] = await Promise.all([
    matchReads(db, match, callerId),
    db
      .select({ user: users, profile: participants })
      .from(matchMembers)
      .innerJoin(users, eq(users.id, matchMembers.userId))
      .innerJoin(participants, eq(participants.id, matchMembers.participantId))
      .where(and(eq(matchMembers.matchId, match.id), isNull(matchMembers.leftAt))),
    partnershipContext(db, callerId, match),
  ]);
  const program = one!.program;
  const nextPrompt = one!.next_prompt;
  const openCheckIns = one!.check_ins.map((row) => ({ id: row.id, dueAt: new Date(row.dueAtMs) }));
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
          trend: one!.trend,
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
      id: program.id,
      name: program.name,
      week: startedAt ? Math.max(1, weeksIn + 1) : 0,
      cadenceDays: match.agreedCadenceDays ?? program.cadenceDays,
    },
    partners:
      role === 'participant' ? partners : members.map(({ user, profile }) => sharedProfile(user, profile)),
    sharedGoals,
    health,
    nextPrompt: nextPrompt ?? null,
    pendingCheckIn: pending ? { id: pending.id, dueAt: pending.dueAt.toISOString() } : null,
    ...partnership(program),
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

/**
 * One round trip for the match's own small reads (each query is costly on the embedded database): its
 * program, the health trend (oldest first), the first prompt of the curriculum not yet sent, and the
 * caller's unanswered check-ins (latest due first).
 */
function matchReads(db: Db, match: ThreadMatch['match'], callerId: string) {
  return queryRows<{
    program: { id: string; name: string; cadenceDays: number; healthSettings: Record<string, unknown> };
    trend: number[];
    next_prompt: { key: string; title: string; body: string } | null;
    check_ins: { id: string; dueAtMs: number }[];
  }>(
    db,
    sql`select
      (select json_build_object('id', p.id, 'name', p.name, 'cadenceDays', p.cadence_days,
          'healthSettings', p.health_settings)
        from ${programs} p where p.id = ${match.programId}) as program,
      (select coalesce(json_agg(s.score order by s.day), '[]'::json)
        from (select score, day from ${healthSnapshots} where match_id = ${match.id}
          order by day desc limit ${TREND_DAYS}) s) as trend,
      (select json_build_object('key', pr.key, 'title', pr.title, 'body', pr.body)
        from ${prompts} pr
        where pr.program_id = ${match.programId} and not exists (
          select 1 from ${promptsSent} ps where ps.match_id = ${match.id} and ps.prompt_key = pr.key)
        order by pr.week, pr.key limit 1) as next_prompt,
      (select coalesce(json_agg(json_build_object('id', c.id,
            'dueAtMs', floor(extract(epoch from c.due_at) * 1000)) order by c.due_at desc), '[]'::json)
        from ${checkIns} c
        where c.match_id = ${match.id} and c.user_id = ${callerId} and c.answered_at is null) as check_ins`,
  );
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
