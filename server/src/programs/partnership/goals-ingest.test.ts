// Goals and "keep going" through the real ingest path: a quoted-printable reply with Spanish goal lines
// and quoted history is parsed by the hooks after attribution; an auto-reply changes nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goals, matches } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { onMessageIngested } from '../../mail/ingest/hooks';
import { ingestBatch, programsOfMailbox } from '../../mail/ingest/ingest-message';
import { seedProgram } from '../../mail/ingest/testing';

function reply(id: string, from: string, to: string, body: string, extra: string[] = []) {
  return Buffer.from(
    [
      `Message-ID: <${id}@mail.example>`,
      `From: ${from}`,
      `To: ${to}`,
      'Subject: Re: Setting goals together',
      'Date: Tue, 03 Mar 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      ...extra,
      '',
      body,
      '',
    ].join('\r\n'),
  );
}

describe.each(databaseKinds())('goals from ingested replies on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('records the goals of a real reply and keeps a pair with a pending notice open', async () => {
    const db = database.db;
    const ana = `ana.${kind}@example.org`;
    const fixture = await seedProgram(db, { pairs: [[ana, `ben.${kind}@example.org`]] });
    const [pair] = fixture.pairs;
    await db
      .update(matches)
      .set({ conclusionNoticeAt: new Date('2026-03-01T00:00:00Z') })
      .where(eq(matches.id, pair!.matchId));
    const to = `program+p-${pair!.token}@example.org`;
    const mailbox = await programsOfMailbox(db, 'default');
    const ingest = async (raw: Buffer) => {
      const batch = await ingestBatch(
        db,
        mailbox.filter((p) => p.id === fixture.programId),
        [{ raw, mailboxKey: 'default' }],
      );
      for (const hook of onMessageIngested) await hook(db, batch);
      return batch.outcomes[0];
    };

    await ingest(reply('ooo', ana, to, 'Objetivo: vacaciones', ['Auto-Submitted: auto-replied']));
    expect(await db.select().from(goals).where(eq(goals.matchId, pair!.matchId))).toHaveLength(0);

    const body = [
      'Hola Ben,',
      'Objetivo: hablar en p=C3=BAblico',
      'Ofrecer: dise=C3=B1o de APIs',
      '',
      'El lun, 2 mar 2026, Ben <ben@example.org> escribi=C3=B3:',
      '> Objetivo: citado',
    ].join('\r\n');
    const outcome = await ingest(reply('goals', ana, to, body));
    expect(outcome).toMatchObject({ kind: 'stored', matchId: pair!.matchId });
    const stored = await db.select().from(goals).where(eq(goals.matchId, pair!.matchId));
    expect(stored.map((g) => `${g.kind}:${g.text}`).sort()).toEqual([
      'learn:hablar en público',
      'offer:diseño de APIs',
    ]);
    const [match] = await db.select().from(matches).where(eq(matches.id, pair!.matchId));
    expect(match!.conclusionNoticeAt).toBeNull();
  });
});
