// Reads what health needs for a batch of matches (metadata, check-ins and the agreement, never bodies): one
// row per match, thread, members and check-ins coming from its compact copy in match_threads rather than
// from every message and person.
// The same path serves one new message and a full recompute.
import {
  DAY_MS,
  type HealthMessage,
  type HealthSettings,
  type HistoryWithoutMessages,
  type MatchHistory,
  messagesFromColumns,
  resizeColumns,
  resolveHealthSettings,
  type ThreadColumns,
  threadColumns,
} from '@peerpost/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/client';
import { snapshotDay } from './store-health';

/** The health a match has stored now, so that a recompute writes only what changed. */
export interface StoredHealth {
  score: number | null;
  status: string | null;
  reasons: string[] | null;
  /** Whether today's snapshot exists and holds this same health (compared in the database, so the snapshot
   * itself is never shipped and parsed: a full recompute reads one per match). */
  snapshotCurrent: boolean;
}

export interface MatchForHealth {
  matchId: string;
  programId: string;
  programAddress: string;
  status: string;
  /** Everything but the messages, which stay in their stored form until the match is assessed. */
  history: HistoryWithoutMessages;
  thread: StoredThread;
  settings: HealthSettings;
  /** Member address → user id. */
  userIds: Map<string, string>;
  stored: StoredHealth;
}

/** A row of match_threads: sender addresses and five numbers per message (see the schema). */
export interface StoredThread {
  senders: string[];
  text: string;
}

/** The whole history of a loaded match, with a message object each (tests, single assessments). */
export function matchHistory(match: Pick<MatchForHealth, 'history' | 'thread'>): MatchHistory {
  return { ...match.history, messages: decodeThread(match.thread.senders, match.thread.text) };
}

interface MatchRow extends Record<string, unknown> {
  id: string;
  program_id: string;
  status: string;
  started_ms: number;
  agreed_cadence: number | null;
  senders: string[] | null;
  thread: string | null;
  /** [user id, email, name] of current members. */
  members: [string, string, string][] | null;
  /** [email, answered at (epoch ms), score]. */
  check_ins: [string, number, number][] | null;
  accepted_by: Record<string, string> | string | null;
  health_score: number | null;
  health_status: string | null;
  health_reasons: string[] | null;
  snapshot_current: boolean;
}

interface ProgramForHealth {
  address: string;
  cadenceDays: number;
  endsAt: number | undefined;
  settings: HealthSettings;
}

/** Program settings are shared by many matches: resolved once per program for a whole recompute. */
export type ProgramCache = Map<string, ProgramForHealth>;

// One array parameter rather than thousands of placeholders: planning stays cheap for large batches.
const uuidList = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Health inputs of the given matches, whatever their status. */
export function loadHealthInputs(db: Db | Tx, matchIds: string[], now: Date): Promise<MatchForHealth[]> {
  if (matchIds.length === 0) return Promise.resolve([]);
  return loadMatches(db, { where: sql`m.id = any(${uuidList(matchIds)})` }, now);
}

/** The next page of active matches after `after` in id order (the full recompute's keyset pagination). */
export function loadActivePage(
  db: Db,
  after: string,
  limit: number,
  now: Date,
  programs: ProgramCache,
): Promise<MatchForHealth[]> {
  return loadMatches(
    db,
    { where: sql`m.status = 'active' and m.id > ${after}::uuid`, after, limit },
    now,
    programs,
  );
}

/** Which matches to read: a condition on `m`, or a page of it in id order after `after`. */
interface MatchSelection {
  where: SQL;
  after?: string;
  limit?: number;
}

async function loadMatches(
  db: Db | Tx,
  { where, after, limit }: MatchSelection,
  now: Date,
  programs: ProgramCache = new Map(),
): Promise<MatchForHealth[]> {
  // A page repeats its lower bound on every joined table: PostgreSQL carries equalities across a join but
  // not ranges, so each merge join would otherwise read its table from the first match up to the page, and
  // a full recompute would read match_threads about ten times over.
  const from = (column: SQL) => (after === undefined ? sql`` : sql` and ${column} > ${after}::uuid`);
  // Thread, members and check-ins come from the match's compact row (senders, members and check-ins as JSON
  // arrays: names and addresses are user input, JSON escapes them, and JSON.parse is far cheaper than the
  // driver's parser for text[]).
  const rows = await queryRows<MatchRow>(
    db,
    sql`select m.id, m.program_id, m.status,
          (extract(epoch from coalesce(m.started_at, m.approved_at, m.created_at)) * 1000)::float8 as started_ms,
          m.agreed_cadence_days as agreed_cadence, to_json(t.senders) as senders, t.thread, t.members,
          t.check_ins, a.accepted_by, m.health_score, m.health_status, m.health_reasons,
          coalesce(s.score = m.health_score and s.status = m.health_status and s.reasons = m.health_reasons,
            false) as snapshot_current
        from matches m
        left join match_threads t on t.match_id = m.id${from(sql`t.match_id`)}
        left join agreements a on a.match_id = m.id${from(sql`a.match_id`)}
        left join health_snapshots s on s.match_id = m.id and s.day = ${snapshotDay(now)}::date${from(sql`s.match_id`)}
        where ${where}${limit === undefined ? sql`` : sql` order by m.id limit ${limit}`}`,
  );
  await loadPrograms(db, rows, programs);
  return rows.map((row) => matchForHealth(row, programs.get(row.program_id)!, now.getTime()));
}

async function loadPrograms(db: Db | Tx, rows: MatchRow[], programs: ProgramCache): Promise<void> {
  const missing = [...new Set(rows.map((row) => row.program_id))].filter((id) => !programs.has(id));
  if (missing.length === 0) return;
  const found = await queryRows<{
    id: string;
    address: string;
    cadence_days: number;
    settings: unknown;
    ends_on: string | null;
  }>(
    db,
    sql`select id, address, cadence_days, health_settings as settings, ends_on::text as ends_on
        from programs where id = any(${uuidList(missing)})`,
  );
  for (const row of found) {
    programs.set(row.id, {
      address: row.address,
      cadenceDays: Number(row.cadence_days),
      // A program ends at the end of its last day.
      endsAt: row.ends_on ? Date.parse(`${row.ends_on}T00:00:00Z`) + DAY_MS : undefined,
      settings: resolveHealthSettings(row.settings),
    });
  }
}

function matchForHealth(row: MatchRow, program: ProgramForHealth, now: number): MatchForHealth {
  const userIds = new Map<string, string>();
  const members = (row.members ?? []).map(([userId, email, name]) => {
    const address = email.toLowerCase();
    userIds.set(address, userId);
    return { address, name: name.split(' ')[0] || name };
  });
  const history: HistoryWithoutMessages = {
    cadenceDays: row.agreed_cadence === null ? program.cadenceDays : Number(row.agreed_cadence),
    now,
    startedAt: Number(row.started_ms),
    endsAt: program.endsAt,
    closed: row.status === 'closed',
    members,
    checkIns: (row.check_ins ?? []).map(([email, at, score]) => ({
      from: email.toLowerCase(),
      at: Number(at),
      score: Number(score),
    })),
  };
  if (row.accepted_by !== null) {
    const accepted: Record<string, string> =
      typeof row.accepted_by === 'string' ? JSON.parse(row.accepted_by) : row.accepted_by;
    const pending = [...userIds].filter(([, userId]) => !accepted[userId]).map(([address]) => address);
    history.agreement = { pending };
  }
  return {
    matchId: row.id,
    programId: row.program_id,
    programAddress: program.address,
    status: row.status,
    settings: program.settings,
    userIds,
    history,
    thread: { senders: row.senders ?? [], text: row.thread ?? '' },
    stored: {
      score: row.health_score,
      status: row.health_status,
      reasons: row.health_reasons,
      snapshotCurrent: row.snapshot_current,
    },
  };
}

const COMMA = 44;
const MINUS = 45;
const ZERO = 48;
const FIELDS = 5;

/** Reads match_threads.thread into message objects. */
export function decodeThread(senders: string[], thread: string): HealthMessage[] {
  return messagesFromColumns(decodeThreadColumns(senders, thread, threadColumns()));
}

/**
 * Reads match_threads.thread into `columns` (their earlier content is dropped) by scanning character codes:
 * a full recompute decodes millions of numbers, and splitting the text would allocate a string for each.
 */
export function decodeThreadColumns(
  senders: string[],
  thread: string,
  columns: ThreadColumns,
): ThreadColumns {
  columns.senders = senders;
  // Each message takes at least ten characters (five one-digit numbers and their commas).
  resizeColumns(columns, Math.ceil((thread.length + 1) / 10));
  let count = 0;
  let field = 0;
  let value = 0;
  let sign = 1;
  for (let i = 0; i < thread.length; i++) {
    const code = thread.charCodeAt(i);
    if (code === MINUS) sign = -1;
    else if (code !== COMMA) value = value * 10 + (code - ZERO);
    else {
      storeField(columns, count, field, sign * value);
      value = 0;
      sign = 1;
      if (++field === FIELDS) {
        field = 0;
        count++;
      }
    }
  }
  if (thread.length > 0) {
    storeField(columns, count, field, sign * value);
    if (field === FIELDS - 1) count++;
  }
  columns.length = count;
  return columns;
}

function storeField(columns: ThreadColumns, message: number, field: number, value: number): void {
  if (field === 0) columns.sender[message] = value;
  else if (field === 1) columns.at[message] = value;
  else if (field === 2) columns.newTextChars[message] = value;
  else if (field === 3) columns.questions[message] = value;
  else columns.flags[message] = value;
}
