import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxJobs } from '../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../db/testing';
import { isPeerpostMessageId } from './message-id';
import { enqueueMail } from './outbox';

describe.each(databaseKinds())('enqueueMail on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  const mail = {
    idempotencyKey: 'intro:m1:p1',
    purpose: 'intro',
    from: 'mentoring@example.org',
    to: ['ana@example.org'],
    subject: 'Meet your peer',
    text: 'Hello',
  };

  it('queues once per idempotency key, inside a transaction', async () => {
    const first = await database.db.transaction((tx) => enqueueMail(tx, mail));
    const second = await enqueueMail(database.db, { ...mail, subject: 'changed' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, messageId: first.messageId, created: false });
    expect(isPeerpostMessageId(first.messageId)).toBe(true);
    const rows = await database.db
      .select()
      .from(outboxJobs)
      .where(eq(outboxJobs.idempotencyKey, mail.idempotencyKey));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject).toBe('Meet your peer');
    expect(rows[0]!.headers['Auto-Submitted']).toBe('auto-generated');
  });

  it('writes nothing when the causing transaction rolls back', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueMail(tx, { ...mail, idempotencyKey: 'rolled-back' });
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    const rows = await database.db
      .select()
      .from(outboxJobs)
      .where(eq(outboxJobs.idempotencyKey, 'rolled-back'));
    expect(rows).toHaveLength(0);
  });
});
