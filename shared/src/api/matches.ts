// Matches as lists and commands: the dashboard's table, a match's history, and the sidebar's actions.
import { z } from 'zod';
import { healthStatusSchema } from './context';

export const matchStatusSchema = z.enum(['proposed', 'approved', 'active', 'closed']);

export const matchListQuerySchema = z.object({
  programId: z.uuid().optional(),
  status: matchStatusSchema.optional(),
  health: z.union([healthStatusSchema, z.literal('unknown')]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type MatchListQuery = z.output<typeof matchListQuerySchema>;

export const matchRowSchema = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  status: z.string(),
  role: z.enum(['participant', 'coordinator']),
  members: z.array(z.object({ name: z.string(), email: z.string().optional() })),
  health: z.object({ score: z.number(), status: healthStatusSchema }).nullable(),
  startedAt: z.string().nullable(),
  pinned: z.boolean(),
});
export type MatchRow = z.infer<typeof matchRowSchema>;
export const matchListSchema = z.object({ matches: z.array(matchRowSchema) });

export const healthPointSchema = z.object({
  day: z.string(),
  score: z.number(),
  status: z.string(),
  reasons: z.array(z.string()),
});
export const healthSeriesSchema = z.object({ points: z.array(healthPointSchema) });

export const timelineEntrySchema = z.object({
  at: z.string(),
  kind: z.string(),
  text: z.string().optional(),
});
export const timelineSchema = z.array(timelineEntrySchema);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const snoozeSchema = z.object({ days: z.number().int().min(1).max(60) });
export const coordinatorNoteSchema = z.object({ note: z.string().trim().min(1).max(2000).optional() });
export const coordinatorActions = ['nudge', 'note', 'flag'] as const;

export const okSchema = z.object({ ok: z.literal(true) });
