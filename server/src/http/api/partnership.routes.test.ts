// The sidebar's partnership calls and the agreement link page against a real app and database: members
// accept, propose a cadence, set goals and progress, keep going; strangers and coordinators get 404;
// the emailed link accepts once, only through the page's button.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { matches, outboxJobs } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { createLogger } from '../../logger';
import { currentMembers, type MatchMember } from '../../programs/lifecycle/match-members';
import { transitionProgram } from '../../programs/lifecycle/program-service';
import { runProgramTick } from '../../programs/lifecycle/program-tick';
import { linkToken, outboxTo } from '../../programs/test-mail';
import { approveMatches, createTestProgram, enrolPeople, proposeMatches } from '../../programs/testing';

describe.each(databaseKinds())('partnership API on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let matchId: string;
  let ana: MatchMember;
  let ben: MatchMember;
  const tokens: Record<string, string> = {};

  const call = (path: string, init: RequestInit & { as?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.as) headers.set('authorization', `Bearer ${tokens[init.as]}`);
    if (init.body) headers.set('content-type', 'application/json');
    return app.request(`/api${path}`, { ...init, headers });
  };
  const post = (path: string, as: string, body?: unknown) =>
    call(path, { method: 'POST', as, body: body === undefined ? undefined : JSON.stringify(body) });

  async function signIn(email: string): Promise<string> {
    await call('/auth/request', { method: 'POST', body: JSON.stringify({ email }) });
    const [mail] = await db
      .select()
      .from(outboxJobs)
      .where(and(eq(outboxJobs.purpose, 'sign-in'), eq(outboxJobs.toAddresses, [email])));
    const code = mail!.textBody.match(/code is (\d{6})/)![1]!;
    const response = await call('/auth/verify', { method: 'POST', body: JSON.stringify({ email, code }) });
    return ((await response.json()) as { token: string }).token;
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    const config = loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1:8787' });
    app = createApp({ config, database, logger: createLogger('silent'), instanceId: randomUUID() });
    const program = await createTestProgram(db);
    await transitionProgram(db, program.id, 'enrolling');
    await enrolPeople(db, program, 4, 'api-partnership.org');
    await transitionProgram(db, program.id, 'matching');
    const ids = await proposeMatches(db, program);
    await approveMatches(db, ids);
    await transitionProgram(db, program.id, 'running');
    await runProgramTick(db, new Date(), { publicUrl: config.publicUrl });
    matchId = ids[0]!;
    [ana, ben] = ((await currentMembers(db, [matchId])).get(matchId) ?? []) as [MatchMember, MatchMember];
    const stranger = (await currentMembers(db, [ids[1]!])).get(ids[1]!)![0]!;
    tokens.ana = await signIn(ana.email);
    tokens.ben = await signIn(ben.email);
    tokens.stranger = await signIn(stranger.email);
  });
  afterAll(() => database.close());

  it('shows the agreement and goals in the context and lets members accept and set goals', async () => {
    const token = (await db.select().from(matches).where(eq(matches.id, matchId)))[0]!.token;
    const context = async (as: string) =>
      (await (await call(`/context?plusTokens=${token}`, { as })).json()) as {
        agreement: { acceptedByCaller: boolean; acceptedByAll: boolean; cadenceDays: number };
        goals: { name: string; isCaller: boolean; goals: { id: string; text: string; status: string }[] }[];
      };
    expect((await context('ana')).agreement).toMatchObject({ acceptedByCaller: false, cadenceDays: 7 });

    expect((await post(`/partnership/${matchId}/agreement`, 'ana', { cadenceDays: 10 })).status).toBe(200);
    const accepted = await post(`/partnership/${matchId}/agreement/accept`, 'ben');
    expect(await accepted.json()).toMatchObject({ acceptedByAll: true, cadenceDays: 10 });
    expect((await db.select().from(matches).where(eq(matches.id, matchId)))[0]!.agreedCadenceDays).toBe(10);

    const goals = {
      goals: [
        { kind: 'learn', text: 'Public speaking' },
        { kind: 'offer', text: 'SQL' },
      ],
    };
    expect((await post(`/partnership/${matchId}/goals`, 'ana', goals)).status).toBe(200);
    const seenByBen = await context('ben');
    const anas = seenByBen.goals.find((member) => !member.isCaller)!;
    expect(anas.goals.map((g) => g.text)).toEqual(['Public speaking', 'SQL']);
    expect(seenByBen.goals[0]!.isCaller).toBe(true);

    const goalId = anas.goals[0]!.id;
    expect((await post(`/goals/${goalId}/progress`, 'ben', { status: 'done' })).status).toBe(404);
    expect((await post(`/goals/${goalId}/progress`, 'ana', { status: 'done' })).status).toBe(200);
    expect((await context('ben')).goals.find((m) => !m.isCaller)!.goals[0]!.status).toBe('done');
    expect((await post(`/partnership/${matchId}/keep-going`, 'ben')).status).toBe(200);
  });

  it('rejects bad input with reasons and hides the partnership from strangers', async () => {
    const tooMany = { goals: ['a1', 'b2', 'c3', 'd4'].map((text) => ({ kind: 'learn', text })) };
    expect((await post(`/partnership/${matchId}/goals`, 'ana', tooMany)).status).toBe(400);
    expect((await post(`/partnership/${matchId}/agreement`, 'ana', { cadenceDays: 0 })).status).toBe(400);
    expect((await post(`/goals/${randomUUID()}/progress`, 'ana', { status: 'finished' })).status).toBe(400);
    for (const path of ['agreement/accept', 'keep-going']) {
      expect((await post(`/partnership/${matchId}/${path}`, 'stranger')).status).toBe(404);
    }
    expect((await call(`/partnership/${matchId}/keep-going`, { method: 'POST' })).status).toBe(401);
  });

  it('accepts by the emailed link only through the button, and only once', async () => {
    const [mail] = await outboxTo(db, `agreement:${matchId}:`, ana.email);
    const token = linkToken(mail!.textBody, 'agreement');
    const page = await app.request(`/agreement/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('What we share stays between us.');
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const submit = () =>
      app.request(`/agreement/${token}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: `csrf=${csrf}`,
      });
    const forged = await app.request(`/agreement/${token}`, { method: 'POST', body: new URLSearchParams() });
    expect(forged.status).toBe(403);
    expect((await submit()).status).toBe(200);
    expect((await submit()).status).toBe(410);
    expect((await app.request(`/agreement/${token}`)).status).toBe(410);
  });
});
