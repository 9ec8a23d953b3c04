// Runs the HTTP server and the workers until SIGINT/SIGTERM, then shuts down gracefully.
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { AppContext } from './context';
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
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      // In-flight requests finish; then the workers drain (the outbox finishes its current sends).
      stopping ??= new Promise<void>((resolve) => server.close(() => resolve())).then(stopWorkers);
      return stopping;
    },
  };
}
