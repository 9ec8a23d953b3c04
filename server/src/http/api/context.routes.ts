// The sidebar's calls: the match behind a thread, and answering a check-in.
import { createRoute } from '@hono/zod-openapi';
import { checkInSubmitSchema, contextQuerySchema, contextResponseSchema } from '@peerpost/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { checkIns } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { recomputeMatchHealth } from '../../health/recompute';
import { errorResponse, jsonResponse as json, jsonBody, newApiRouter, signedIn } from './api-router';
import { cachedContext } from './context/cached-context';
import { requireCaller } from './require-caller';

export const contextRoutesTable = [
  createRoute({
    method: 'get',
    path: '/context',
    ...signedIn,
    request: { query: contextQuerySchema },
    responses: {
      200: json(contextResponseSchema, 'The match this thread belongs to, as the caller may see it'),
      400: errorResponse('Malformed query'),
      401: errorResponse('Not signed in'),
      404: errorResponse('Not a Peerpost thread the caller may see'),
    },
  }),
  createRoute({
    method: 'post',
    path: '/check-ins/{id}',
    ...signedIn,
    request: {
      params: z.object({ id: z.uuid() }),
      body: jsonBody(checkInSubmitSchema),
    },
    responses: {
      200: json(z.object({ ok: z.literal(true) }), 'Recorded'),
      400: errorResponse('Malformed request'),
      401: errorResponse('Not signed in'),
      404: errorResponse('No such pending check-in for the caller'),
    },
  }),
] as const;

export function contextRoutes(ctx: AppContext) {
  const { db } = ctx.database;
  const app = newApiRouter();
  const [context, answerCheckIn] = contextRoutesTable;
  const threadContext = cachedContext(db, `${ctx.config.publicUrl}/dashboard`);
  app.use('/context', requireCaller(db));
  app.use('/check-ins/*', requireCaller(db));

  app.openapi(context, async (c) => {
    const found = await threadContext(c.get('scope'), c.req.valid('query'), c.get('settled'));
    if (!found) throw new PeerpostError('ENOTFOUND', 'Not a Peerpost thread');
    return c.json(found, 200);
  });

  app.openapi(answerCheckIn, async (c) => {
    const { id } = c.req.valid('param');
    const { score, comment } = c.req.valid('json');
    const [answered] = await db
      .update(checkIns)
      .set({ score, comment: comment ?? null, answeredAt: new Date() })
      .where(
        and(eq(checkIns.id, id), eq(checkIns.userId, c.get('caller').userId), isNull(checkIns.answeredAt)),
      )
      .returning({ matchId: checkIns.matchId });
    if (!answered) throw new PeerpostError('ENOTFOUND', 'No such pending check-in');
    // A check-in changes the pulse signal: health must not wait for the next scheduled tick.
    await recomputeMatchHealth(db, answered.matchId);
    return c.json({ ok: true as const }, 200);
  });
  return app;
}
