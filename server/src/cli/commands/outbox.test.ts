import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/client';
import { enqueueMail } from '../../mail/outbox';
import { main } from '../main';

describe('peerpost outbox', () => {
  let dataDir: string;
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['outbox', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-cli-outbox-'));
    const database = await openDatabase({ dataDir });
    await database.migrate();
    await enqueueMail(database.db, {
      idempotencyKey: 'notice:1',
      purpose: 'notice',
      from: 'program@example.org',
      to: ['ana@example.org'],
      subject: 'Program update',
      text: 'Hello',
    });
    await database.close();
    vi.stubEnv('PEERPOST_DATA_DIR', dataDir);
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('SMTP_HOST', '');
    vi.stubEnv('LOG_LEVEL', 'silent');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('rejects an unknown status with the allowed ones', async () => {
    const result = await run('--status', 'lost');
    expect(result.code).toBe(2);
    expect(result.err).toContain('--status must be one of queued, sending, sent, dead');
  });

  it('lists by status from the database, naming the file outbox', async () => {
    const result = await run('--status', 'dead');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`File outbox: ${path.join(dataDir, 'outbox')}`);
    expect(result.out).toContain('No dead mail.');
    const queued = await run('--status', 'queued');
    expect(queued.out).toContain('#1  queued   0×  notice  ana@example.org  "Program update"');
  });
});
