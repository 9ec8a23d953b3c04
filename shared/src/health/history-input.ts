// The JSON form of one history (what-if evaluation): validated with zod, converted to a MatchHistory.
import { z } from 'zod';
import { type MatchHistory, nameFromAddress } from './history';

const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time, e.g. 2026-03-01T09:00:00Z',
});
const email = z.email({ message: 'must be an email address' });

export const healthInputSchema = z
  .object({
    cadenceDays: z.number().int().positive().max(365),
    now: isoTime,
    startedAt: isoTime,
    endsAt: isoTime.optional(),
    closed: z.boolean().optional(),
    members: z.array(email).min(1, 'needs at least one member'),
    names: z.record(z.string(), z.string()).optional(),
    messages: z
      .array(
        z.strictObject({
          from: email,
          at: isoTime,
          newTextChars: z.number().int().min(0).default(0),
          questions: z.number().int().min(0).default(0),
          autoReply: z.boolean().default(false),
          bounce: z.boolean().default(false),
        }),
      )
      .default([]),
    checkIns: z
      .array(z.strictObject({ from: email, at: isoTime, score: z.number().int().min(1).max(5) }))
      .default([]),
  })
  .superRefine((input, ctx) => {
    const members = new Set(input.members.map((address) => address.toLowerCase()));
    const check = (list: { from: string }[], key: 'messages' | 'checkIns') => {
      list.forEach((entry, index) => {
        if (!members.has(entry.from.toLowerCase())) {
          ctx.addIssue({ code: 'custom', path: [key, index, 'from'], message: 'is not one of the members' });
        }
      });
    };
    check(input.messages, 'messages');
    check(input.checkIns, 'checkIns');
    if (Date.parse(input.startedAt) > Date.parse(input.now)) {
      ctx.addIssue({ code: 'custom', path: ['startedAt'], message: 'is after "now"' });
    }
  });

export type HealthInput = z.infer<typeof healthInputSchema>;

/** One line per problem: `messages[2].at: must be an ISO 8601 date-time`. */
export function describeInputIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (text, part) =>
        typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part),
      '',
    );
    return `${path || '(input)'}: ${issue.message}`;
  });
}

export function historyFromInput(input: HealthInput): MatchHistory {
  const lower = (address: string) => address.toLowerCase();
  return {
    cadenceDays: input.cadenceDays,
    now: Date.parse(input.now),
    startedAt: Date.parse(input.startedAt),
    endsAt: input.endsAt ? Date.parse(input.endsAt) : undefined,
    closed: input.closed ?? false,
    members: input.members.map((address) => ({
      address: lower(address),
      name: input.names?.[address] ?? nameFromAddress(address),
    })),
    messages: input.messages.map((message) => ({
      ...message,
      from: lower(message.from),
      at: Date.parse(message.at),
    })),
    checkIns: input.checkIns.map((checkIn) => ({
      ...checkIn,
      from: lower(checkIn.from),
      at: Date.parse(checkIn.at),
    })),
  };
}
