// `peerpost sync --once` against a real Dovecot: prints progress per mailbox and the lag afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../server/src/cli/main';
import { openDatabase } from '../../server/src/db/client';
import { seedProgram } from '../../server/src/mail/ingest/testing';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { harnessMailEnv } from '../harness/outbox';
import { rawMail } from './ingest-helpers';

describe('peerpost sync --once', () => {
  let dovecot: Dovecot;
  let dataDir: string;

  beforeAll(async () => {
    dovecot = await startDovecot(['program@example.org']);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-cli-sync-'));
    const database = await openDatabase({ dataDir });
    await database.migrate();
    await seedProgram(database.db, { pairs: [['ana@example.org', 'ben@example.org']] });
    await database.close();
    for (const i of [1, 2, 3]) {
      await dovecot.deliver(
        rawMail({
          id: `cli-${i}`,
          from: 'ana@example.org',
          to: 'ben@example.org',
          subject: `Week ${i}`,
          text: 'How did the talk go?',
          headers: 'Cc: program@example.org',
        }),
        ['program@example.org'],
      );
    }
    for (const [name, value] of Object.entries({
      ...harnessMailEnv(dovecot, 'program@example.org'),
      PEERPOST_DATA_DIR: dataDir,
      DATABASE_URL: '',
      SMTP_HOST: '',
      LOG_LEVEL: 'silent',
    }))
      vi.stubEnv(name, value);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await dovecot?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const sync = async () => {
    const out: string[] = [];
    const code = await main(['sync', '--once'], { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, out: out.join('\n') };
  };

  it('prints what it fetched and ingested, then the lag of each mailbox', async () => {
    const first = await sync();
    expect(first.code).toBe(0);
    expect(first.out).toContain('[default] 3 of 3 fetched, 3 ingested: 3 stored (0 unmatched)');
    expect(first.out).toMatch(/Mailbox default: last sync \S+, lag [\d.]+ s, 0 not yet ingested/);
    const again = await sync();
    expect(again.out).toContain('Done: [default] 0 of 0 fetched, 0 ingested');
  });
});
