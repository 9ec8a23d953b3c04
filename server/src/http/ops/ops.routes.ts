// Operations endpoints: liveness, readiness (database and mail workers) and Prometheus metrics.
import { Hono } from 'hono';
import type { AppContext } from '../../context';
import { databaseMetrics } from './metrics';
import { readiness } from './readiness';

export function opsRoutes(ctx: AppContext, httpMetrics: { render(): string[] }) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const state = await readiness(ctx);
    return c.json(state, state.ok ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    const lines = [...httpMetrics.render(), ...(await databaseMetrics(ctx.database.db))];
    return c.text(`${lines.join('\n')}\n`, 200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });
  return app;
}
