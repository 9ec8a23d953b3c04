// Builds the Hono application from the capability routers. No I/O happens here beyond the routes.
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppContext } from './context';
import { errorCodes, PeerpostError } from './errors';
import { createApi } from './http/api/api';
import { apiCors } from './http/api-cors';
import { devOutboxRoutes } from './http/dev-outbox/dev-outbox.routes';
import { createHttpMetrics } from './http/ops/metrics';
import { opsRoutes } from './http/ops/ops.routes';
import { createPartnershipPages } from './http/pages/partnership-pages';
import { createProgramPages } from './http/pages/program-pages';
import { createSignInPages } from './http/pages/sign-in-pages';
import { apiBodyLimit, apiRateLimit, requestLog } from './http/request-guards';

export function createApp(ctx: AppContext) {
  const app = new Hono();
  const httpMetrics = createHttpMetrics();
  app.use(requestId());
  app.use(requestLog(ctx.logger));
  app.use(httpMetrics.middleware);
  app.use(secureHeaders());
  app.use('/api/*', apiCors(ctx.config), apiRateLimit(ctx.config.apiRateLimit), apiBodyLimit());

  app.route('/', opsRoutes(ctx, httpMetrics));
  app.route('/api', createApi(ctx));
  if (!ctx.config.mailbox.smtp) app.route('/dev/outbox', devOutboxRoutes(ctx));
  app.route('/', createPartnershipPages(ctx));
  app.route('/', createProgramPages(ctx));
  app.route('/', createSignInPages(ctx));

  app.notFound((c) => c.json({ error: { code: 'ENOTFOUND', message: 'Not found' } }, 404));
  app.onError((error, c) => {
    if (error instanceof PeerpostError) {
      return c.json(
        { error: { code: error.code, message: error.message, details: error.details } },
        error.status as 400,
      );
    }
    if (error instanceof Error && 'getResponse' in error && typeof error.getResponse === 'function') {
      return error.getResponse() as Response;
    }
    ctx.logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
    return c.json({ error: { code: 'EINTERNAL', message: errorCodes.EINTERNAL.description } }, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
