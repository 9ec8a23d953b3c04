// Programs and their people, as coordinators manage them.
import { z } from 'zod';

export const programStatusSchema = z.enum(['draft', 'enrolling', 'matching', 'running', 'closing', 'closed']);

export const programSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  name: z.string(),
  slug: z.string(),
  goal: z.string(),
  status: programStatusSchema,
  cadenceDays: z.number().int(),
  pairSize: z.number().int(),
  address: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
});
export type ProgramSummary = z.infer<typeof programSchema>;
export const programListSchema = z.object({ programs: z.array(programSchema) });

const day = z.iso.date();
export const programUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    goal: z.string().max(2000),
    cadenceDays: z.number().int().min(1).max(90),
    pairSize: z.number().int().min(2).max(3),
    checkInEveryDays: z.number().int().min(1).max(90),
    startsOn: day.nullable(),
    endsOn: day.nullable(),
  })
  .partial()
  .strict();
export const programCreateSchema = programUpdateSchema
  .extend({
    organisationId: z.uuid(),
    name: z.string().trim().min(1).max(200),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
    address: z.email().max(254),
  })
  .strict();

export const participantRowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  status: z.string(),
  careerStage: z.string(),
  matched: z.boolean(),
});
export const participantListSchema = z.object({ participants: z.array(participantRowSchema) });

export const importQuerySchema = z.object({
  dryRun: z.enum(['true', 'false']).optional(),
  skipInvalid: z.enum(['true', 'false']).optional(),
});
export const importReportSchema = z.object({
  dryRun: z.boolean(),
  imported: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  problems: z.array(
    z.object({ line: z.number(), email: z.string().optional(), reasons: z.array(z.string()) }),
  ),
  unknownColumns: z.array(z.string()),
  fatal: z.string().optional(),
});

export const unmatchedMailSchema = z.object({
  messages: z.array(z.object({ id: z.uuid(), from: z.string(), subject: z.string(), sentAt: z.string() })),
});
export const nudgeListSchema = z.object({
  nudges: z.array(
    z.object({
      id: z.uuid(),
      matchId: z.uuid(),
      audience: z.string(),
      kind: z.string(),
      reason: z.string(),
      createdAt: z.string(),
    }),
  ),
});

/**
 * The dashboard's charts: health status counts per day; per week (`day` is the Monday), the median hours
 * from a pair's first real message to the first reply by another member (pairs grouped by the week of that
 * first message) and the average check-in score (check-ins grouped by the week they were answered).
 */
export const programStatsSchema = z.object({
  statusHistory: z.array(z.object({ day: z.string(), counts: z.record(z.string(), z.number()) })),
  firstReplyHours: z.array(z.object({ day: z.string(), hours: z.number(), pairs: z.number().int() })),
  checkInAverages: z.array(z.object({ day: z.string(), average: z.number(), answers: z.number().int() })),
});
export type ProgramStats = z.infer<typeof programStatsSchema>;
