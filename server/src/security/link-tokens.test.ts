import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginTokens } from '../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../db/testing';
import { consumeLinkToken, hashLinkToken, issueLinkToken, peekLinkToken, purposeTarget } from './link-tokens';

describe.each(databaseKinds())('link tokens on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());
  const now = new Date('2026-03-01T10:00:00Z');

  it('stores only the SHA-256 hash of a 256-bit token', async () => {
    const token = await issueLinkToken(database.db, { purpose: 'exit:m1', email: 'Ana@Example.org', now });
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await database.db.select().from(loginTokens).where(eq(loginTokens.purpose, 'exit:m1'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.codeHash).toBe(hashLinkToken(token));
    expect(rows[0]!.codeHash).not.toContain(token);
    expect(rows[0]!.email).toBe('ana@example.org');
  });

  it('is single-use', async () => {
    const token = await issueLinkToken(database.db, { purpose: 'survey:m2', email: 'a@x.org', now });
    const first = await consumeLinkToken(database.db, token, 'survey', now);
    expect(first && purposeTarget(first.purpose)).toBe('m2');
    expect(await consumeLinkToken(database.db, token, 'survey', now)).toBeUndefined();
  });

  it('expires', async () => {
    const token = await issueLinkToken(database.db, {
      purpose: 'exit:m3',
      email: 'a@x.org',
      now,
      ttlMs: 1000,
    });
    expect(await peekLinkToken(database.db, token, 'exit', now)).toBeDefined();
    expect(
      await consumeLinkToken(database.db, token, 'exit', new Date(now.getTime() + 2000)),
    ).toBeUndefined();
  });

  it('refuses a token used for another purpose, and garbage', async () => {
    const token = await issueLinkToken(database.db, { purpose: 'exit:m4', email: 'a@x.org', now });
    expect(await consumeLinkToken(database.db, token, 'check-in', now)).toBeUndefined();
    expect(await consumeLinkToken(database.db, "x' or 1=1 --", 'exit', now)).toBeUndefined();
    expect(await consumeLinkToken(database.db, token, 'exit', now)).toBeDefined();
  });
});
