// Read models of one program for coordinators: its people, the mail nobody could attribute, the nudges
// sent, and health status counts per day for the dashboard's chart.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client';
import { matches, messages, nudges, participants, users } from '../../../db/schema';

export async function programParticipants(db: Db, programId: string) {
  const rows = await db
    .select({
      id: participants.id,
      name: users.name,
      email: users.email,
      status: participants.status,
      careerStage: participants.careerStage,
      matched: sql<boolean>`exists (select 1 from match_members mm join matches m on m.id = mm.match_id
        where mm.participant_id = ${participants.id} and mm.left_at is null and m.status <> 'closed')`,
    })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(eq(participants.programId, programId))
    .orderBy(users.name);
  return rows.map((row) => ({ ...row, matched: Boolean(row.matched) }));
}

export async function unmatchedMail(db: Db, programId: string) {
  const rows = await db
    .select({
      id: messages.id,
      from: messages.fromAddress,
      subject: messages.subject,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .where(and(eq(messages.programId, programId), isNull(messages.matchId)))
    .orderBy(desc(messages.sentAt))
    .limit(200);
  return rows.map((row) => ({ ...row, sentAt: row.sentAt.toISOString() }));
}

export async function nudgesSent(db: Db, programId: string) {
  const rows = await db
    .select({
      id: nudges.id,
      matchId: nudges.matchId,
      audience: nudges.audience,
      kind: nudges.kind,
      reason: nudges.reason,
      createdAt: nudges.createdAt,
    })
    .from(nudges)
    .innerJoin(matches, eq(matches.id, nudges.matchId))
    .where(eq(matches.programId, programId))
    .orderBy(desc(nudges.createdAt))
    .limit(500);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** Health status counts per day from the daily snapshots, oldest first. */
export async function statusHistory(db: Db, programId: string, days = 90) {
  const rows = await queryRows<{ day: string; status: string; n: number }>(
    db,
    sql`select s.day::text as day, s.status, count(*)::int as n from health_snapshots s
        join matches m on m.id = s.match_id
        where m.program_id = ${programId} and s.day >= current_date - ${days}::int
        group by 1, 2 order by 1`,
  );
  const byDay = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const counts = byDay.get(row.day) ?? {};
    counts[row.status] = row.n;
    byDay.set(row.day, counts);
  }
  return [...byDay].map(([day, counts]) => ({ day, counts }));
}

/** The start of the week `weeks - 1` weeks before this one: the series cover `weeks` whole weeks. */
const weeksBack = (weeks: number) =>
  sql`date_trunc('week', now()) - make_interval(weeks => ${weeks - 1}::int)`;

/**
 * Median hours to a pair's first reply, per week of the pair's first real message (auto-replies and
 * bounces never count). Pairs still waiting for their first reply are left out, so the latest weeks
 * show the replies that have come so far.
 */
export async function firstReplyByWeek(db: Db, programId: string, weeks = 26) {
  const rows = await queryRows<{ day: string; hours: number; pairs: number }>(
    db,
    sql`with real as (
          select match_id, lower(from_address) as sender, sent_at from messages
          where program_id = ${programId} and match_id is not null and not auto_reply and not bounce),
        firsts as (select distinct on (match_id) match_id, sender, sent_at from real order by match_id, sent_at),
        waits as (
          select f.match_id, f.sent_at as first_at, min(r.sent_at) as reply_at
          from firsts f join real r on r.match_id = f.match_id and r.sender <> f.sender and r.sent_at > f.sent_at
          where f.sent_at >= ${weeksBack(weeks)}
          group by f.match_id, f.sent_at)
        select date_trunc('week', first_at)::date::text as day,
          (percentile_cont(0.5) within group (order by extract(epoch from reply_at - first_at) / 3600))::float8
            as hours,
          count(*)::int as pairs
        from waits group by 1 order by 1`,
  );
  return rows.map((row) => ({ day: row.day, hours: Number(row.hours), pairs: row.pairs }));
}

/** Average check-in score (1–5) per week the check-ins were answered. */
export async function checkInAveragesByWeek(db: Db, programId: string, weeks = 26) {
  const rows = await queryRows<{ day: string; average: number; answers: number }>(
    db,
    sql`select date_trunc('week', c.answered_at)::date::text as day, avg(c.score)::float8 as average,
          count(*)::int as answers
        from check_ins c join matches m on m.id = c.match_id
        where m.program_id = ${programId} and c.score is not null and c.answered_at is not null
          and c.answered_at >= ${weeksBack(weeks)}
        group by 1 order by 1`,
  );
  return rows.map((row) => ({ day: row.day, average: Number(row.average), answers: row.answers }));
}
