import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from './client';
import { createPgliteDir } from './create-pglite-dir';

describe('creating the embedded database', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'peerpost-pglite-dir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates it in a child process, then leaves it alone and keeps what was written', async () => {
    // openDatabase keeps the embedded database in <dataDir>/pglite.
    const dir = path.join(root, 'pglite');
    await createPgliteDir(dir);
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);

    const first = await openDatabase({ dataDir: root });
    await first.migrate();
    await first.db.execute(sql`insert into organisations (name, slug) values ('Kept', 'kept')`);
    await first.close();
    // An existing database is left alone: what was written is still there after another call and open.
    await createPgliteDir(dir);
    const again = await openDatabase({ dataDir: root });
    const rows = await queryRows<{ name: string }>(again.db, sql`select name from organisations`);
    expect(rows.map((row) => row.name)).toContain('Kept');
    await again.close();
  });

  it("rejects with the child's reason when the directory cannot be used", async () => {
    const file = path.join(root, 'not-a-directory');
    writeFileSync(file, 'x');
    await expect(createPgliteDir(path.join(file, 'db'))).rejects.toThrow(/creating the database exited/);
  });
});
