// Program-level health for coordinators and evaluation: status distribution, median time to first reply,
// and the share of reciprocal pairs (everyone writes, nobody carries more than the one-sided share).
import { healthStatuses, resolveHealthSettings } from '@peerpost/shared';
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client';
import { programs } from '../db/schema';

export interface ProgramHealthSummary {
  programId: string;
  matches: number;
  byStatus: Record<(typeof healthStatuses)[number] | 'unknown', number>;
  averageScore: number | null;
  /** Median days from a pair's first real message to the first reply by another member. */
  medianDaysToFirstReply: number | null;
  reciprocalPairs: number;
  reciprocalShare: number | null;
}

export async function programHealthSummary(db: Db, programId: string): Promise<ProgramHealthSummary> {
  const [program] = await db
    .select({ settings: programs.healthSettings })
    .from(programs)
    .where(eq(programs.id, programId));
  const { oneSidedShare } = resolveHealthSettings(program?.settings);
  const statusRows = await queryRows<{ status: string; n: number; average: number | null }>(
    db,
    sql`select case when status = 'closed' then 'closed' else coalesce(health_status, 'unknown') end as status,
          count(*)::int as n, avg(health_score)::float8 as average
        from matches where program_id = ${programId} and status in ('active', 'closed') group by 1`,
  );
  const [reply] = await queryRows<{ median: number | null }>(
    db,
    sql`with real as (
          select match_id, lower(from_address) as sender, sent_at from messages
          where program_id = ${programId} and match_id is not null and not auto_reply and not bounce),
        firsts as (select distinct on (match_id) match_id, sender, sent_at from real order by match_id, sent_at),
        waits as (
          select min(extract(epoch from r.sent_at - f.sent_at)) / 86400 as days
          from firsts f join real r on r.match_id = f.match_id and r.sender <> f.sender and r.sent_at > f.sent_at
          group by f.match_id)
        select (percentile_cont(0.5) within group (order by days))::float8 as median from waits`,
  );
  const [reciprocity] = await queryRows<{ reciprocal: number; total: number }>(
    db,
    sql`with per_writer as (
          select match_id, lower(from_address) as sender, sum(new_text_chars) as chars from messages
          where program_id = ${programId} and match_id is not null and not auto_reply and not bounce
          group by 1, 2),
        per_match as (
          select match_id, count(*) as writers, sum(chars) as total, max(chars) as top from per_writer group by 1)
        select (count(*) filter (where p.writers >= 2 and p.top <= ${oneSidedShare} * p.total))::int as reciprocal,
               count(*)::int as total
        from matches m left join per_match p on p.match_id = m.id
        where m.program_id = ${programId} and m.status in ('active', 'closed')`,
  );

  const byStatus = Object.fromEntries(
    [...healthStatuses, 'unknown'].map((status) => [status, 0]),
  ) as ProgramHealthSummary['byStatus'];
  let matches = 0;
  let scoreSum = 0;
  let scored = 0;
  for (const row of statusRows) {
    const key = (row.status in byStatus ? row.status : 'unknown') as keyof typeof byStatus;
    byStatus[key] += row.n;
    matches += row.n;
    if (row.average !== null) {
      scoreSum += row.average * row.n;
      scored += row.n;
    }
  }
  const total = reciprocity?.total ?? 0;
  return {
    programId,
    matches,
    byStatus,
    averageScore: scored ? Math.round(scoreSum / scored) : null,
    medianDaysToFirstReply:
      reply?.median === null || reply?.median === undefined ? null : Number(reply.median),
    reciprocalPairs: reciprocity?.reciprocal ?? 0,
    reciprocalShare: total ? (reciprocity?.reciprocal ?? 0) / total : null,
  };
}
