// The signed-in person's own settings and data: profile and sharing, API tokens, export, erasure.
import { createRoute } from '@hono/zod-openapi';
import {
  apiTokenListSchema,
  eraseSchema,
  okSchema,
  profileSchema,
  profileUpdateSchema,
} from '@peerpost/shared';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { apiTokens, participants, users } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { errorResponse, jsonResponse as json, jsonBody, newApiRouter, signedIn } from './api-router';
import { erasePerson, exportPerson } from './me/person-data';
import { protectRoutes } from './require-caller';

const refusals = { 400: errorResponse('Malformed request'), 401: errorResponse('Not signed in') };

export const meRoutesTable = [
  createRoute({
    method: 'get',
    path: '/me/profile',
    ...signedIn,
    responses: { 200: json(profileSchema, 'Profile and sharing'), ...refusals },
  }),
  createRoute({
    method: 'patch',
    path: '/me/profile',
    ...signedIn,
    request: { body: jsonBody(profileUpdateSchema) },
    responses: { 200: json(profileSchema, 'Updated'), ...refusals },
  }),
  createRoute({
    method: 'get',
    path: '/me/export',
    ...signedIn,
    responses: {
      200: json(z.record(z.string(), z.unknown()), 'Everything Peerpost holds about the caller'),
      ...refusals,
    },
  }),
  createRoute({
    method: 'delete',
    path: '/me',
    ...signedIn,
    request: { body: jsonBody(eraseSchema) },
    responses: { 200: json(okSchema, 'Erased'), ...refusals },
  }),
  createRoute({
    method: 'get',
    path: '/tokens',
    ...signedIn,
    responses: { 200: json(apiTokenListSchema, 'The caller’s API tokens (prefix only)'), ...refusals },
  }),
  createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    ...signedIn,
    request: { params: z.object({ id: z.uuid() }) },
    responses: {
      200: json(okSchema, 'Revoked'),
      404: errorResponse('No such token of the caller'),
      ...refusals,
    },
  }),
] as const;

async function loadProfile(db: Db, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const [profile] = await db
    .select({ sharing: participants.sharing })
    .from(participants)
    .where(eq(participants.userId, userId))
    .orderBy(desc(participants.updatedAt))
    .limit(1);
  return {
    name: user!.name,
    email: user!.email,
    timeZone: user!.timeZone,
    quietHoursStart: user!.quietHoursStart,
    quietHoursEnd: user!.quietHoursEnd,
    nudgesOptOut: user!.nudgesOptOut,
    sharing: profile?.sharing ?? {},
  };
}

export function meRoutes(ctx: AppContext) {
  const { db } = ctx.database;
  const app = newApiRouter();
  protectRoutes(app, meRoutesTable, db);
  const [getProfile, updateProfile, exportData, erase, listTokens, revokeToken] = meRoutesTable;

  app.openapi(getProfile, async (c) => c.json(await loadProfile(db, c.get('caller').userId), 200));

  app.openapi(updateProfile, async (c) => {
    const { sharing, ...settings } = c.req.valid('json');
    const userId = c.get('caller').userId;
    await db.transaction(async (tx) => {
      if (Object.keys(settings).length) await tx.update(users).set(settings).where(eq(users.id, userId));
      if (sharing)
        await tx
          .update(participants)
          .set({ sharing, updatedAt: new Date() })
          .where(eq(participants.userId, userId));
    });
    return c.json(await loadProfile(db, userId), 200);
  });

  app.openapi(exportData, async (c) => c.json(await exportPerson(db, c.get('caller').userId), 200));

  app.openapi(erase, async (c) => {
    await erasePerson(db, c.get('caller').userId, ctx.config.publicUrl);
    return c.json({ ok: true as const }, 200);
  });

  app.openapi(listTokens, async (c) => {
    const caller = c.get('caller');
    const rows = await db
      .select()
      .from(apiTokens)
      // Browser sessions are listed (and revocable) too, until they expire.
      .where(
        and(
          eq(apiTokens.userId, caller.userId),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
        ),
      )
      .orderBy(desc(apiTokens.createdAt));
    const tokens = rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      current: row.id === caller.tokenId,
    }));
    return c.json({ tokens }, 200);
  });

  app.openapi(revokeToken, async (c) => {
    const [revoked] = await db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, c.req.valid('param').id),
          eq(apiTokens.userId, c.get('caller').userId),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id });
    if (!revoked) throw new PeerpostError('ENOTFOUND', 'No such token');
    return c.json({ ok: true as const }, 200);
  });
  return app;
}
