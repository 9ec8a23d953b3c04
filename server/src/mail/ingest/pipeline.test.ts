// A sync prepares batch i+1 before batch i is written: what batch i+1 learns from the database must be
// completed by what batch i carries over, or a pipelined sync would count, answer or attribute differently.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { AttributionCache } from './attribute';
import { prepareBatch, programsOfMailbox, type RawMessage, writeBatch } from './ingest-message';
import { seedProgram } from './testing';

function mail(id: string, from: string, to: string, body: string, extra: string[] = []): RawMessage {
  const raw = Buffer.from(
    [
      `Message-ID: <${id}@mail.example>`,
      `From: ${from}`,
      `To: ${to}`,
      'Subject: Our next step',
      'Date: Tue, 03 Mar 2026 10:00:00 +0000',
      ...extra,
      '',
      body,
      '',
    ].join('\r\n'),
  );
  return { raw, mailboxKey: 'pipeline' };
}

describe.each(databaseKinds())('pipelined batches on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('sees the previous batch before it is written: duplicates, answered questions, References', async () => {
    const { db } = database;
    const [ana, ben] = ['ana.pipe@example.org', 'ben.pipe@example.org'];
    const fixture = await seedProgram(db, {
      address: 'pipe@example.org',
      pairs: [[ana, ben]],
      mailboxKey: 'pipeline',
    });
    const pair = fixture.pairs[0]!;
    const programs = await programsOfMailbox(db, 'pipeline');
    const cache = new AttributionCache();

    const first = await prepareBatch(
      db,
      programs,
      [mail('q1', ana, `pipe+p-${pair.token}@example.org`, 'Could we meet on Thursday?')],
      cache,
    );
    // Prepared while the first batch is not written yet.
    const second = await prepareBatch(
      db,
      programs,
      [
        // No pair token and a stranger in copy: only References can attribute it.
        mail(
          'a1',
          ben,
          'stranger.pipe@example.net, pipe@example.org',
          'Thursday works well for me, see you.',
          ['In-Reply-To: <q1@mail.example>', 'References: <q1@mail.example>'],
        ),
        mail('q1', ana, `pipe+p-${pair.token}@example.org`, 'Could we meet on Thursday?'),
      ],
      cache,
    );
    expect(await db.select().from(messages).where(eq(messages.programId, fixture.programId))).toHaveLength(0);
    // Known as a duplicate before anything is written, so it is never taken twice.
    expect(second.outcomes[1]).toEqual({ kind: 'duplicate', messageId: '<q1@mail.example>' });

    const written = [await writeBatch(db, first), await writeBatch(db, second)];
    expect(written[0]!.outcomes).toEqual([
      { kind: 'stored', matchId: pair.matchId, messageId: '<q1@mail.example>' },
    ]);
    expect(written[1]!.outcomes).toEqual([
      { kind: 'stored', matchId: pair.matchId, messageId: '<a1@mail.example>' },
      { kind: 'duplicate', messageId: '<q1@mail.example>' },
    ]);
    const rows = await db.select().from(messages).where(eq(messages.programId, fixture.programId));
    expect(rows).toHaveLength(2);
    const answer = rows.find((row) => row.messageId === '<a1@mail.example>')!;
    expect(answer).toMatchObject({ attribution: 'references', answersQuestion: true, matchId: pair.matchId });
    expect(written[1]!.engaged.get(pair.matchId)).toEqual(new Date('2026-03-03T10:00:00Z'));
  });

  it('stores the rest of a batch when another writer stored one of its messages meanwhile', async () => {
    const { db } = database;
    const [ana, ben] = ['ana.race@example.org', 'ben.race@example.org'];
    const fixture = await seedProgram(db, {
      address: 'race@example.org',
      pairs: [[ana, ben]],
      mailboxKey: 'race',
    });
    const pair = fixture.pairs[0]!;
    const programs = await programsOfMailbox(db, 'race');
    const batch = ['r1', 'r2', 'r3'].map((id) => ({
      ...mail(id, ana, `race+p-${pair.token}@example.org`, 'Shall we talk on Friday?'),
      mailboxKey: 'race',
    }));
    const prepared = await prepareBatch(db, programs, batch, new AttributionCache());
    // Another process stores r2 between this batch's dedupe and its insert.
    const other = await prepareBatch(db, programs, [batch[1]!], new AttributionCache());
    await writeBatch(db, other);

    const written = await writeBatch(db, prepared);
    expect(written.outcomes.map((outcome) => outcome.kind)).toEqual(['stored', 'duplicate', 'stored']);
    const rows = await db.select().from(messages).where(eq(messages.programId, fixture.programId));
    expect(rows.map((row) => row.messageId).sort()).toEqual([
      '<r1@mail.example>',
      '<r2@mail.example>',
      '<r3@mail.example>',
    ]);
  });
});
