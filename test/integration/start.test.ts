// `peerpost start` as a user runs it: migrates, loads the demo, serves /healthz, stops cleanly on SIGTERM.
// Runs on the embedded database and on a real PostgreSQL through DATABASE_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { runPeerpost, spawnPeerpost } from '../harness/peerpost-process';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-start-'));
  dirs.push(dir);
  return dir;
}

async function freshPostgresUrl(): Promise<string> {
  const base = inject('postgresUrl');
  if (!base) throw new Error('no PostgreSQL in this run');
  const name = `peerpost_start_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

const backends = inject('postgresUrl') ? (['embedded', 'postgres'] as const) : (['embedded'] as const);

describe.each(backends)('peerpost start on the %s database', (backend) => {
  it('serves /healthz and the demo data, then stops on SIGTERM', async () => {
    const cwd = tempDir();
    const port = await freePort();
    const env: Record<string, string> = { PORT: String(port), PEERPOST_DATA_DIR: path.join(cwd, 'data') };
    if (backend === 'postgres') env.DATABASE_URL = await freshPostgresUrl();
    const server = spawnPeerpost(['start'], env, cwd);
    try {
      await server.waitFor(/Peerpost is running on http:\/\/127\.0\.0\.1:\d+/, 90_000);
      expect(server.output()).toContain('Loaded the demo program');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    // The data survived the stop; a second start does not load the demo twice.
    const exported = runPeerpost(['export'], env, cwd);
    expect(exported.status).toBe(0);
    const data = JSON.parse(exported.stdout);
    expect(data.organisations).toHaveLength(1);
    expect(data.organisations[0].participants.length).toBe(40);
    expect(data.organisations[0].messages.length).toBeGreaterThan(50);
    const again = spawnPeerpost(['start'], { ...env, PORT: String(await freePort()) }, cwd);
    try {
      await again.waitFor(/Peerpost is running/, 90_000);
      expect(again.output()).not.toContain('Loaded the demo program');
    } finally {
      await again.stop();
    }
  });
});

describe('bad configuration', () => {
  it.each([
    [{ DATABASE_URL: 'mysql://root:hunter2@db/x' }, /DATABASE_URL/],
    [{ PORT: 'eighty' }, /PORT/],
  ])('exits non-zero with a one-line reason for %o', (env, reason) => {
    const cwd = tempDir();
    const result = runPeerpost(['start'], env, cwd);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(reason);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('says which PostgreSQL it could not reach, without the password', () => {
    const cwd = tempDir();
    const result = runPeerpost(['migrate'], { DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/none' }, cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Cannot connect to PostgreSQL/);
    expect(result.stderr).not.toContain('s3cret');
  });
});
