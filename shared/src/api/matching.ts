// The coordinator's matching review: the current proposal of a program, the review commands on it
// (pin, block, swap, unmatch, rematch one person, propose again) and approval.
import { z } from 'zod';

const person = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

export const proposedMatchSchema = z.object({
  id: z.uuid(),
  members: z.array(person),
  /** Compatibility, 0–1. */
  score: z.number(),
  pinned: z.boolean(),
  /** Why these people suit each other, in plain words. */
  explanation: z.array(z.string()),
});
export type ProposedMatch = z.infer<typeof proposedMatchSchema>;

export const matchingProposalSchema = z.object({
  matches: z.array(proposedMatchSchema),
  /** Active participants in no proposed, approved or active match. */
  unmatched: z.array(person),
  totals: z.object({
    matches: z.number().int(),
    people: z.number().int(),
    totalScore: z.number(),
    meanScore: z.number(),
    unmatched: z.number().int(),
  }),
});
export type MatchingProposal = z.infer<typeof matchingProposalSchema>;

/** Two different participants of the program, by participant id. */
export const matchingPairSchema = z
  .object({ a: z.uuid(), b: z.uuid() })
  .strict()
  .refine((pair) => pair.a !== pair.b, { message: 'Choose two different people', path: ['b'] });
export type MatchingPair = z.infer<typeof matchingPairSchema>;

export const matchingUnmatchSchema = z.object({ matchId: z.uuid() }).strict();
export const matchingRematchSchema = z.object({ participantId: z.uuid() }).strict();

export const matchingApprovalSchema = z.object({
  /** Matches approved now; each got its intro mail queued in the outbox. */
  approvedMatchIds: z.array(z.uuid()),
  programStatus: z.string(),
});
export type MatchingApproval = z.infer<typeof matchingApprovalSchema>;

/** The review commands, by the last segment of their path. */
export const matchingReviewActions = ['pin', 'block', 'swap', 'unmatch', 'rematch'] as const;
export type MatchingReviewAction = (typeof matchingReviewActions)[number];
