import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from './client';
import { organisations, outboxJobs, users } from './schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from './testing';

describe.each(databaseKinds())('database on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('has every domain table after migration', async () => {
    const rows = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const tables = rows.map((row) => row.table_name);
    for (const table of [
      'organisations',
      'users',
      'memberships',
      'programs',
      'participants',
      'matches',
      'match_members',
      'threads',
      'messages',
      'check_ins',
      'prompts_sent',
      'nudges',
      'health_snapshots',
      'outbox_jobs',
      'mailbox_sync',
      'login_tokens',
      'api_tokens',
      'audit_log',
      'quarantine',
      'leases',
    ]) {
      expect(tables).toContain(table);
    }
  });

  it('round-trips rows, defaults and arrays through the same repository code', async () => {
    const [org] = await database.db
      .insert(organisations)
      .values({ name: 'Acme', slug: `acme-${kind}` })
      .returning();
    expect(org!.id).toMatch(/^[0-9a-f-]{36}$/);
    const [user] = await database.db
      .insert(users)
      .values({ email: `ana.${kind}@example.org`, name: 'Ana' })
      .returning();
    expect(user!.timeZone).toBe('UTC');
    expect(user!.quietHoursStart).toBe(21);
    const [job] = await database.db
      .insert(outboxJobs)
      .values({
        idempotencyKey: `k-${kind}`,
        purpose: 'test',
        fromAddress: 'program@example.org',
        toAddresses: ['a@example.org', 'b@example.org'],
        messageId: `<m-${kind}@example.org>`,
        subject: 'Hello',
        textBody: 'Hi',
      })
      .returning();
    const [reread] = await database.db.select().from(outboxJobs).where(eq(outboxJobs.id, job!.id));
    expect(reread!.toAddresses).toEqual(['a@example.org', 'b@example.org']);
    expect(reread!.status).toBe('queued');
  });

  it('enforces unique keys (an idempotency key cannot be queued twice)', async () => {
    const values = {
      idempotencyKey: `dup-${kind}`,
      purpose: 'test',
      fromAddress: 'p@example.org',
      messageId: `<dup-${kind}@example.org>`,
      subject: 's',
      textBody: 't',
    };
    await database.db.insert(outboxJobs).values(values);
    await expect(
      database.db.insert(outboxJobs).values({ ...values, messageId: `<other-${kind}@example.org>` }),
    ).rejects.toThrow();
  });

  it('supports FOR UPDATE SKIP LOCKED, which the workers rely on', async () => {
    const rows = await queryRows(database.db, sql`select id from outbox_jobs for update skip locked`);
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('openDatabase', () => {
  it('reports an unreachable PostgreSQL with a clear error', async () => {
    await expect(openDatabase({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(
      /Cannot connect to PostgreSQL/,
    );
  });
});
