// Runs the HTTP server and the workers until SIGINT/SIGTERM, then shuts down gracefully.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { AppContext } from './context';
import { gracefulClose } from './http/graceful-close';
import { startWorkers } from './workers';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export async function startServer(ctx: AppContext): Promise<RunningServer> {
  const app = createApp(ctx);
  const stopWorkers = await startWorkers(ctx);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const instance = serve({ fetch: app.fetch, port: ctx.config.port, hostname: ctx.config.host }, () =>
      resolve(instance),
    );
    instance.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : ctx.config.port;
  const url = `http://${ctx.config.host}:${port}`;
  const closeHttp = gracefulClose(server as Server);
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      // New connections are refused at once; requests in flight finish (and may still queue mail, which
      // the running workers can send); then the workers drain: the outbox finishes its current sends.
      stopping ??= closeHttp().then(stopWorkers);
      return stopping;
    },
  };
}
