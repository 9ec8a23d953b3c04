import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, organisations, participants, programs, users } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { parseEnrolmentCsv } from './csv-format';
import { findProgram, importParticipants } from './import-participants';

describe.each(databaseKinds())('importParticipants on %s', (kind) => {
  let database: TestDatabase;
  let programId: string;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const [org] = await database.db.insert(organisations).values({ name: 'Org', slug: 'org' }).returning();
    const [program] = await database.db
      .insert(programs)
      .values({ organisationId: org!.id, name: 'Circle', slug: 'circle', address: 'circle@example.org' })
      .returning();
    programId = program!.id;
  });
  afterAll(() => database.close());

  const csv = (rows: string[]) =>
    parseEnrolmentCsv(['email,name,time zone,career stage,skills offered', ...rows].join('\n')).rows;

  it('creates people, memberships and profiles, and updates them on re-import without duplicates', async () => {
    const first = await importParticipants(
      database.db,
      programId,
      csv(['a@example.org,Ana,UTC,senior,SQL', 'b@example.org,Ben,UTC,senior,Go']),
    );
    expect(first).toEqual({ created: 2, updated: 0 });
    const second = await importParticipants(
      database.db,
      programId,
      csv(['a@example.org,Ana Silva,Europe/Lisbon,senior,SQL;Python', 'c@example.org,Cy,UTC,senior,']),
    );
    expect(second).toEqual({ created: 1, updated: 1 });
    const everyone = await database.db.select().from(users);
    expect(everyone.map((user) => user.email).sort()).toEqual([
      'a@example.org',
      'b@example.org',
      'c@example.org',
    ]);
    expect(everyone.find((user) => user.email === 'a@example.org')).toMatchObject({
      name: 'Ana Silva',
      timeZone: 'Europe/Lisbon',
    });
    const profiles = await database.db
      .select()
      .from(participants)
      .where(eq(participants.programId, programId));
    expect(profiles).toHaveLength(3);
    const ana = profiles.find(
      (profile) => profile.userId === everyone.find((u) => u.email === 'a@example.org')!.id,
    );
    expect(ana!.skillsOffered).toEqual(['SQL', 'Python']);
    expect(await database.db.select().from(memberships)).toHaveLength(3);
  });

  it('finds a program by slug or id and reports an unknown one', async () => {
    expect((await findProgram(database.db, 'circle')).id).toBe(programId);
    expect((await findProgram(database.db, programId)).slug).toBe('circle');
    await expect(findProgram(database.db, 'nope')).rejects.toThrow('No program "nope"');
  });

  it('reports progress and imports 5,000 rows in batches', async () => {
    const rows = csv(
      Array.from({ length: 5000 }, (_, i) => `bulk${i}@example.org,Bulk ${i},UTC,mid-career,SQL`),
    );
    const progress: number[] = [];
    const result = await importParticipants(database.db, programId, rows, (done) => progress.push(done));
    expect(result.created).toBe(5000);
    expect(progress).toEqual([1000, 2000, 3000, 4000, 5000]);
  });
});
