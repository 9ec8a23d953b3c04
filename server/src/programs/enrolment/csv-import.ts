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

async function writeProfiles(
  db: Db,
  programId: string,
  profiles: ParticipantProfile[],
  options: ImportOptions,
) {
  const batchSize = options.batchSize ?? 1000;
  // One transaction: a failure half-way leaves the program as it was.
  await db.transaction(async (tx) => {
    for (let start = 0; start < profiles.length; start += batchSize) {
      const batch = profiles.slice(start, start + batchSize);
      const userRows = await tx
        .insert(users)
        .values(batch.map((p) => ({ email: p.email, name: p.name, timeZone: p.timeZone })))
        .onConflictDoUpdate({
          target: users.email,
          set: { name: sql`excluded.name`, timeZone: sql`excluded.time_zone` },
        })
        .returning({ id: users.id, email: users.email });
      const userIds = new Map(userRows.map((row) => [row.email, row.id]));
      await tx
        .insert(participants)
        .values(
          batch.map((p) => ({
            programId,
            userId: userIds.get(p.email)!,
            status: 'active' as const,
            careerStage: p.careerStage,
            skillsOffered: p.skillsOffered,
            skillsSought: p.skillsSought,
            goals: p.goals,
            team: p.team,
            languages: p.languages,
            exclusions: p.exclusions,
            confirmedAt: new Date(),
          })),
        )
        .onConflictDoUpdate({
          target: [participants.programId, participants.userId],
          set: {
            careerStage: sql`excluded.career_stage`,
            skillsOffered: sql`excluded.skills_offered`,
            skillsSought: sql`excluded.skills_sought`,
            goals: sql`excluded.goals`,
            team: sql`excluded.team`,
            languages: sql`excluded.languages`,
            exclusions: sql`excluded.exclusions`,
            updatedAt: sql`now()`,
          },
        });
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
