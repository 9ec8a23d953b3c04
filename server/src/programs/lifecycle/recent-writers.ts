// How many distinct members of each match wrote in a time window: the "is this pair already talking"
// signal. Auto-replies and bounces never count as engagement (RFC 3834).
import { sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../db/client';

export async function recentWritersByMatch(
  db: Db | Tx,
  programId: string,
  from: Date,
  to: Date,
): Promise<Map<string, number>> {
  const rows = await queryRows<{ match_id: string; writers: number | string }>(
    db,
    sql`select m.match_id, count(distinct u.id) as writers
        from messages m
        join match_members mm on mm.match_id = m.match_id
        join users u on u.id = mm.user_id and u.email = lower(m.from_address)
        where m.program_id = ${programId}
          and m.sent_at > ${from.toISOString()} and m.sent_at <= ${to.toISOString()}
          and not m.auto_reply and not m.bounce
        group by m.match_id`,
  );
  return new Map(rows.map((row) => [row.match_id, Number(row.writers)]));
}
