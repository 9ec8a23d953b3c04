// One program's data for its coordinators: participants (list, CSV import by upload), unmatched mail,
// nudges sent, the evaluation report (JSON and CSV), and chart series. Imports and exports are audited.
import { createRoute } from '@hono/zod-openapi';
import {
  importQuerySchema,
  importReportSchema,
  nudgeListSchema,
  participantListSchema,
  programStatsSchema,
  unmatchedMailSchema,
} from '@peerpost/shared';
import { z } from 'zod';
import { recordAudit } from '../../access/audit';
import { requireProgram } from '../../access/scope';
import type { AppContext } from '../../context';
import { PeerpostError } from '../../errors';
import { importParticipants } from '../../programs/enrolment/csv-import';
import { buildProgramReport } from '../../programs/evaluation/program-report';
import { reportToCsv } from '../../programs/evaluation/report-csv';
import { errorResponse, jsonResponse as json, newApiRouter, signedIn } from './api-router';
import {
  checkInAveragesByWeek,
  firstReplyByWeek,
  nudgesSent,
  programParticipants,
  statusHistory,
  unmatchedMail,
} from './programs/program-views';
import { protectRoutes } from './require-caller';

const params = z.object({ id: z.uuid() });
const refusals = {
  400: errorResponse('Malformed request'),
  401: errorResponse('Not signed in'),
  404: errorResponse('No such program the caller coordinates'),
};
const read = (path: string, schema: z.ZodType, description: string) =>
  createRoute({
    method: 'get',
    path: `/programs/{id}/${path}`,
    ...signedIn,
    request: { params },
    responses: { 200: json(schema, description), ...refusals },
  });

/** The largest CSV an upload may carry (the body limit of the app applies first). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const programDataRoutesTable = [
  read('participants', participantListSchema, 'The program’s participants'),
  createRoute({
    method: 'post',
    path: '/programs/{id}/participants/import',
    ...signedIn,
    request: {
      params,
      query: importQuerySchema,
      body: {
        // A multipart upload with a "file" field is read too (a plain form in a browser).
        description: 'The CSV (text/csv), or multipart/form-data with a "file" field',
        content: { 'text/csv': { schema: z.string() } },
        required: true,
      },
    },
    responses: {
      200: json(importReportSchema, 'What was (or, on a dry run, would be) imported'),
      422: json(importReportSchema, 'Bad rows: nothing was imported'),
      ...refusals,
    },
  }),
  read('unmatched-mail', unmatchedMailSchema, 'Mail to the program that no match claimed'),
  read('nudges', nudgeListSchema, 'Nudges sent to the program’s people'),
  read('report', z.record(z.string(), z.unknown()), 'The evaluation report'),
  createRoute({
    method: 'get',
    path: '/programs/{id}/report.csv',
    ...signedIn,
    request: { params },
    responses: {
      200: { content: { 'text/csv': { schema: z.string() } }, description: 'The report as CSV' },
      ...refusals,
    },
  }),
  read(
    'stats',
    programStatsSchema,
    'Health status counts per day, median hours to first reply and check-in averages per week, for charts',
  ),
] as const;

async function uploadedCsv(request: Request): Promise<string> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const file = (await request.formData()).get('file');
    if (!(file instanceof Blob)) throw new PeerpostError('EBADINPUT', 'Attach the CSV as the "file" field');
    return file.text();
  }
  if (type.startsWith('text/csv') || type.startsWith('text/plain')) return request.text();
  throw new PeerpostError('EBADINPUT', 'Send the CSV as text/csv or multipart/form-data');
}

export function programDataRoutes(ctx: AppContext) {
  const { db } = ctx.database;
  const app = newApiRouter();
  protectRoutes(app, programDataRoutesTable, db);
  const [participants, importCsv, unmatched, nudges, report, reportCsv, stats] = programDataRoutesTable;
  const audit = (actorUserId: string, action: string, programId: string, details?: Record<string, unknown>) =>
    recordAudit(db, { actorUserId, action, targetType: 'program', targetId: programId, programId, details });

  app.openapi(participants, async (c) => {
    const program = await requireProgram(db, c.get('scope'), c.req.valid('param').id);
    await audit(c.get('caller').userId, 'participants.view', program.id);
    return c.json({ participants: await programParticipants(db, program.id) }, 200);
  });

  app.openapi(importCsv, async (c) => {
    const program = await requireProgram(db, c.get('scope'), c.req.valid('param').id);
    const { dryRun, skipInvalid } = c.req.valid('query');
    const csv = await uploadedCsv(c.req.raw);
    if (csv.length > MAX_IMPORT_BYTES) throw new PeerpostError('EBADINPUT', 'The CSV is too large');
    const result = await importParticipants(db, program.id, csv, {
      dryRun: dryRun === 'true',
      skipInvalid: skipInvalid === 'true',
    });
    if (result.imported && !result.dryRun) {
      await audit(c.get('caller').userId, 'participants.import', program.id, {
        created: result.created,
        updated: result.updated,
        skipped: result.skipped,
      });
    }
    return c.json(result, result.imported || result.dryRun ? 200 : 422);
  });

  app.openapi(unmatched, async (c) => {
    const program = await requireProgram(db, c.get('scope'), c.req.valid('param').id);
    return c.json({ messages: await unmatchedMail(db, program.id) }, 200);
  });

  app.openapi(nudges, async (c) => {
    const program = await requireProgram(db, c.get('scope'), c.req.valid('param').id);
    return c.json({ nudges: await nudgesSent(db, program.id) }, 200);
  });

  app.openapi(report, async (c) => {
    const program = await requireProgram(db, c.get('scope'), c.req.valid('param').id);
    await audit(c.get('caller').userId, 'report.view', program.id);
    return c.json((await buildProgramReport(db, program.id)) as unknown as Record<string, unknown>, 200);
  });

  app.openapi(reportCsv, async (c) => {
    const program = await requireProgram(db, c.get('scope'), c.req.valid('param').id);
    await audit(c.get('caller').userId, 'report.export', program.id);
    const csv = reportToCsv(await buildProgramReport(db, program.id));
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${program.slug}-report.csv"`,
    });
  });

  app.openapi(stats, async (c) => {
    const program = await requireProgram(db, c.get('scope'), c.req.valid('param').id);
    const [history, firstReplyHours, checkInAverages] = await Promise.all([
      statusHistory(db, program.id),
      firstReplyByWeek(db, program.id),
      checkInAveragesByWeek(db, program.id),
    ]);
    return c.json({ statusHistory: history, firstReplyHours, checkInAverages }, 200);
  });
  return app;
}
