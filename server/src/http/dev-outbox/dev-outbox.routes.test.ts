import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { loadConfig } from '../../config';
import type { AppContext } from '../../context';
import { openTestDatabase, type TestDatabase } from '../../db/testing';
import { enqueueMail } from '../../mail/outbox';
import { createOutboxWorker } from '../../mail/send/start-outbox-worker';

const fromAddress = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('GET /dev/outbox', () => {
  let database: TestDatabase;
  let dataDir: string;
  let ctx: AppContext;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-dev-outbox-'));
    ctx = {
      config: loadConfig({ PEERPOST_DATA_DIR: dataDir }),
      database,
      logger: pino({ level: 'silent' }),
      instanceId: 'test',
    };
    await enqueueMail(database.db, {
      idempotencyKey: 'sign-in:1',
      purpose: 'sign-in',
      from: 'program@example.org',
      to: ['ana@example.org'],
      subject: 'Your code',
      text: 'Code <123456>',
    });
    const worker = createOutboxWorker(ctx);
    await worker.runOnce();
    await worker.stop();
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the .eml files with their jobs, and shows one as text', async () => {
    const app = createApp(ctx);
    const response = await app.request('/dev/outbox', {}, fromAddress('127.0.0.1'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { files: { file: string; subject: string; to: string[] }[] };
    expect(body.files).toEqual([
      expect.objectContaining({ file: '00000001.eml', subject: 'Your code', to: ['ana@example.org'] }),
    ]);
    const file = await app.request('/dev/outbox/00000001.eml', {}, fromAddress('::1'));
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await file.text()).toContain('Code <123456>');
  });

  it('answers 404 to other hosts, to bad names and when SMTP is configured', async () => {
    const app = createApp(ctx);
    expect((await app.request('/dev/outbox', {}, fromAddress('192.0.2.7'))).status).toBe(404);
    expect((await app.request('/dev/outbox', {})).status).toBe(404);
    expect((await app.request('/dev/outbox/..%2Fpglite', {}, fromAddress('127.0.0.1'))).status).toBe(404);
    expect((await app.request('/dev/outbox/99999999.eml', {}, fromAddress('127.0.0.1'))).status).toBe(404);
    const withSmtp = createApp({
      ...ctx,
      config: loadConfig({ PEERPOST_DATA_DIR: dataDir, SMTP_HOST: 'mail.example.org' }),
    });
    expect((await withSmtp.request('/dev/outbox', {}, fromAddress('127.0.0.1'))).status).toBe(404);
  });
});
