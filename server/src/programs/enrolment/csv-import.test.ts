import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participants, users } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { transitionProgram } from '../lifecycle/program-service';
import { createTestProgram, csvOf, peopleCsvHeader, peopleRows } from '../testing';
import { importParticipants, participantsByEmail } from './csv-import';

describe.each(databaseKinds())('importParticipants on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  const countIn = async (programId: string) =>
    (
      await database.db.select({ n: count() }).from(participants).where(eq(participants.programId, programId))
    )[0]!.n;

  it('a dry run reports and writes nothing', async () => {
    const program = await createTestProgram(database.db);
    const report = await importParticipants(database.db, program.id, csvOf(peopleCsvHeader, peopleRows(3)), {
      dryRun: true,
    });
    expect(report).toMatchObject({ dryRun: true, imported: false, created: 3, updated: 0, skipped: 0 });
    expect(await countIn(program.id)).toBe(0);
  });

  it('imports nothing while a row is bad, or only the good rows with skipInvalid', async () => {
    const program = await createTestProgram(database.db);
    const rows = [...peopleRows(2, 'skip.org'), ['broken', 'No Mail', 'UTC', 'mid', '', '']];
    const blocked = await importParticipants(database.db, program.id, csvOf(peopleCsvHeader, rows));
    expect(blocked.imported).toBe(false);
    expect(blocked.problems).toEqual([
      { line: 4, email: 'broken', reasons: ['email "broken" is not an email address'] },
    ]);
    expect(await countIn(program.id)).toBe(0);
    const skipped = await importParticipants(database.db, program.id, csvOf(peopleCsvHeader, rows), {
      skipInvalid: true,
    });
    expect(skipped).toMatchObject({ imported: true, created: 2, skipped: 1 });
    expect(await countIn(program.id)).toBe(2);
  });

  it('re-import updates people by email and never duplicates them', async () => {
    const program = await createTestProgram(database.db);
    await importParticipants(database.db, program.id, csvOf(peopleCsvHeader, peopleRows(2, 're.org')));
    const changed = peopleRows(3, 're.org');
    changed[0]![1] = 'Renamed Person';
    changed[0]![3] = 'senior';
    const again = await importParticipants(database.db, program.id, csvOf(peopleCsvHeader, changed));
    expect(again).toMatchObject({ imported: true, created: 1, updated: 2 });
    expect(await countIn(program.id)).toBe(3);
    const [first] = await participantsByEmail(database.db, program.id, ['person0@re.org']);
    expect(first!.user.name).toBe('Renamed Person');
    expect(first!.participant.careerStage).toBe('senior');
    const sameUser = await database.db.select().from(users).where(eq(users.email, 'person0@re.org'));
    expect(sameUser).toHaveLength(1);
  });

  it('refuses imports into a closing program', async () => {
    const program = await createTestProgram(database.db);
    for (const to of ['enrolling', 'matching', 'running', 'closing'] as const) {
      await transitionProgram(database.db, program.id, to);
    }
    await expect(
      importParticipants(database.db, program.id, csvOf(peopleCsvHeader, peopleRows(1))),
    ).rejects.toThrow(/closing program/);
  });

  it('imports 50,000 rows in batches with progress', async () => {
    const program = await createTestProgram(database.db);
    const progress: number[] = [];
    const report = await importParticipants(
      database.db,
      program.id,
      csvOf(peopleCsvHeader, peopleRows(50_000, 'big.org')),
      { batchSize: 5000, onProgress: (done) => progress.push(done) },
    );
    expect(report).toMatchObject({ imported: true, created: 50_000, skipped: 0 });
    expect(progress).toHaveLength(10);
    expect(progress.at(-1)).toBe(50_000);
    expect(await countIn(program.id)).toBe(50_000);
  }, 120_000);
});
