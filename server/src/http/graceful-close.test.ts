// gracefulClose on a real Node HTTP server: an answer still being prepared when the close comes goes out
// with `Connection: close`, its keep-alive connection ends with it, and the close resolves only then.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { gracefulClose } from './graceful-close';

describe('gracefulClose', () => {
  it('finishes the answer in flight, then closes its keep-alive connection', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = http.createServer((request, response) => {
      if (request.url === '/slow') {
        arrived();
        void held.then(() => response.end('slow done'));
      } else response.end('quick');
    });
    // Long enough that waiting for it would show: the close must not wait for the keep-alive timeout.
    server.keepAliveTimeout = 60_000;
    const close = gracefulClose(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true });
    const get = (path: string) =>
      new Promise<{ body: string; connection?: string; socketClosed: Promise<void> }>((resolve, reject) => {
        http
          .get({ agent, host: '127.0.0.1', port, path }, (response) => {
            let body = '';
            const socketClosed = new Promise<void>((done) => response.socket.once('close', () => done()));
            response.on('data', (chunk) => {
              body += chunk;
            });
            response.on('end', () =>
              resolve({ body, connection: response.headers.connection, socketClosed }),
            );
          })
          .on('error', reject);
      });

    expect((await get('/quick')).connection).toBe('keep-alive');
    const slow = get('/slow');
    await inFlight;
    let closed = false;
    const closing = close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release();
    const answer = await slow;
    expect(answer.body).toBe('slow done');
    expect(answer.connection).toBe('close');
    await answer.socketClosed;
    await closing;
    expect(server.listening).toBe(false);
    agent.destroy();
  });
});
