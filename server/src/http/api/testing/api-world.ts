// A small world for API tests: two organisations, programs, matches and one person per kind of caller
// the authorization matrix asks about, each with an API token. Only tests and benchmarks import this.
import { randomBytes } from 'node:crypto';
import { issueApiToken } from '../../../auth/api-tokens';
import { loadConfig } from '../../../config';
import type { AppContext } from '../../../context';
import type { Database, Db } from '../../../db/client';
import {
  agreements,
  checkIns,
  goals,
  healthSnapshots,
  matches,
  matchMembers,
  memberships,
  nudges,
  organisations,
  participants,
  programCoordinators,
  programs,
  promptsSent,
  users,
} from '../../../db/schema';
import { createLogger } from '../../../logger';

export const personas = [
  'anonymous',
  'participantOfMatch',
  'participantOfOtherMatch',
  'coordinatorOfProgram',
  'coordinatorOfOtherProgram',
  'adminOfOtherOrganisation',
] as const;
export type Persona = (typeof personas)[number];
export type SignedInPersona = Exclude<Persona, 'anonymous'>;

export interface ApiWorld {
  tokens: Record<SignedInPersona, string>;
  userIds: Record<SignedInPersona, string>;
  organisationId: string;
  programId: string;
  draftProgramId: string;
  otherProgramId: string;
  matchId: string;
  otherMatchId: string;
  matchToken: string;
  checkInId: string;
  promptKey: string;
  /** A second token of participantOfMatch, for revocation. */
  spareTokenId: string;
  /** A goal participantOfMatch recorded. */
  goalId: string;
  /** Active participants of the program in no match yet: the matching pool. */
  poolParticipantIds: string[];
}

export function testAppContext(database: Database, env: Record<string, string> = {}): AppContext {
  return {
    config: loadConfig({
      PUBLIC_URL: 'http://127.0.0.1:8080',
      EXTENSION_IDS: 'abcdefghijklmnopabcdefghijklmnop',
      CORS_ORIGINS: 'https://dashboard.example.org',
      LOG_LEVEL: 'silent',
      ...env,
    }),
    database,
    logger: createLogger('silent'),
    instanceId: 'test',
  };
}

async function person(db: Db, email: string, name = email.split('@')[0]!) {
  const [user] = await db.insert(users).values({ email, name }).returning({ id: users.id });
  return user!.id;
}

async function program(
  db: Db,
  organisationId: string,
  slug: string,
  status: 'running' | 'draft' = 'running',
) {
  const [row] = await db
    .insert(programs)
    .values({ organisationId, name: `Program ${slug}`, slug, address: `${slug}@example.org`, status })
    .returning({ id: programs.id });
  return row!.id;
}

/** An active participant of the program; the matching pool takes everyone who is in no match. */
async function enrol(db: Db, programId: string, email: string) {
  const userId = await person(db, email);
  const [profile] = await db
    .insert(participants)
    .values({
      programId,
      userId,
      careerStage: 'early',
      goals: ['public speaking'],
      skillsOffered: ['sql'],
      sharing: { careerStage: true, goals: true },
    })
    .returning({ id: participants.id });
  return { userId, participantId: profile!.id };
}

/** A running match of two new people in a program. */
export async function pairUp(db: Db, programId: string, emails: [string, string], startedAt = new Date()) {
  const token = randomBytes(8).toString('hex');
  const [match] = await db
    .insert(matches)
    .values({
      programId,
      token,
      status: 'active',
      explanation: ['Both want to get better at public speaking'],
      startedAt,
      healthScore: 72,
      healthStatus: 'steady',
      healthReasons: ['Replies within two days'],
    })
    .returning({ id: matches.id });
  const userIds: string[] = [];
  for (const email of emails) {
    const { userId, participantId } = await enrol(db, programId, email);
    userIds.push(userId);
    await db.insert(matchMembers).values({ matchId: match!.id, participantId, userId });
  }
  return { matchId: match!.id, token, userIds };
}

export async function createApiWorld(db: Db, suffix = ''): Promise<ApiWorld> {
  const [orgA, orgB] = await db
    .insert(organisations)
    .values([
      { name: 'Org A', slug: `org-a${suffix}` },
      { name: 'Org B', slug: `org-b${suffix}` },
    ])
    .returning({ id: organisations.id });
  const programId = await program(db, orgA!.id, 'mentoring');
  const draftProgramId = await program(db, orgA!.id, 'next-round', 'draft');
  const otherProgramId = await program(db, orgA!.id, 'leaders');
  const elsewhere = await program(db, orgB!.id, 'elsewhere');
  const at = (name: string) => `${name}${suffix}@example.org`;
  const main = await pairUp(db, programId, [at('ada'), at('ben')]);
  const other = await pairUp(db, otherProgramId, [at('cy'), at('dee')]);
  await pairUp(db, elsewhere, [at('eve'), at('fay')]);
  const pool: string[] = [];
  for (const name of ['gus', 'hal', 'ivy', 'jo']) {
    pool.push((await enrol(db, programId, at(name))).participantId);
  }
  const coordinator = await person(db, at('coord'));
  const otherCoordinator = await person(db, at('coord2'));
  const admin = await person(db, at('admin-b'));
  await db.insert(programCoordinators).values([
    { programId, userId: coordinator },
    { programId: draftProgramId, userId: coordinator },
    { programId: otherProgramId, userId: otherCoordinator },
  ]);
  await db.insert(memberships).values([
    { organisationId: orgA!.id, userId: coordinator, role: 'coordinator' },
    { organisationId: orgA!.id, userId: otherCoordinator, role: 'coordinator' },
    { organisationId: orgB!.id, userId: admin, role: 'admin' },
  ]);
  await db.insert(healthSnapshots).values([
    { matchId: main.matchId, day: '2026-11-01', score: 60, status: 'steady' },
    { matchId: main.matchId, day: '2026-11-02', score: 72, status: 'steady' },
  ]);
  const ada = main.userIds[0]!;
  const [checkIn] = await db
    .insert(checkIns)
    .values({ matchId: main.matchId, userId: ada, dueAt: new Date() })
    .returning({ id: checkIns.id });
  await db.insert(promptsSent).values({ matchId: main.matchId, promptKey: 'first-goal' });
  await db.insert(nudges).values({
    matchId: main.matchId,
    userId: ada,
    audience: 'member',
    kind: 'quiet',
    reason: 'No reply for ten days',
    dedupeKey: `quiet:${main.matchId}:${ada}`,
  });
  const userIds: ApiWorld['userIds'] = {
    participantOfMatch: ada,
    participantOfOtherMatch: other.userIds[0]!,
    coordinatorOfProgram: coordinator,
    coordinatorOfOtherProgram: otherCoordinator,
    adminOfOtherOrganisation: admin,
  };
  const tokens = {} as ApiWorld['tokens'];
  for (const [persona, userId] of Object.entries(userIds) as [SignedInPersona, string][]) {
    tokens[persona] = (await issueApiToken(db, userId, persona)).token;
  }
  const spare = await issueApiToken(db, ada, 'spare');
  await db.insert(agreements).values({ matchId: main.matchId, cadenceDays: 7 });
  const [goal] = await db
    .insert(goals)
    .values({ matchId: main.matchId, userId: ada, kind: 'learn', text: 'Public speaking' })
    .returning({ id: goals.id });
  return {
    tokens,
    userIds,
    organisationId: orgA!.id,
    programId,
    draftProgramId,
    otherProgramId,
    matchId: main.matchId,
    otherMatchId: other.matchId,
    matchToken: main.token,
    checkInId: checkIn!.id,
    promptKey: 'first-goal',
    spareTokenId: spare.id,
    goalId: goal!.id,
    poolParticipantIds: pool,
  };
}
