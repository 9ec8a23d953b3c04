// Sign-in: request an emailed code (and link), exchange the code for an API token; and "who am I".
// The link itself opens a cookie session through the sign-in pages (http/pages/sign-in-pages.tsx).

import { createRoute } from '@hono/zod-openapi';
import { authRequestSchema, authVerifyResponseSchema, authVerifySchema, meSchema } from '@peerpost/shared';
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { z } from 'zod';
import { requestSignIn, verifySignIn } from '../../auth/sign-in';
import type { AppContext } from '../../context';
import { memberships, users } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { type SignInStep, signInLimits } from '../sign-in-limits';
import { errorResponse, jsonResponse as json, jsonBody, newApiRouter, signedIn } from './api-router';
import { requireCaller } from './require-caller';

export const authRoutesTable = [
  createRoute({
    method: 'post',
    path: '/auth/request',
    request: { body: jsonBody(authRequestSchema) },
    responses: {
      202: json(z.object({ ok: z.literal(true) }), 'A code was emailed if the address is known'),
      400: errorResponse('Malformed request'),
      429: errorResponse('Too many requests'),
    },
  }),
  createRoute({
    method: 'post',
    path: '/auth/verify',
    request: { body: jsonBody(authVerifySchema) },
    responses: {
      200: json(authVerifyResponseSchema, 'Signed in; keep the token secret'),
      400: errorResponse('Malformed request'),
      401: errorResponse('Wrong, used or expired code'),
      429: errorResponse('Too many requests'),
    },
  }),
  createRoute({
    method: 'get',
    path: '/me',
    ...signedIn,
    responses: { 200: json(meSchema, 'The signed-in person'), 401: errorResponse('Not signed in') },
  }),
] as const;

export function authRoutes(ctx: AppContext) {
  const { db } = ctx.database;
  const app = newApiRouter();
  const limits = signInLimits(ctx);
  const limit = (c: Context, step: SignInStep, email: string) => {
    if (!limits.allow(c, step, email))
      throw new PeerpostError('ERATELIMITED', 'Too many sign-in attempts; try again later');
  };
  const [request, verify, me] = authRoutesTable;

  app.openapi(request, async (c) => {
    const { email } = c.req.valid('json');
    limit(c, 'request', email);
    await requestSignIn(db, email, { from: ctx.config.mailbox.address, publicUrl: ctx.config.publicUrl });
    return c.json({ ok: true as const }, 202);
  });

  app.openapi(verify, async (c) => {
    const { email, code, tokenName } = c.req.valid('json');
    limit(c, 'verify', email);
    const result = await verifySignIn(db, email, code, tokenName);
    if (!result.ok) throw new PeerpostError('EUNAUTHENTICATED', 'That code is wrong, used or expired');
    return c.json({ token: result.token, me: await describeMe(ctx, result.userId) }, 200);
  });

  app.use(me.path, requireCaller(db));
  app.openapi(me, async (c) => c.json(await describeMe(ctx, c.get('caller').userId), 200));
  return app;
}

export async function describeMe(ctx: AppContext, userId: string) {
  const { db } = ctx.database;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const roles = await db
    .selectDistinct({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId)));
  return { id: user!.id, email: user!.email, name: user!.name, roles: roles.map((row) => row.role) };
}
