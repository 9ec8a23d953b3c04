import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginTokens } from '../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../db/testing';
import { hashToken, issueLinkToken, redeemLinkToken } from './link-tokens';

describe.each(databaseKinds())('link tokens on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());
  const hour = 3_600_000;

  it('stores only a hash and redeems exactly once', async () => {
    const token = await issueLinkToken(database.db, {
      purpose: 'agreement:m1',
      email: 'Ana@Example.org',
      ttlMs: hour,
    });
    const [row] = await database.db
      .select()
      .from(loginTokens)
      .where(eq(loginTokens.codeHash, hashToken(token)));
    expect(row!.codeHash).not.toContain(token);
    expect(row!.email).toBe('ana@example.org');
    expect(await redeemLinkToken(database.db, token, 'agreement:')).toEqual({
      ok: true,
      email: 'ana@example.org',
      purpose: 'agreement:m1',
    });
    expect(await redeemLinkToken(database.db, token, 'agreement:')).toEqual({ ok: false, reason: 'used' });
  });

  it('refuses expired, unknown and wrong-purpose tokens', async () => {
    const past = new Date(Date.now() - 2 * hour);
    const expired = await issueLinkToken(database.db, {
      purpose: 'exit:m1',
      email: 'b@example.org',
      ttlMs: hour,
      now: past,
    });
    expect(await redeemLinkToken(database.db, expired, 'exit:')).toEqual({ ok: false, reason: 'expired' });
    expect(await redeemLinkToken(database.db, 'not-a-token', 'exit:')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    const other = await issueLinkToken(database.db, {
      purpose: 'check-in:c1',
      email: 'b@example.org',
      ttlMs: hour,
    });
    expect(await redeemLinkToken(database.db, other, 'exit:')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('lets only one of two concurrent clicks win', async () => {
    const token = await issueLinkToken(database.db, {
      purpose: 'exit:m2',
      email: 'c@example.org',
      ttlMs: hour,
    });
    const results = await Promise.all([
      redeemLinkToken(database.db, token, 'exit:'),
      redeemLinkToken(database.db, token, 'exit:'),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });
});
