// Reads what health needs for a batch of matches (metadata, check-ins and the agreement, never bodies) in five
// queries, whatever the batch size: the same path serves one new message and a full recompute.
import { DAY_MS, type HealthSettings, type MatchHistory, resolveHealthSettings } from '@peerpost/shared';
import { sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/client';

export interface MatchForHealth {
  matchId: string;
  programId: string;
  programAddress: string;
  status: string;
  history: MatchHistory;
  settings: HealthSettings;
  /** Member address → user id. */
  userIds: Map<string, string>;
}

// One array parameter rather than thousands of placeholders: planning stays cheap for large batches.
const ids = (matchIds: string[]) => sql`any(${`{${matchIds.join(',')}}`}::uuid[])`;
/** Separates packed fields; a control character that never occurs in a stored address. */
const FIELD = '\x1f';

export async function loadHealthInputs(
  db: Db | Tx,
  matchIds: string[],
  now: Date,
): Promise<MatchForHealth[]> {
  if (matchIds.length === 0) return [];
  const list = ids(matchIds);
  const [matchRows, memberRows, messageRows, checkInRows, agreementRows] = await Promise.all([
    queryRows<{
      id: string;
      program_id: string;
      address: string;
      status: string;
      started_ms: number;
      cadence: number;
      settings: unknown;
      ends_on: string | null;
    }>(
      db,
      sql`select m.id, m.program_id, p.address, m.status,
            (extract(epoch from coalesce(m.started_at, m.approved_at, m.created_at)) * 1000)::float8 as started_ms,
            coalesce(m.agreed_cadence_days, p.cadence_days) as cadence,
            p.health_settings as settings, p.ends_on::text as ends_on
          from matches m join programs p on p.id = m.program_id
          where m.id = ${list}`,
    ),
    queryRows<{ match_id: string; user_id: string; email: string; name: string }>(
      db,
      sql`select mm.match_id, mm.user_id, u.email, u.name
          from match_members mm join users u on u.id = mm.user_id
          where mm.match_id = ${list} and mm.left_at is null`,
    ),
    // One row per match with its thread packed as text: moving 40 rows per match through the driver costs
    // far more than splitting one string.
    queryRows<{ match_id: string; thread: string }>(
      db,
      sql`select match_id, string_agg(concat_ws(chr(31), lower(from_address),
            (extract(epoch from sent_at) * 1000)::bigint, new_text_chars, question_count,
            auto_reply::int::text || bounce::int::text), chr(31)) as thread
          from messages where match_id = ${list} group by match_id`,
    ),
    queryRows<{ match_id: string; email: string; at: number; score: number }>(
      db,
      sql`select c.match_id, u.email, (extract(epoch from c.answered_at) * 1000)::float8 as at, c.score
          from check_ins c join users u on u.id = c.user_id
          where c.match_id = ${list} and c.score is not null and c.answered_at is not null`,
    ),
    queryRows<{ match_id: string; accepted_by: Record<string, string> | string }>(
      db,
      sql`select match_id, accepted_by from agreements where match_id = ${list}`,
    ),
  ]);

  const settingsByProgram = new Map<string, HealthSettings>();
  const byMatch = new Map<string, MatchForHealth>();
  for (const row of matchRows) {
    let settings = settingsByProgram.get(row.program_id);
    if (!settings) {
      settings = resolveHealthSettings(row.settings);
      settingsByProgram.set(row.program_id, settings);
    }
    byMatch.set(row.id, {
      matchId: row.id,
      programId: row.program_id,
      programAddress: row.address,
      status: row.status,
      settings,
      userIds: new Map(),
      history: {
        cadenceDays: Number(row.cadence),
        now: now.getTime(),
        startedAt: Number(row.started_ms),
        // A program ends at the end of its last day.
        endsAt: row.ends_on ? Date.parse(`${row.ends_on}T00:00:00Z`) + DAY_MS : undefined,
        closed: row.status === 'closed',
        members: [],
        messages: [],
        checkIns: [],
      },
    });
  }
  for (const row of memberRows) {
    const entry = byMatch.get(row.match_id);
    if (!entry) continue;
    const address = row.email.toLowerCase();
    entry.history.members.push({ address, name: row.name.split(' ')[0] || row.name });
    entry.userIds.set(address, row.user_id);
  }
  for (const row of messageRows) {
    const target = byMatch.get(row.match_id)?.history.messages;
    if (!target) continue;
    const fields = row.thread.split(FIELD);
    for (let i = 0; i + 4 < fields.length; i += 5) {
      const flags = fields[i + 4]!;
      target.push({
        from: fields[i]!,
        at: Number(fields[i + 1]),
        newTextChars: Number(fields[i + 2]),
        questions: Number(fields[i + 3]),
        autoReply: flags[0] === '1',
        bounce: flags[1] === '1',
      });
    }
  }
  for (const row of agreementRows) {
    const entry = byMatch.get(row.match_id);
    if (!entry) continue;
    const accepted = typeof row.accepted_by === 'string' ? JSON.parse(row.accepted_by) : row.accepted_by;
    const pending = [...entry.userIds].filter(([, userId]) => !accepted[userId]).map(([address]) => address);
    entry.history.agreement = { pending };
  }
  for (const row of checkInRows) {
    byMatch.get(row.match_id)?.history.checkIns.push({
      from: row.email.toLowerCase(),
      at: Number(row.at),
      score: row.score,
    });
  }
  return [...byMatch.values()];
}
