// The sidebar's main call: what the extension can see of a thread in, the match it belongs to out.
import { z } from 'zod';
import { healthStatuses } from '../health/status';
import { agreementSchema, conclusionNoticeSchema, memberGoalsSchema } from './partnership';

export const healthStatusSchema = z.enum(healthStatuses);

const address = z.string().max(320);

/** A query-string list: `?x=a&x=b` arrives as an array, `?x=a` as a string. */
const queryList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item).max(max),
  );

/** Only thread identifiers and addresses leave the browser (unless the user opts in to more). */
export const contextQuerySchema = z.object({
  provider: z.enum(['gmail', 'outlook', 'roundcube', 'generic']).optional(),
  providerThreadId: z.string().max(500).optional(),
  subject: z.string().max(1000).optional(),
  participants: queryList(address, 50),
  plusTokens: queryList(z.string().regex(/^[a-z0-9]{4,64}$/i, 'is not a Peerpost pair token'), 10),
});
/** What the server sees after validation (lists are always arrays). */
export type ContextQuery = z.output<typeof contextQuerySchema>;

export const partnerSchema = z.object({
  name: z.string(),
  /** Present only when the partner shares it. */
  careerStage: z.string().optional(),
  skillsOffered: z.array(z.string()).optional(),
  skillsSought: z.array(z.string()).optional(),
  goals: z.array(z.string()).optional(),
  team: z.string().optional(),
  timeZone: z.string().optional(),
});
export type Partner = z.infer<typeof partnerSchema>;

export const healthSummarySchema = z.object({
  score: z.number().int().min(0).max(100),
  status: healthStatusSchema,
  reasons: z.array(z.string()),
  /** Next best action for the caller. */
  nextAction: z.string().optional(),
  /** Recent daily scores, oldest first, for a sparkline. */
  trend: z.array(z.number()),
});
export type HealthSummary = z.infer<typeof healthSummarySchema>;

export const promptSchema = z.object({ key: z.string(), title: z.string(), body: z.string() });
export type Prompt = z.infer<typeof promptSchema>;

export const contextResponseSchema = z.object({
  role: z.enum(['participant', 'coordinator']),
  match: z.object({
    id: z.uuid(),
    status: z.string(),
    explanation: z.array(z.string()),
    startedAt: z.string().nullable(),
  }),
  program: z.object({
    id: z.uuid(),
    name: z.string(),
    week: z.number().int(),
    cadenceDays: z.number().int(),
  }),
  partners: z.array(partnerSchema),
  sharedGoals: z.array(z.string()),
  health: healthSummarySchema.nullable(),
  nextPrompt: promptSchema.nullable(),
  pendingCheckIn: z.object({ id: z.uuid(), dueAt: z.string() }).nullable(),
  /** The partnership agreement, once offered (issue 8). */
  agreement: agreementSchema.nullable().optional(),
  /** Every current member's shared goals, the caller's first. */
  goals: z.array(memberGoalsSchema).optional(),
  /** A pending "keep going?" notice. */
  conclusionNotice: conclusionNoticeSchema.nullable().optional(),
  /** Coordinators only: members' responsiveness and the actions they can take. */
  coordinator: z
    .object({
      members: z.array(
        z.object({ name: z.string(), email: z.string(), medianReplyHours: z.number().nullable() }),
      ),
      actions: z.array(z.enum(['nudge', 'note', 'flag'])),
      dashboardUrl: z.string(),
    })
    .optional(),
});
export type ContextResponse = z.infer<typeof contextResponseSchema>;

export const checkInSubmitSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().max(2000).optional(),
});
export type CheckInSubmit = z.infer<typeof checkInSubmitSchema>;
