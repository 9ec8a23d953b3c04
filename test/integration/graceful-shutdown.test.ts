// Graceful shutdown of a running server (startServer, as `peerpost start` runs it): stop() refuses new
// connections at once, lets a request that is still being received finish with its answer, closes idle
// keep-alive connections instead of waiting for them to time out, and lets the outbox finish a send that
// is on the wire: the mail reaches the mailbox through real SMTP and Dovecot and is recorded as sent.

import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import type { AppContext } from '../../server/src/context';
import { outboxJobs, users } from '../../server/src/db/schema';
import { openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { createLogger } from '../../server/src/logger';
import { enqueueMail } from '../../server/src/mail/outbox';
import { startServer } from '../../server/src/server';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { freePort } from '../harness/free-port';
import { countMessageIds, type SmtpFront, startSmtpFront } from '../harness/outbox';

const program = 'program@example.org';
const ana = 'ana@example.org';

/** A promise with its resolve function, to wait for something a callback reports. */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A request whose body the client sends in two parts; it is in flight until `finish` sends the rest. */
function slowRequest(agent: http.Agent, port: number, body: string) {
  const answer = signal<{ status: number; text: string; connection?: string }>();
  const request = http.request({
    agent,
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/auth/request',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  request.on('response', (response) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      text += chunk;
    });
    response.on('end', () =>
      answer.resolve({ status: response.statusCode ?? 0, text, connection: response.headers.connection }),
    );
  });
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  return {
    answer: answer.promise,
    finish: () => request.end(body.slice(half)),
  };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('graceful shutdown of a running server', () => {
  let dovecot: Dovecot;
  let front: SmtpFront;
  let database: TestDatabase;
  let dataDir: string;
  const sendStarted = signal();
  const releaseSend = signal();

  beforeAll(async () => {
    [dovecot, database] = await Promise.all([startDovecot([program, ana]), openTestDatabase('pglite')]);
    // The SMTP server holds the recipient until the test lets it go: a send that is on the wire.
    front = await startSmtpFront(dovecot, {
      onRcptTo(_address, _session, callback) {
        sendStarted.resolve();
        releaseSend.promise.then(() => callback());
      },
    });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-shutdown-'));
    await database.db.insert(users).values({ email: ana, name: 'Ana' });
  });
  afterAll(async () => {
    await front?.close();
    await Promise.all([dovecot?.stop(), database?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the in-flight request and the outbox send, and refuses new connections', async () => {
    const port = await freePort();
    const ctx: AppContext = {
      config: loadConfig({
        PORT: String(port),
        PEERPOST_DATA_DIR: dataDir,
        PEERPOST_DEMO: 'false',
        PROGRAM_ADDRESS: program,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(front.port),
        SMTP_SECURE: 'false',
      }),
      database,
      logger: createLogger('silent'),
      instanceId: 'shutdown-test',
    };
    const server = await startServer(ctx);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    try {
      // A keep-alive connection that is idle when the stop comes.
      const idle = await fetchOnAgent(agent, port, '/healthz');
      expect(idle.status).toBe(200);
      expect(agent.freeSockets[`127.0.0.1:${port}:`]?.length).toBe(1);

      const queued = await enqueueMail(database.db, {
        idempotencyKey: 'shutdown:1',
        purpose: 'notice',
        from: program,
        to: [ana],
        subject: 'Sent while stopping',
        text: 'This mail is on the wire when the server stops.',
      });
      await sendStarted.promise;

      const slow = slowRequest(new http.Agent({ keepAlive: true }), port, JSON.stringify({ email: ana }));
      // In flight on the server: the metrics count it (and the scrape itself).
      await waitFor(async () => (await requestsInFlight(port)) >= 2);

      const stopped = server.stop();
      let stopDone = false;
      stopped.then(() => {
        stopDone = true;
      });
      expect(await connectionRefused(port)).toBe(true);

      // The request that was being received completes with its real answer.
      slow.finish();
      const answer = await slow.answer;
      expect(answer.status).toBe(202);
      expect(JSON.parse(answer.text)).toEqual({ ok: true });
      // It tells the client the connection ends, rather than leaving it open until the keep-alive timeout.
      expect(answer.connection).toBe('close');
      // The send is still on the wire, so the server is not done yet.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stopDone).toBe(false);

      releaseSend.resolve();
      await stopped;
      const [job] = await database.db.select().from(outboxJobs).where(eq(outboxJobs.id, queued.id));
      expect(job!.status).toBe('sent');
      const inbox = await countMessageIds(dovecot, ana);
      expect(inbox.get(queued.messageId)).toBe(1);
      // Nothing is left half-done: the sign-in mail the slow request queued was sent before the workers
      // stopped, or waits queued for the next start; every sent job reached the SMTP server exactly once.
      const jobs = await database.db.select().from(outboxJobs);
      expect(jobs.filter((row) => row.status !== 'sent' && row.status !== 'queued')).toEqual([]);
      expect(front.delivered()).toBe(jobs.filter((row) => row.status === 'sent').length);
      // The idle keep-alive connection was closed by the server, not left to time out.
      expect(agent.freeSockets[`127.0.0.1:${port}:`] ?? []).toHaveLength(0);
    } finally {
      releaseSend.resolve();
      agent.destroy();
      await server.stop();
    }
  });
});

function fetchOnAgent(agent: http.Agent, port: number, target: string) {
  return new Promise<{ status: number }>((resolve, reject) => {
    http
      .get({ agent, host: '127.0.0.1', port, path: target }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
      })
      .on('error', reject);
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function requestsInFlight(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^peerpost_http_requests_in_flight (\d+)$/m.exec(text)?.[1] ?? 0);
}
