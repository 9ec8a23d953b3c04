import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxSync } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { mailboxLag } from './lag';

describe.each(databaseKinds())('mailboxLag on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('reports seconds since the last sync and messages not yet ingested, per mailbox', async () => {
    const now = new Date('2026-03-03T10:00:00Z');
    await database.db.insert(mailboxSync).values([
      {
        mailboxKey: 'b',
        uidValidity: 7,
        lastUid: 40,
        lastSyncAt: new Date('2026-03-03T09:59:30Z'),
        pendingMessages: 12,
      },
      { mailboxKey: 'a', lastUid: 0 },
    ]);
    expect(await mailboxLag(database.db, now)).toMatchObject([
      { mailboxKey: 'a', lagSeconds: null, pendingMessages: null },
      { mailboxKey: 'b', lastUid: 40, lagSeconds: 30, pendingMessages: 12 },
    ]);
  });
});
