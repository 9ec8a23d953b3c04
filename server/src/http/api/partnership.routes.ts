// The sidebar's partnership calls: accept the agreement or propose another cadence, set one's own goals,
// record progress on a goal, keep a quiet partnership going. Members of the pair only: anyone else,
// coordinators included, gets 404 (as for a match they cannot see).
import { createRoute } from '@hono/zod-openapi';
import {
  agreementSchema,
  cadenceEditSchema,
  goalProgressSchema,
  goalsEditSchema,
  memberGoalsSchema,
} from '@peerpost/shared';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { PeerpostError } from '../../errors';
import { acceptAgreement, proposeCadence } from '../../programs/partnership/agreement';
import { keepGoing } from '../../programs/partnership/conclusion';
import { goalsOfMatch, setGoalProgress, setGoals } from '../../programs/partnership/goals';
import type { ApiEnv } from './api-env';
import { errorResponse, jsonResponse as json, jsonBody, newApiRouter, signedIn } from './api-router';
import { requireCaller } from './require-caller';

const matchParams = z.object({ id: z.uuid() });
const ok = json(z.object({ ok: z.literal(true) }), 'Done');
const errors = {
  400: errorResponse('Malformed request'),
  401: errorResponse('Not signed in'),
  404: errorResponse('Not a partnership of the caller'),
  409: errorResponse('The partnership is not active'),
};

export const partnershipRoutesTable = [
  createRoute({
    method: 'post',
    path: '/partnership/{id}/agreement/accept',
    ...signedIn,
    request: { params: matchParams },
    responses: { 200: json(agreementSchema, 'The agreement, accepted by the caller'), ...errors },
  }),
  createRoute({
    method: 'post',
    path: '/partnership/{id}/agreement',
    ...signedIn,
    request: { params: matchParams, body: jsonBody(cadenceEditSchema) },
    responses: { 200: json(agreementSchema, 'The agreement with the proposed cadence'), ...errors },
  }),
  createRoute({
    method: 'post',
    path: '/partnership/{id}/goals',
    ...signedIn,
    request: { params: matchParams, body: jsonBody(goalsEditSchema) },
    responses: { 200: json(z.array(memberGoalsSchema), "Everyone's goals"), ...errors },
  }),
  createRoute({
    method: 'post',
    path: '/partnership/{id}/keep-going',
    ...signedIn,
    request: { params: matchParams },
    responses: { 200: ok, ...errors },
  }),
  createRoute({
    method: 'post',
    path: '/goals/{id}/progress',
    ...signedIn,
    request: { params: matchParams, body: jsonBody(goalProgressSchema) },
    responses: { 200: ok, ...errors },
  }),
] as const;

/** The match id from the path, when the caller is one of its members; 404 otherwise. */
function memberMatch(c: Context<ApiEnv>, id: string): string {
  if (!c.get('scope').memberMatchIds.has(id)) throw new PeerpostError('ENOTFOUND', 'No such partnership');
  return id;
}

export function partnershipRoutes(ctx: AppContext) {
  const { db } = ctx.database;
  const app = newApiRouter();
  const [accept, cadence, setMyGoals, keep, progress] = partnershipRoutesTable;
  app.use('/partnership/*', requireCaller(db));
  app.use('/goals/*', requireCaller(db));

  app.openapi(accept, async (c) => {
    const matchId = memberMatch(c, c.req.valid('param').id);
    return c.json(await acceptAgreement(db, matchId, c.get('caller').userId), 200);
  });
  app.openapi(cadence, async (c) => {
    const matchId = memberMatch(c, c.req.valid('param').id);
    const { cadenceDays } = c.req.valid('json');
    return c.json(await proposeCadence(db, matchId, c.get('caller').userId, cadenceDays), 200);
  });
  app.openapi(setMyGoals, async (c) => {
    const matchId = memberMatch(c, c.req.valid('param').id);
    const callerId = c.get('caller').userId;
    await setGoals(db, matchId, callerId, c.req.valid('json').goals);
    const goals = (await goalsOfMatch(db, matchId)).map(({ userId, name, goals }) => ({
      name,
      isCaller: userId === callerId,
      goals,
    }));
    return c.json(goals, 200);
  });
  app.openapi(keep, async (c) => {
    const matchId = memberMatch(c, c.req.valid('param').id);
    await keepGoing(db, matchId, c.get('caller').userId, new Date());
    return c.json({ ok: true as const }, 200);
  });
  app.openapi(progress, async (c) => {
    await setGoalProgress(db, c.req.valid('param').id, c.get('caller').userId, c.req.valid('json').status);
    return c.json({ ok: true as const }, 200);
  });
  return app;
}
