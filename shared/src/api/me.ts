// What a participant manages about themselves: profile sharing, quiet hours, tokens, export, erasure.
import { z } from 'zod';

export const sharableFields = [
  'careerStage',
  'skillsOffered',
  'skillsSought',
  'goals',
  'team',
  'timeZone',
] as const;

export const profileUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    timeZone: z
      .string()
      .max(64)
      .refine(
        (zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC',
        'is not a known time zone',
      ),
    quietHoursStart: z.number().int().min(0).max(23),
    quietHoursEnd: z.number().int().min(0).max(23),
    nudgesOptOut: z.boolean(),
    /** What partners may see in the sidebar, for every program the caller is in. */
    sharing: z.partialRecord(z.enum(sharableFields), z.boolean()),
  })
  .partial()
  .strict();
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

export const profileSchema = z.object({
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  quietHoursStart: z.number(),
  quietHoursEnd: z.number(),
  nudgesOptOut: z.boolean(),
  sharing: z.record(z.string(), z.boolean()),
});

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters only; the token itself is never shown again. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  current: z.boolean(),
});
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

export const eraseSchema = z.object({ confirm: z.literal('erase me') }).strict();
