// A TCP proxy that drops the connection after a number of bytes from the server, to test that IMAP
// sync resumes cleanly after a connection lost mid-fetch.
import net from 'node:net';
import { freePort } from './free-port';

export interface CuttingProxy {
  port: number;
  /** Bytes server → client after which the next connection is cut; Infinity to pass everything. */
  cutAfter: number;
  cuts: number;
  stop(): Promise<void>;
}

export async function startCuttingProxy(targetPort: number, cutAfter: number): Promise<CuttingProxy> {
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  const proxy: CuttingProxy = { port, cutAfter, cuts: 0, stop: async () => {} };
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const limit = proxy.cutAfter;
    let passed = 0;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      passed += chunk.length;
      if (passed > limit) {
        proxy.cuts++;
        client.write(chunk.subarray(0, chunk.length - (passed - limit)));
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  proxy.stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
