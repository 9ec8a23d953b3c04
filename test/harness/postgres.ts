// A throwaway PostgreSQL cluster in a temp dir on a free loopback port, removed when stopped.
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { isRoot, postgresBinDir, runAs } from './system';

export interface ThrowawayPostgres {
  /** Connection string of the `postgres` database, for creating test databases. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error('PostgreSQL is not installed (apt-get install postgresql); `npm test` installs it');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-pg-'));
  const user = isRoot ? 'postgres' : undefined;
  if (isRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const data = path.join(dir, 'data');
  runAs(user, `${bin}/initdb`, [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const port = await freePort();
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  runAs(user, `${bin}/pg_ctl`, [
    '-w',
    '-D',
    data,
    '-l',
    path.join(dir, 'server.log'),
    '-o',
    serverOptions,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      try {
        runAs(user, `${bin}/pg_ctl`, ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function uidOf(name: string): number {
  return Number(runAs(undefined, 'id', ['-u', name]).trim());
}
function gidOf(name: string): number {
  return Number(runAs(undefined, 'id', ['-g', name]).trim());
}
