// Matches: the dashboard's table with health and filters, a match's health series and timeline, the
// member's sidebar actions (snooze, mark a prompt used, leave) and the coordinator's quick actions.
import { createRoute } from '@hono/zod-openapi';
import {
  coordinatorNoteSchema,
  healthSeriesSchema,
  matchListQuerySchema,
  matchListSchema,
  okSchema,
  snoozeSchema,
  timelineSchema,
} from '@peerpost/shared';
import { z } from 'zod';
import { requireMatch } from '../../access/scope';
import type { AppContext } from '../../context';
import { healthSeries } from '../../health/series';
import { errorResponse, jsonResponse as json, jsonBody, newApiRouter, signedIn } from './api-router';
import { listMatches } from './matches/list-matches';
import { matchTimeline } from './matches/match-timeline';
import { leaveMatchAsMember, markPromptUsed, snoozeNudges } from './matches/participant-actions';
import { type QuickAction, runQuickAction } from './matches/quick-actions';
import { protectRoutes } from './require-caller';

const matchParams = z.object({ id: z.uuid() });
const refusals = {
  400: errorResponse('Malformed request'),
  401: errorResponse('Not signed in'),
  404: errorResponse('No such match the caller may act on'),
};

const quickAction = (action: QuickAction) =>
  createRoute({
    method: 'post',
    path: `/matches/{id}/${action}`,
    ...signedIn,
    request: { params: matchParams, body: { ...jsonBody(coordinatorNoteSchema), required: false } },
    responses: {
      200: json(z.object({ ok: z.literal(true), nudged: z.number() }), 'Done and audited'),
      ...refusals,
    },
  });

export const matchesRoutesTable = [
  createRoute({
    method: 'get',
    path: '/matches',
    ...signedIn,
    request: { query: matchListQuerySchema },
    responses: { 200: json(matchListSchema, 'Matches the caller may see'), ...refusals },
  }),
  createRoute({
    method: 'get',
    path: '/matches/{id}/health',
    ...signedIn,
    request: { params: matchParams },
    responses: { 200: json(healthSeriesSchema, 'Daily health of the match'), ...refusals },
  }),
  createRoute({
    method: 'get',
    path: '/matches/{id}/timeline',
    ...signedIn,
    request: { params: matchParams },
    responses: { 200: json(timelineSchema, 'What happened in the match, oldest first'), ...refusals },
  }),
  createRoute({
    method: 'post',
    path: '/matches/{id}/snooze',
    ...signedIn,
    request: { params: matchParams, body: jsonBody(snoozeSchema) },
    responses: {
      200: json(z.object({ ok: z.literal(true), until: z.string() }), 'Reminders snoozed'),
      ...refusals,
    },
  }),
  createRoute({
    method: 'post',
    path: '/matches/{id}/prompts/{key}/used',
    ...signedIn,
    request: { params: matchParams.extend({ key: z.string().regex(/^[a-z0-9-]{1,80}$/) }) },
    responses: { 200: json(okSchema, 'Marked as used'), ...refusals },
  }),
  createRoute({
    method: 'post',
    path: '/matches/{id}/leave',
    ...signedIn,
    request: { params: matchParams },
    responses: {
      200: json(
        z.object({ ok: z.literal(true), matchClosed: z.boolean() }),
        'Left; partners are told kindly',
      ),
      ...refusals,
    },
  }),
  quickAction('nudge'),
  quickAction('note'),
  quickAction('flag'),
  quickAction('keep-open'),
] as const;

export function matchesRoutes(ctx: AppContext) {
  const { db } = ctx.database;
  const app = newApiRouter();
  protectRoutes(app, matchesRoutesTable, db);
  const [list, health, timeline, snooze, promptUsed, leave, nudge, note, flag, keepOpen] = matchesRoutesTable;

  app.openapi(list, async (c) =>
    c.json({ matches: await listMatches(db, c.get('scope'), c.req.valid('query')) }, 200),
  );

  app.openapi(health, async (c) => {
    const { match } = await requireMatch(db, c.get('scope'), c.req.valid('param').id, [
      'participant',
      'coordinator',
    ]);
    return c.json({ points: await healthSeries(db, match.id) }, 200);
  });

  app.openapi(timeline, async (c) => {
    const { match } = await requireMatch(db, c.get('scope'), c.req.valid('param').id, ['coordinator']);
    return c.json(await matchTimeline(db, match.id), 200);
  });

  app.openapi(snooze, async (c) => {
    const { match } = await requireMatch(db, c.get('scope'), c.req.valid('param').id, ['participant']);
    const until = await snoozeNudges(db, match.id, c.get('caller').userId, c.req.valid('json').days);
    return c.json({ ok: true as const, until: until.toISOString() }, 200);
  });

  app.openapi(promptUsed, async (c) => {
    const { id, key } = c.req.valid('param');
    const { match } = await requireMatch(db, c.get('scope'), id, ['participant']);
    await markPromptUsed(db, match.id, key);
    return c.json({ ok: true as const }, 200);
  });

  app.openapi(leave, async (c) => {
    const { match } = await requireMatch(db, c.get('scope'), c.req.valid('param').id, ['participant']);
    const result = await leaveMatchAsMember(db, match.id, c.get('caller').email, ctx.config.publicUrl);
    return c.json({ ok: true as const, ...result }, 200);
  });

  for (const [route, action] of [
    [nudge, 'nudge'],
    [note, 'note'],
    [flag, 'flag'],
    [keepOpen, 'keep-open'],
  ] as const) {
    app.openapi(route, async (c) => {
      const { match } = await requireMatch(db, c.get('scope'), c.req.valid('param').id, ['coordinator']);
      const { note: text } = c.req.valid('json') ?? {};
      const { nudged } = await runQuickAction(db, c.get('caller').userId, match, action, text);
      return c.json({ ok: true as const, nudged }, 200);
    });
  }
  return app;
}
