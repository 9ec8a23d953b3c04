// Writes validated enrolment rows: users by email, a participant membership in the program's organisation,
// and the program profile. Re-importing updates people in place; it never creates duplicates.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { memberships, participants, programs, users } from '../../db/schema';
import { PeerpostError } from '../../errors';
import type { EnrolmentRow } from './csv-format';

export interface ImportResult {
  created: number;
  updated: number;
}

const BATCH = 1000;

export async function importParticipants(
  db: Db,
  programId: string,
  rows: EnrolmentRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) throw new PeerpostError('ENOTFOUND', `No program ${programId}`);
  let created = 0;
  let updated = 0;
  // One transaction: a failure half-way leaves the program as it was.
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      const people = await tx
        .insert(users)
        .values(batch.map((row) => ({ email: row.email, name: row.name, timeZone: row.timeZone })))
        .onConflictDoUpdate({
          target: users.email,
          set: { name: sql`excluded.name`, timeZone: sql`excluded.time_zone` },
        })
        .returning({ id: users.id, email: users.email });
      const idByEmail = new Map(people.map((person) => [person.email, person.id]));
      await tx
        .insert(memberships)
        .values(
          people.map((person) => ({
            organisationId: program.organisationId,
            userId: person.id,
            role: 'participant' as const,
          })),
        )
        .onConflictDoNothing();
      const userIds = people.map((person) => person.id);
      const existing = await tx
        .select({ userId: participants.userId })
        .from(participants)
        .where(and(eq(participants.programId, programId), inArray(participants.userId, userIds)));
      updated += existing.length;
      created += batch.length - existing.length;
      await tx
        .insert(participants)
        .values(
          batch.map((row) => ({
            programId,
            userId: idByEmail.get(row.email)!,
            careerStage: row.careerStage,
            skillsOffered: row.skillsOffered,
            skillsSought: row.skillsSought,
            goals: row.goals,
            team: row.team,
            languages: row.languages,
            exclusions: row.exclusions,
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
      onProgress?.(Math.min(start + BATCH, rows.length), rows.length);
    }
  });
  return { created, updated };
}

/** Finds a program by id or by slug; a slug used by several organisations must be given as an id. */
export async function findProgram(db: Db, idOrSlug: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const found = await db
    .select()
    .from(programs)
    .where(isUuid ? eq(programs.id, idOrSlug) : eq(programs.slug, idOrSlug));
  if (found.length === 0) throw new PeerpostError('ENOTFOUND', `No program "${idOrSlug}"`);
  if (found.length > 1) {
    throw new PeerpostError(
      'ECONFLICT',
      `Several programs are called "${idOrSlug}"; use one of the ids: ${found.map((p) => p.id).join(', ')}`,
    );
  }
  return found[0]!;
}
