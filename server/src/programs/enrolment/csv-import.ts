// Imports participants from a CSV into a program. Nothing is written while any row is bad, unless the
// caller asks to skip bad rows; a dry run writes nothing at all. Re-importing updates people by email
// (users are unique by email, participants by program and user), so it never duplicates anyone.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { participants, programs, users } from '../../db/schema';
import { PeerpostError } from '../../errors';
import type { ParticipantProfile } from './csv-columns';
import { type ParsedCsv, parseParticipantsCsv, type RowProblem } from './csv-parse';

export interface ImportOptions {
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** Rows per insert statement. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  dryRun: boolean;
  /** False when bad rows stopped the import (nothing was written). */
  imported: boolean;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  problems: RowProblem[];
  unknownColumns: string[];
  fatal?: string;
}

export async function importParticipants(
  db: Db,
  programId: string,
  csv: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) throw new PeerpostError('ENOTFOUND', 'No such program');
  if (program.status === 'closing' || program.status === 'closed') {
    throw new PeerpostError('ECONFLICT', `Cannot import into a ${program.status} program`);
  }
  const parsed = parseParticipantsCsv(csv);
  const existing = await existingEmails(db, programId);
  const report = summarise(parsed, existing, options);
  const blocked = Boolean(parsed.fatal) || (parsed.problems.length > 0 && !options.skipInvalid);
  if (options.dryRun || blocked) return report;
  await writeProfiles(
    db,
    programId,
    parsed.rows.map((row) => row.profile),
    options,
  );
  return { ...report, imported: true };
}

function summarise(parsed: ParsedCsv, existing: Set<string>, options: ImportOptions): ImportReport {
  const updated = parsed.rows.filter((row) => existing.has(row.profile.email)).length;
  return {
    dryRun: Boolean(options.dryRun),
    imported: false,
    rows: parsed.rows.length + parsed.problems.length,
    created: parsed.rows.length - updated,
    updated,
    skipped: parsed.problems.length,
    problems: parsed.problems,
    unknownColumns: parsed.unknownColumns,
    fatal: parsed.fatal,
  };
}

async function existingEmails(db: Db, programId: string): Promise<Set<string>> {
  const rows = await db
    .select({ email: users.email })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(eq(participants.programId, programId));
  return new Set(rows.map((row) => row.email));
}

// Each batch travels as one JSON parameter unpacked by jsonb_to_recordset: far faster than thousands of
// bound parameters per statement, on PGlite and PostgreSQL alike.
async function writeProfiles(
  db: Db,
  programId: string,
  profiles: ParticipantProfile[],
  options: ImportOptions,
) {
  const batchSize = options.batchSize ?? 5000;
  // One transaction: a failure half-way leaves the program as it was.
  await db.transaction(async (tx) => {
    for (let start = 0; start < profiles.length; start += batchSize) {
      const batch = JSON.stringify(profiles.slice(start, start + batchSize));
      const rows = sql`jsonb_to_recordset(${batch}::jsonb) as x("email" text, "name" text, "timeZone" text,
        "careerStage" text, "skillsOffered" text[], "skillsSought" text[], "goals" text[], "team" text,
        "languages" text[], "exclusions" text[])`;
      await tx.execute(sql`insert into users (email, name, time_zone)
        select x."email", x."name", x."timeZone" from ${rows}
        on conflict (email) do update set name = excluded.name, time_zone = excluded.time_zone`);
      await tx.execute(sql`insert into participants (program_id, user_id, status, career_stage, skills_offered,
          skills_sought, goals, team, languages, exclusions, confirmed_at)
        select ${programId}::uuid, u.id, 'active', x."careerStage", x."skillsOffered", x."skillsSought", x."goals",
          x."team", x."languages", x."exclusions", now()
        from ${rows} join users u on u.email = x."email"
        on conflict (program_id, user_id) do update set career_stage = excluded.career_stage,
          skills_offered = excluded.skills_offered, skills_sought = excluded.skills_sought, goals = excluded.goals,
          team = excluded.team, languages = excluded.languages, exclusions = excluded.exclusions, updated_at = now()`);
      options.onProgress?.(Math.min(start + batchSize, profiles.length), profiles.length);
    }
  });
}

/** Participants of a program by email (used by tests and the sign-up flow). */
export function participantsByEmail(db: Db, programId: string, emails: string[]) {
  return db
    .select({ participant: participants, user: users })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(and(eq(participants.programId, programId), inArray(users.email, emails)));
}
