// The API against a real app and database: sign-in by emailed code, the context call for every kind of
// caller, check-ins, validation and the OpenAPI document.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { loadConfig } from '../../config';
import { checkIns, matches, matchMembers, memberships, outboxJobs, users } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { loadDemo } from '../../demo/load-demo';
import { createLogger } from '../../logger';
import { apiRouteTable } from './api';

describe.each(databaseKinds())('API on %s', (kind) => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let demo: NonNullable<Awaited<ReturnType<typeof loadDemo>>>;
  let other: NonNullable<Awaited<ReturnType<typeof loadDemo>>>;
  const tokens: Record<string, string> = {};
  let pair: { matchId: string; token: string; emails: string[] };
  let otherPairEmail: string;

  const call = (path: string, init: RequestInit & { as?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.as) headers.set('authorization', `Bearer ${tokens[init.as]}`);
    if (init.body) headers.set('content-type', 'application/json');
    return app.request(`/api${path}`, { ...init, headers });
  };

  async function signIn(email: string): Promise<string> {
    expect((await call('/auth/request', { method: 'POST', body: JSON.stringify({ email }) })).status).toBe(
      202,
    );
    const [mail] = await database.db
      .select()
      .from(outboxJobs)
      .where(and(eq(outboxJobs.purpose, 'sign-in'), eq(outboxJobs.toAddresses, [email])));
    const code = mail!.subject.match(/(\d{6})$/)![1]!;
    const response = await call('/auth/verify', { method: 'POST', body: JSON.stringify({ email, code }) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    app = createApp({ config, database, logger: createLogger('silent'), instanceId: randomUUID() });
    demo = (await loadDemo(database.db, { programAddress: 'circle@example.org', participants: 6, seed: 1 }))!;
    other = (await loadDemo(database.db, { programAddress: 'other@example.org', participants: 4, seed: 2 }))!;
    const members = await database.db
      .select({
        matchId: matchMembers.matchId,
        email: users.email,
        token: matches.token,
        programId: matches.programId,
      })
      .from(matchMembers)
      .innerJoin(users, eq(users.id, matchMembers.userId))
      .innerJoin(matches, eq(matches.id, matchMembers.matchId));
    const ours = members.filter((m) => m.programId === demo.programId);
    const first = ours[0]!;
    pair = {
      matchId: first.matchId,
      token: first.token,
      emails: ours.filter((m) => m.matchId === first.matchId).map((m) => m.email),
    };
    const stranger = ours.find((m) => m.matchId !== first.matchId)!;
    otherPairEmail = stranger.email;
    const staff = await database.db
      .select({ email: users.email, role: memberships.role, organisationId: memberships.organisationId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(inArray(memberships.role, ['coordinator', 'admin']));
    const staffOf = (organisationId: string, role: string) =>
      staff.find((row) => row.organisationId === organisationId && row.role === role)!.email;
    tokens.member = await signIn(pair.emails[0]!);
    tokens.stranger = await signIn(otherPairEmail);
    tokens.coordinator = await signIn(staffOf(demo.organisationId, 'coordinator'));
    tokens.otherCoordinator = await signIn(staffOf(other.organisationId, 'coordinator'));
    tokens.otherAdmin = await signIn(staffOf(other.organisationId, 'admin'));
  });
  afterAll(() => database.close());

  it('finds the match by plus-address token and shows the partner, not the caller', async () => {
    const response = await call(`/context?plusTokens=${pair.token}`, { as: 'member' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      role: string;
      partners: Array<{ name: string }>;
      match: { id: string };
    };
    expect(body.role).toBe('participant');
    expect(body.match.id).toBe(pair.matchId);
    expect(body.partners).toHaveLength(1);
  });

  it('finds the match by the people on the thread', async () => {
    const query = pair.emails.map((email) => `participants=${encodeURIComponent(email)}`).join('&');
    const response = await call(`/context?${query}&participants=circle%40example.org`, { as: 'member' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { match: { id: string } }).match.id).toBe(pair.matchId);
  });

  it('gives the coordinator of the program the coordinator view', async () => {
    const response = await call(`/context?plusTokens=${pair.token}`, { as: 'coordinator' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      role: string;
      partners: unknown[];
      coordinator?: { members: unknown[] };
    };
    expect(body.role).toBe('coordinator');
    expect(body.coordinator?.members).toHaveLength(2);
  });

  it.each(['stranger', 'otherCoordinator', 'otherAdmin'])(
    'answers 404 to %s, leaking nothing',
    async (who) => {
      const response = await call(`/context?plusTokens=${pair.token}`, { as: who });
      expect(response.status).toBe(404);
      expect(JSON.stringify(await response.json())).not.toContain(pair.matchId);
    },
  );

  it('answers 401 without a token and with a revoked-looking one', async () => {
    expect((await call(`/context?plusTokens=${pair.token}`)).status).toBe(401);
    const response = await app.request(`/api/context?plusTokens=${pair.token}`, {
      headers: { authorization: 'Bearer pp_nope' },
    });
    expect(response.status).toBe(401);
  });

  it('rejects bad queries with a reason per field', async () => {
    const response = await call('/context?plusTokens=%3Cscript%3E', { as: 'member' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('EBADINPUT');
    expect(Object.keys(body.error.fields)[0]).toMatch(/^plusTokens/);
  });

  it('records a check-in once, only for its own person', async () => {
    const [member] = await database.db.select().from(users).where(eq(users.email, pair.emails[0]!));
    const [checkIn] = await database.db
      .insert(checkIns)
      .values({ matchId: pair.matchId, userId: member!.id, dueAt: new Date(Date.now() - 1000) })
      .returning();
    const context = (await (await call(`/context?plusTokens=${pair.token}`, { as: 'member' })).json()) as {
      pendingCheckIn: { id: string } | null;
    };
    expect(context.pendingCheckIn?.id).toBe(checkIn!.id);
    const body = JSON.stringify({ score: 4, comment: 'Good week' });
    expect((await call(`/check-ins/${checkIn!.id}`, { method: 'POST', body, as: 'stranger' })).status).toBe(
      404,
    );
    expect((await call(`/check-ins/${checkIn!.id}`, { method: 'POST', body, as: 'member' })).status).toBe(
      200,
    );
    expect((await call(`/check-ins/${checkIn!.id}`, { method: 'POST', body, as: 'member' })).status).toBe(
      404,
    );
    const [stored] = await database.db.select().from(checkIns).where(eq(checkIns.id, checkIn!.id));
    expect(stored).toMatchObject({ score: 4, comment: 'Good week' });
    expect(
      (
        await call(`/check-ins/${checkIn!.id}`, {
          method: 'POST',
          body: JSON.stringify({ score: 9 }),
          as: 'member',
        })
      ).status,
    ).toBe(400);
  });

  it('answers sign-in requests the same way for unknown addresses and sends nothing', async () => {
    const before = await database.db.select().from(outboxJobs);
    const response = await call('/auth/request', {
      method: 'POST',
      body: JSON.stringify({ email: 'nobody@example.org' }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ok: true });
    expect(await database.db.select().from(outboxJobs)).toHaveLength(before.length);
  });

  it('accepts a code once, refuses a wrong one, and stores no code in clear', async () => {
    const email = pair.emails[1]!;
    await call('/auth/request', { method: 'POST', body: JSON.stringify({ email }) });
    const [mail] = await database.db
      .select()
      .from(outboxJobs)
      .where(eq(outboxJobs.toAddresses, [email]));
    const code = mail!.subject.match(/(\d{6})$/)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect(
      (await call('/auth/verify', { method: 'POST', body: JSON.stringify({ email, code: wrong }) })).status,
    ).toBe(401);
    const ok = await call('/auth/verify', { method: 'POST', body: JSON.stringify({ email, code }) });
    expect(ok.status).toBe(200);
    const { token, me } = (await ok.json()) as { token: string; me: { email: string } };
    expect(me.email).toBe(email);
    expect(token).toMatch(/^pp_/);
    expect(
      (await call('/auth/verify', { method: 'POST', body: JSON.stringify({ email, code }) })).status,
    ).toBe(401);
    const me2 = await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(((await me2.json()) as { roles: string[] }).roles).toEqual(['participant']);
  });

  it('publishes an OpenAPI 3.1 document with every declared route', async () => {
    const response = await app.request('/api/openapi.json');
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: object }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of apiRouteTable) {
      const path = route.path.replace(/\{(\w+)\}/g, '{$1}');
      expect(doc.paths[path]?.[route.method]?.responses, `${route.method} ${path}`).toBeDefined();
    }
  });
});
