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
