// Test data for health: a program with a coordinator and pairs whose threads are given as
// [member index, days before `now`, new text chars, questions, flag]. Only imported by tests.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import {
  checkIns,
  matches,
  matchMembers,
  messages,
  organisations,
  participants,
  programCoordinators,
  programs,
  users,
} from '../db/schema';

export const DAY = 86_400_000;

export type ThreadLine = [number, number, number?, number?, ('auto' | 'bounce')?];

export interface PairSpec {
  startedDaysAgo: number;
  thread: ThreadLine[];
  checkIns?: [number, number, number][];
  status?: 'active' | 'closed';
  agreedCadenceDays?: number;
  members?: { timeZone?: string; optOut?: boolean; quietHoursStart?: number; quietHoursEnd?: number }[];
}

export interface Fixture {
  programId: string;
  coordinatorId: string;
  pairs: { matchId: string; userIds: string[]; emails: string[] }[];
}

export async function createHealthFixture(
  db: Db,
  now: Date,
  pairs: PairSpec[],
  program: { cadenceDays?: number; healthSettings?: Record<string, unknown> } = {},
): Promise<Fixture> {
  const tag = randomBytes(4).toString('hex');
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const [org] = await db
    .insert(organisations)
    .values({ name: 'Org', slug: `org-${tag}` })
    .returning();
  const [prog] = await db
    .insert(programs)
    .values({
      organisationId: org!.id,
      name: 'Circle',
      slug: 'circle',
      status: 'running',
      cadenceDays: program.cadenceDays ?? 14,
      healthSettings: program.healthSettings ?? {},
      address: `mentoring-${tag}@example.org`,
    })
    .returning();
  const [coordinator] = await db
    .insert(users)
    .values({ email: `coordinator-${tag}@example.org`, name: 'Casey Coordinator' })
    .returning();
  await db.insert(programCoordinators).values({ programId: prog!.id, userId: coordinator!.id });
  const result: Fixture = { programId: prog!.id, coordinatorId: coordinator!.id, pairs: [] };
  for (const [p, spec] of pairs.entries()) {
    const people = await db
      .insert(users)
      .values(
        [0, 1].map((k) => ({
          email: `p${p}m${k}-${tag}@example.org`,
          name: `${k === 0 ? 'Ana' : 'Ben'} P${p}`,
          timeZone: spec.members?.[k]?.timeZone ?? 'UTC',
          nudgesOptOut: spec.members?.[k]?.optOut ?? false,
          quietHoursStart: spec.members?.[k]?.quietHoursStart ?? 21,
          quietHoursEnd: spec.members?.[k]?.quietHoursEnd ?? 8,
        })),
      )
      .returning();
    const profiles = await db
      .insert(participants)
      .values(people.map((person) => ({ programId: prog!.id, userId: person.id, careerStage: 'mid' })))
      .returning();
    const [match] = await db
      .insert(matches)
      .values({
        programId: prog!.id,
        status: spec.status ?? 'active',
        token: `t${p}${tag}`,
        startedAt: ago(spec.startedDaysAgo),
        agreedCadenceDays: spec.agreedCadenceDays,
      })
      .returning();
    await db.insert(matchMembers).values(
      profiles.map((profile, k) => ({
        matchId: match!.id,
        participantId: profile.id,
        userId: people[k]!.id,
      })),
    );
    if (spec.thread.length) {
      await db.insert(messages).values(
        spec.thread.map(([member, days, chars = 600, questions = 0, flag], k) => ({
          programId: prog!.id,
          matchId: match!.id,
          messageId: `<m${k}.${match!.id}@example.org>`,
          fromAddress: people[member]!.email,
          sentAt: ago(days),
          newTextChars: chars,
          questionCount: questions,
          autoReply: flag === 'auto',
          bounce: flag === 'bounce',
        })),
      );
    }
    if (spec.checkIns?.length) {
      await db.insert(checkIns).values(
        spec.checkIns.map(([member, days, score]) => ({
          matchId: match!.id,
          userId: people[member]!.id,
          dueAt: ago(days),
          answeredAt: ago(days),
          score,
        })),
      );
    }
    result.pairs.push({
      matchId: match!.id,
      userIds: people.map((u) => u.id),
      emails: people.map((u) => u.email),
    });
  }
  return result;
}
