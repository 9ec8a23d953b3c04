import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyOf } from './any-of';
import { organisations } from './schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from './testing';

describe.each(databaseKinds())('anyOf on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await database.db.insert(organisations).values([
      { name: 'A', slug: 'any-a' },
      { name: 'B', slug: 'any-b' },
      { name: 'Quote', slug: 'any-"q",{x}' },
    ]);
  });
  afterAll(() => database?.close());

  it('matches exactly the listed values, whatever characters they hold', async () => {
    const rows = await database.db
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(anyOf(organisations.slug, ['any-a', 'any-"q",{x}', 'missing']));
    expect(rows.map((r) => r.slug).sort()).toEqual(['any-"q",{x}', 'any-a']);
  });

  it('matches nothing for an empty list', async () => {
    const rows = await database.db.select().from(organisations).where(anyOf(organisations.slug, []));
    expect(rows).toEqual([]);
    const [b] = await database.db.select().from(organisations).where(eq(organisations.slug, 'any-b'));
    expect(b?.name).toBe('B');
  });
});
