import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseLease, tryAcquireLease } from './leases';
import { databaseKinds, openTestDatabase, type TestDatabase } from './testing';

describe.each(databaseKinds())('leases on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('gives a free lease to one owner and refuses the others until it expires', async () => {
    const { db } = database;
    expect(await tryAcquireLease(db, 'job', 'one', 60_000)).toBe(true);
    expect(await tryAcquireLease(db, 'job', 'two', 60_000)).toBe(false);
    expect(await tryAcquireLease(db, 'job', 'one', 60_000)).toBe(true);
    expect(await tryAcquireLease(db, 'other-job', 'two', 60_000)).toBe(true);
  });

  it('lets another owner take an expired lease', async () => {
    const { db } = database;
    expect(await tryAcquireLease(db, 'short', 'one', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await tryAcquireLease(db, 'short', 'two', 60_000)).toBe(true);
    expect(await tryAcquireLease(db, 'short', 'one', 60_000)).toBe(false);
  });

  it('is released only by its owner', async () => {
    const { db } = database;
    expect(await tryAcquireLease(db, 'released', 'one', 60_000)).toBe(true);
    await releaseLease(db, 'released', 'two');
    expect(await tryAcquireLease(db, 'released', 'two', 60_000)).toBe(false);
    await releaseLease(db, 'released', 'one');
    expect(await tryAcquireLease(db, 'released', 'two', 60_000)).toBe(true);
  });

  it('hands a contended lease to exactly one of many concurrent callers', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => tryAcquireLease(database.db, 'race', `owner-${i}`, 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
