// Programs as coordinators manage them: list, create, read, change, delete (drafts only). Coordinators see
// the programs they coordinate, admins every program of their organisation; changes are audited.
import { createRoute } from '@hono/zod-openapi';
import {
  okSchema,
  programCreateSchema,
  programListSchema,
  programSchema,
  programUpdateSchema,
} from '@peerpost/shared';
import { desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../access/audit';
import { requireProgram, staffOrganisationIds } from '../../access/scope';
import type { AppContext } from '../../context';
import { programCoordinators, programs } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { errorResponse, jsonResponse as json, jsonBody, newApiRouter, signedIn } from './api-router';
import { protectRoutes } from './require-caller';

const programParams = z.object({ id: z.uuid() });
const refusals = {
  400: errorResponse('Malformed request'),
  401: errorResponse('Not signed in'),
  404: errorResponse('No such program the caller coordinates'),
};

export const programsRoutesTable = [
  createRoute({
    method: 'get',
    path: '/programs',
    ...signedIn,
    responses: { 200: json(programListSchema, 'Programs the caller coordinates'), ...refusals },
  }),
  createRoute({
    method: 'post',
    path: '/programs',
    ...signedIn,
    request: { body: jsonBody(programCreateSchema) },
    responses: {
      201: json(programSchema, 'Created as a draft'),
      409: errorResponse('A program with that slug exists'),
      ...refusals,
    },
  }),
  createRoute({
    method: 'get',
    path: '/programs/{id}',
    ...signedIn,
    request: { params: programParams },
    responses: { 200: json(programSchema, 'The program'), ...refusals },
  }),
  createRoute({
    method: 'patch',
    path: '/programs/{id}',
    ...signedIn,
    request: { params: programParams, body: jsonBody(programUpdateSchema) },
    responses: { 200: json(programSchema, 'Updated'), ...refusals },
  }),
  createRoute({
    method: 'delete',
    path: '/programs/{id}',
    ...signedIn,
    request: { params: programParams },
    responses: {
      200: json(okSchema, 'Deleted'),
      409: errorResponse('Only drafts can be deleted'),
      ...refusals,
    },
  }),
] as const;

export function programSummary(program: typeof programs.$inferSelect) {
  return {
    id: program.id,
    organisationId: program.organisationId,
    name: program.name,
    slug: program.slug,
    goal: program.goal,
    status: program.status,
    cadenceDays: program.cadenceDays,
    pairSize: program.pairSize,
    address: program.address,
    startsOn: program.startsOn,
    endsOn: program.endsOn,
  };
}

export function programsRoutes(ctx: AppContext) {
  const { db } = ctx.database;
  const app = newApiRouter();
  protectRoutes(app, programsRoutesTable, db);
  const [list, create, read, update, remove] = programsRoutesTable;
  const audit = (actorUserId: string, action: string, programId: string, details?: Record<string, unknown>) =>
    recordAudit(db, { actorUserId, action, targetType: 'program', targetId: programId, programId, details });

  app.openapi(list, async (c) => {
    const ids = [...c.get('scope').coordinatedProgramIds];
    const rows = ids.length
      ? await db.select().from(programs).where(inArray(programs.id, ids)).orderBy(desc(programs.createdAt))
      : [];
    return c.json({ programs: rows.map(programSummary) }, 200);
  });

  app.openapi(create, async (c) => {
    const input = c.req.valid('json');
    const userId = c.get('caller').userId;
    if (!(await staffOrganisationIds(db, userId)).includes(input.organisationId)) {
      throw new PeerpostError('ENOTFOUND', 'No such organisation');
    }
    const [program] = await db
      .insert(programs)
      .values({ ...input, status: 'draft' })
      .onConflictDoNothing()
      .returning();
    if (!program) throw new PeerpostError('ECONFLICT', 'A program with that slug exists');
    await db.insert(programCoordinators).values({ programId: program.id, userId });
    await audit(userId, 'program.create', program.id);
    return c.json(programSummary(program), 201);
  });

  app.openapi(read, async (c) =>
    c.json(programSummary(await requireProgram(db, c.get('scope'), c.req.valid('param').id)), 200),
  );

  app.openapi(update, async (c) => {
    const program = await requireProgram(db, c.get('scope'), c.req.valid('param').id);
    const changes = c.req.valid('json');
    const [updated] = Object.keys(changes).length
      ? await db.update(programs).set(changes).where(eq(programs.id, program.id)).returning()
      : [program];
    await audit(c.get('caller').userId, 'program.update', program.id, { fields: Object.keys(changes) });
    return c.json(programSummary(updated!), 200);
  });

  app.openapi(remove, async (c) => {
    const program = await requireProgram(db, c.get('scope'), c.req.valid('param').id);
    if (program.status !== 'draft')
      throw new PeerpostError('ECONFLICT', 'Only draft programs can be deleted');
    await audit(c.get('caller').userId, 'program.delete', program.id, { name: program.name });
    await db.delete(programs).where(eq(programs.id, program.id));
    return c.json({ ok: true as const }, 200);
  });
  return app;
}
