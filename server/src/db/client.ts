// Opens the database: embedded PGlite (file-backed) by default, PostgreSQL through node-postgres when
// DATABASE_URL is set. Both expose the same Drizzle API, so repository code never checks which one it has.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { PeerpostError } from '../errors';
import { createPgliteDir } from './create-pglite-dir';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies pending migrations; safe when several processes start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

// Any fixed number will do: it only has to be the same in every Peerpost process.
const MIGRATION_LOCK = 727_001;

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server. */
  databaseUrl?: string;
  /** Directory for the embedded database; omitted means in-memory. */
  dataDir?: string;
  /** Size of the node-postgres pool. */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize)
    : openPglite(options.dataDir);
}

async function openPglite(dataDir?: string): Promise<Database> {
  // Loaded only when used: PGlite costs about 30 MB of memory a PostgreSQL deployment does not need.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  let dir: string | undefined;
  if (dataDir) {
    dir = path.join(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  let client: PGlite;
  try {
    if (dir) await createPgliteDir(dir);
    client = dir ? new PGlite(dir) : new PGlite();
    await client.waitReady;
  } catch (error) {
    throw new PeerpostError('EDATABASE', `Cannot open the embedded database in ${dir ?? 'memory'}`, {
      cause: String(error),
    });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    // PGlite is single-connection and in-process, so no lock is needed.
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
  };
}

/** Stops a LISTEN subscription. */
export type Unlisten = () => Promise<void>;
type ListenFn = (
  channel: string,
  onPayload: (payload: string) => void,
  onLost: () => void,
) => Promise<Unlisten>;
const postgresListeners = new WeakMap<Db, ListenFn>();

/**
 * Subscribes to NOTIFY on `channel` (notices arrive after the sending transaction commits); `onLost` runs
 * when a PostgreSQL subscription's connection drops. Undefined when this handle cannot listen.
 * PGlite delivers a notice before the promise of the committing statement resolves.
 */
/** Whether a Drizzle handle's client is PGlite, by shape: the class itself is loaded only when used. */
export function isPgliteClient(client: unknown): client is PGlite {
  const candidate = client as Partial<PGlite> | undefined;
  return typeof candidate?.listen === 'function' && typeof candidate.dumpDataDir === 'function';
}

export function listen(
  db: Db,
  channel: string,
  onPayload: (payload: string) => void,
  onLost: () => void,
): Promise<Unlisten> | undefined {
  const client = (db as { $client?: unknown }).$client;
  if (isPgliteClient(client)) return client.listen(channel, onPayload);
  return postgresListeners.get(db)?.(channel, onPayload, onLost);
}

async function openPostgres(databaseUrl: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new PeerpostError('EDATABASE', `Cannot connect to PostgreSQL: ${reason}`);
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  // LISTEN needs a connection of its own for as long as the subscription lasts.
  const subscriptions = new Set<Unlisten>();
  let closed = false;
  postgresListeners.set(db, async (channel, onPayload, onLost) => {
    if (closed) throw new PeerpostError('EDATABASE', 'The database is closed');
    const client = new pg.Client({ connectionString: databaseUrl });
    let stopping = false;
    const stop: Unlisten = async () => {
      stopping = true;
      subscriptions.delete(stop);
      await client.end().catch(() => {});
    };
    // Known to close() before connecting: a close while this connects must still end it, or the open
    // connection keeps the process alive after shutdown.
    subscriptions.add(stop);
    client.on('error', () => {});
    client.on('notification', (notice) => {
      if (notice.channel === channel) onPayload(notice.payload ?? '');
    });
    try {
      await client.connect();
      if (closed) throw new PeerpostError('EDATABASE', 'The database is closed');
      client.on('end', () => {
        subscriptions.delete(stop);
        if (!stopping) onLost();
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await stop();
      throw error;
    }
    return stop;
  });
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
        client.release();
      }
    },
    async close() {
      closed = true;
      await Promise.all([...subscriptions].map((stop) => stop()));
      await pool.end();
    },
  };
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. */
export async function queryRows<T extends Record<string, unknown>>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Cheap liveness probe for /readyz. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
