// GET /api/context and the caller's token are served from memory: every change to what the context shows,
// written straight to the database as any process might, must show on the very next request, and a
// revoked token must stop working at once.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../app';
import { issueApiToken } from '../../../auth/api-tokens';
import type { Db } from '../../../db/client';
import {
  agreements,
  apiTokens,
  checkIns,
  goals,
  healthSnapshots,
  matches,
  matchMembers,
  participants,
  programCoordinators,
  programs,
  prompts,
  promptsSent,
  users,
} from '../../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../db/testing';
import { type ApiWorld, createApiWorld, type SignedInPersona, testAppContext } from '../testing/api-world';

describe.each(databaseKinds())('cached sidebar context on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let world: ApiWorld;
  let app: ReturnType<typeof createApp>;
  let ben: string;

  const get = (as: SignedInPersona, token = world.tokens[as]) =>
    app.request(`/api/context?plusTokens=${world.matchToken}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  const context = async (as: SignedInPersona = 'participantOfMatch') => {
    const response = await get(as);
    expect(response.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: the assertions below name the fields they read
    return (await response.json()) as any;
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    world = await createApiWorld(db);
    app = createApp(testAppContext(database, { API_RATE_LIMIT: '0' }));
    const [member] = await db
      .select({ userId: matchMembers.userId })
      .from(matchMembers)
      .innerJoin(users, eq(users.id, matchMembers.userId))
      .where(and(eq(matchMembers.matchId, world.matchId), eq(users.email, 'ben@example.org')));
    ben = member!.userId;
  });
  afterAll(() => database.close());

  // Each case starts from a view already in memory (asked twice: the first answer may precede the
  // subscription to change notices).
  beforeEach(async () => {
    await context();
    await context();
    await context('coordinatorOfProgram');
  });

  it('shows new health, a new snapshot in the trend, and a new status', async () => {
    await db.update(matches).set({ healthScore: 31, healthReasons: ['Quiet for three weeks'] });
    expect((await context()).health).toMatchObject({ score: 31, reasons: ['Quiet for three weeks'] });
    expect((await context('coordinatorOfProgram')).health.score).toBe(31);
    await db
      .insert(healthSnapshots)
      .values({ matchId: world.matchId, day: '2026-11-03', score: 31, status: 'at-risk' });
    expect((await context()).health.trend.at(-1)).toBe(31);
    await db.update(matches).set({ status: 'closed' }).where(eq(matches.id, world.matchId));
    expect((await context()).match.status).toBe('closed');
    await db.update(matches).set({ status: 'active' }).where(eq(matches.id, world.matchId));
  });

  it('shows a check-in once it is due and drops it once answered', async () => {
    await db.update(checkIns).set({ answeredAt: new Date() }).where(eq(checkIns.matchId, world.matchId));
    expect((await context()).pendingCheckIn).toBeNull();
    const [due] = await db
      .insert(checkIns)
      .values({ matchId: world.matchId, userId: world.userIds.participantOfMatch, dueAt: new Date() })
      .returning({ id: checkIns.id });
    expect((await context()).pendingCheckIn?.id).toBe(due!.id);
    const answered = await app.request(`/api/check-ins/${due!.id}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${world.tokens.participantOfMatch}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ score: 4 }),
    });
    expect(answered.status).toBe(200);
    expect((await context()).pendingCheckIn).toBeNull();
  });

  it('shows a check-in that falls due later without any write', async () => {
    const dueAt = new Date(Date.now() + 400);
    const [later] = await db
      .insert(checkIns)
      .values({ matchId: world.matchId, userId: world.userIds.participantOfMatch, dueAt })
      .returning({ id: checkIns.id });
    expect((await context()).pendingCheckIn?.id).not.toBe(later!.id);
    expect((await context()).pendingCheckIn?.id).not.toBe(later!.id);
    await new Promise((resolve) => setTimeout(resolve, dueAt.getTime() - Date.now() + 50));
    expect((await context()).pendingCheckIn?.id).toBe(later!.id);
    await db.update(checkIns).set({ answeredAt: new Date() }).where(eq(checkIns.id, later!.id));
  });

  it('shows goals, the agreement and the next prompt as they change', async () => {
    await db
      .insert(goals)
      .values({ matchId: world.matchId, userId: ben, kind: 'offer', text: 'Slide design' });
    const partnerGoals = (await context()).goals.find((member: { isCaller: boolean }) => !member.isCaller);
    expect(partnerGoals.goals.map((goal: { text: string }) => goal.text)).toEqual(['Slide design']);
    await db
      .update(agreements)
      .set({ acceptedBy: { [world.userIds.participantOfMatch]: new Date().toISOString() } })
      .where(eq(agreements.matchId, world.matchId));
    expect((await context()).agreement.acceptedByCaller).toBe(true);
    await db.insert(prompts).values([
      { programId: world.programId, key: 'intro', stage: 'forming', week: 1, title: 'Say hello', body: 'Hi' },
      { programId: world.programId, key: 'habits', stage: 'forming', week: 2, title: 'Habits', body: 'How?' },
    ]);
    expect((await context()).nextPrompt?.key).toBe('intro');
    await db.insert(promptsSent).values({ matchId: world.matchId, promptKey: 'intro' });
    expect((await context()).nextPrompt?.key).toBe('habits');
  });

  it('shows the partner as they now share themselves, and program changes', async () => {
    await db.update(users).set({ name: 'Benjamin' }).where(eq(users.id, ben));
    expect((await context()).partners[0].name).toBe('Benjamin');
    await db
      .update(participants)
      .set({ sharing: { careerStage: false, goals: true }, goals: ['public speaking', 'negotiation'] })
      .where(eq(participants.userId, ben));
    const partner = (await context()).partners[0];
    expect(partner.careerStage).toBeUndefined();
    expect(partner.goals).toEqual(['public speaking', 'negotiation']);
    await db.update(programs).set({ name: 'Mentoring 2027' }).where(eq(programs.id, world.programId));
    expect((await context()).program.name).toBe('Mentoring 2027');
  });

  it('follows who may see the match: a member who left, a new coordinator', async () => {
    expect((await get('coordinatorOfOtherProgram')).status).toBe(404);
    await db
      .insert(programCoordinators)
      .values({ programId: world.programId, userId: world.userIds.coordinatorOfOtherProgram });
    expect((await get('coordinatorOfOtherProgram')).status).toBe(200);
    await db
      .delete(programCoordinators)
      .where(eq(programCoordinators.userId, world.userIds.coordinatorOfOtherProgram));
    expect((await get('coordinatorOfOtherProgram')).status).toBe(404);

    await db.update(matchMembers).set({ leftAt: new Date() }).where(eq(matchMembers.userId, ben));
    expect((await context()).partners).toEqual([]);
    await db.update(matchMembers).set({ leftAt: null }).where(eq(matchMembers.userId, ben));
  });

  it('stops honouring a token the moment it is revoked, by the API or in the database', async () => {
    const extra = await issueApiToken(db, world.userIds.participantOfMatch, 'extension');
    expect((await get('participantOfMatch', extra.token)).status).toBe(200);
    expect((await get('participantOfMatch', extra.token)).status).toBe(200);
    const revoke = await app.request(`/api/tokens/${extra.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${world.tokens.participantOfMatch}` },
    });
    expect(revoke.status).toBeLessThan(300);
    expect((await get('participantOfMatch', extra.token)).status).toBe(401);

    expect((await get('participantOfOtherMatch')).status).toBe(404);
    await db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.userId, world.userIds.participantOfOtherMatch));
    expect((await get('participantOfOtherMatch')).status).toBe(401);
  });

  it('stops honouring a token once it expires, without any write', async () => {
    const expiresAt = new Date(Date.now() + 400);
    await db
      .update(apiTokens)
      .set({ expiresAt })
      .where(eq(apiTokens.userId, world.userIds.coordinatorOfProgram));
    expect((await get('coordinatorOfProgram')).status).toBe(200);
    expect((await get('coordinatorOfProgram')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 50));
    expect((await get('coordinatorOfProgram')).status).toBe(401);
  });
});
