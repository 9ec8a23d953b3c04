// The partnership in the sidebar: the agreement, each member's shared goals and a pending dormancy notice,
// plus the bodies of the small calls that change them.
import { z } from 'zod';
import { goalKinds, goalStatuses, maxGoalLength, maxGoalsPerMember } from '../goals/parse-goals';

export const agreementSchema = z.object({
  cadenceDays: z.number().int(),
  terms: z.array(z.string()),
  members: z.array(z.object({ name: z.string(), accepted: z.boolean(), isCaller: z.boolean() })),
  acceptedByAll: z.boolean(),
  acceptedByCaller: z.boolean(),
});
export type Agreement = z.infer<typeof agreementSchema>;

export const goalSchema = z.object({
  id: z.uuid(),
  kind: z.enum(goalKinds),
  text: z.string(),
  status: z.enum(goalStatuses),
});
export type Goal = z.infer<typeof goalSchema>;

export const memberGoalsSchema = z.object({
  name: z.string(),
  isCaller: z.boolean(),
  goals: z.array(goalSchema),
});
export type MemberGoals = z.infer<typeof memberGoalsSchema>;

/** A dormancy notice is pending: the pair closes at `closesAt` unless someone writes or keeps it going. */
export const conclusionNoticeSchema = z.object({ noticeAt: z.string(), closesAt: z.string() });

export const cadenceEditSchema = z.object({ cadenceDays: z.number().int().min(1).max(90) });

export const goalsEditSchema = z.object({
  goals: z
    .array(z.object({ kind: z.enum(goalKinds), text: z.string().trim().min(2).max(maxGoalLength) }))
    .max(maxGoalsPerMember),
});
export type GoalsEdit = z.infer<typeof goalsEditSchema>;

export const goalProgressSchema = z.object({ status: z.enum(goalStatuses) });
