// Test databases: a fresh migrated PGlite in memory, or a fresh database on the test run's PostgreSQL
// (cloned from a migrated template). Only imported by tests.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type Db, migrationsFolder, openDatabase } from './client';
import * as schema from './schema';

export type DatabaseKind = Database['kind'];

/** PGlite always; PostgreSQL too when the run has one (always under `npm test`). */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

let pgliteTemplate: Promise<Blob> | undefined;

/** A migrated PGlite data dir as a tarball; the run's global setup writes it once for every test file. */
export async function buildMigratedPgliteImage(): Promise<Blob> {
  const client = new PGlite();
  await migrate(drizzle(client, { schema }), { migrationsFolder });
  const image = await client.dumpDataDir('none');
  await client.close();
  return image;
}

// Migrating a new PGlite takes seconds (far more on a busy machine); loading a migrated image is quick.
function migratedPgliteImage(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const file = inject('pgliteImage');
    return file ? new Blob([await readFile(file)]) : buildMigratedPgliteImage();
  })();
  return pgliteTemplate;
}

export interface TestDatabase extends Database {
  /** Connection string, for PostgreSQL test databases (e.g. to start a second process on it). */
  url?: string;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const client = new PGlite({ loadDataDir: await migratedPgliteImage() });
    await client.waitReady;
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      kind,
      migrate: async () => {},
      close: () => client.close(),
    };
  }
  const baseUrl = inject('postgresUrl');
  if (!baseUrl) throw new Error('This run has no PostgreSQL');
  const name = `peerpost_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
