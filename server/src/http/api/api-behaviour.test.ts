// What the routes do beyond who may call them: hardening (CORS, body limit), operations (readiness,
// metrics), the member's own data (tokens, export, erasure, snooze, leave) and the coordinator's audit trail.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { auditLog, matches, nudges, users } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { deliverNudge } from '../../health/nudges/deliver-nudge';
import { type ApiWorld, createApiWorld, type SignedInPersona, testAppContext } from './testing/api-world';

describe.each(databaseKinds())('API behaviour on %s', (kind) => {
  let database: TestDatabase;
  let world: ApiWorld;
  let app: ReturnType<typeof createApp>;
  let worlds = 0;
  const call = (path: string, as: SignedInPersona | undefined, init: RequestInit = {}, w = world) => {
    const headers = new Headers(init.headers);
    if (as) headers.set('authorization', `Bearer ${w.tokens[as]}`);
    if (typeof init.body === 'string' && !headers.has('content-type'))
      headers.set('content-type', 'application/json');
    return app.request(path, { ...init, headers });
  };
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    world = await createApiWorld(database.db);
    app = createApp(testAppContext(database));
  });
  afterAll(() => database.close());

  it('answers CORS only for the configured extension and dashboard origins', async () => {
    const preflight = (origin: string) =>
      app.request('/api/me', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://abcdefghijklmnopabcdefghijklmnop',
      'https://dashboard.example.org',
    ]) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin);
    }
    for (const origin of ['chrome-extension://someotherextensionidxxxxxxxxxxx', 'https://evil.example']) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
    }
    // The request itself (after the preflight): the origin again only when allowed, and Vary either way.
    const get = (origin: string) => call('/api/me', 'participantOfMatch', { headers: { origin } });
    const allowed = await get('https://dashboard.example.org');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.org');
    expect(allowed.headers.get('vary')).toContain('Origin');
    const refused = await get('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('vary')).toContain('Origin');
  });

  it('refuses oversized bodies with 413 and sets secure headers and a request id', async () => {
    const response = await call('/api/me/profile', 'participantOfMatch', {
      method: 'PATCH',
      body: JSON.stringify({ name: 'x'.repeat(400_000) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('reports readiness and Prometheus metrics', async () => {
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, database: true, outbox: { ok: true } });
    await call('/api/me', 'participantOfMatch');
    const text = await (await app.request('/metrics')).text();
    expect(text).toMatch(/peerpost_http_requests_total\{method="GET",route="\/api\/me",status="200"\} \d+/);
    expect(text).toMatch(/peerpost_matches\{health_status="steady"\} \d+/);
    expect(text).toContain('# TYPE peerpost_outbox_jobs gauge');
    expect(text).toContain('# TYPE peerpost_mailbox_sync_lag_seconds gauge');
  });

  it('lists tokens by prefix only and revokes one so it stops working', async () => {
    const listed = (await (await call('/api/tokens', 'participantOfMatch')).json()) as {
      tokens: Array<{ id: string; prefix: string; current: boolean }>;
    };
    expect(listed.tokens.length).toBe(2);
    expect(JSON.stringify(listed)).not.toContain(world.tokens.participantOfMatch);
    const current = listed.tokens.find((token) => token.current)!;
    expect(world.tokens.participantOfMatch.startsWith(current.prefix)).toBe(true);
    const fresh = await createApiWorld(database.db, `-${++worlds}`);
    const [own] = (
      (await (await call('/api/tokens', 'participantOfMatch', {}, fresh)).json()) as typeof listed
    ).tokens.filter((token) => token.current);
    expect(
      (await call(`/api/tokens/${own!.id}`, 'participantOfMatch', { method: 'DELETE' }, fresh)).status,
    ).toBe(200);
    expect((await call('/api/me', 'participantOfMatch', {}, fresh)).status).toBe(401);
  });

  it('snoozes reminders so that the nudge path skips the person', async () => {
    const fresh = await createApiWorld(database.db, `-${++worlds}`);
    const response = await call(
      `/api/matches/${fresh.matchId}/snooze`,
      'participantOfMatch',
      {
        method: 'POST',
        body: JSON.stringify({ days: 5 }),
      },
      fresh,
    );
    expect(response.status).toBe(200);
    const [program] = await database.db.select().from(matches).where(eq(matches.id, fresh.matchId));
    const outcome = await deliverNudge(
      database.db,
      {
        matchId: fresh.matchId,
        matchClosed: false,
        programId: program!.programId,
        programAddress: 'p@example.org',
        nudgeEveryDays: 0,
      },
      {
        userId: fresh.userIds.participantOfMatch,
        audience: 'member',
        kind: 'quiet',
        reason: 'quiet',
        subject: 's',
        message: 'm',
        dedupeKey: `after-snooze:${fresh.matchId}`,
      },
      new Date(),
    );
    expect(outcome).toEqual({ sent: false, why: 'snoozed' });
  });

  it('lets a member leave (the match closes) and erase themselves after exporting', async () => {
    const fresh = await createApiWorld(database.db, `-${++worlds}`);
    const exported = await (await call('/api/me/export', 'participantOfMatch', {}, fresh)).json();
    expect(exported).toMatchObject({
      person: { id: fresh.userIds.participantOfMatch },
      matches: [{ matchId: fresh.matchId }],
    });
    const erase = await call(
      '/api/me',
      'participantOfMatch',
      { method: 'DELETE', body: JSON.stringify({ confirm: 'erase me' }) },
      fresh,
    );
    expect(erase.status).toBe(200);
    expect(
      await database.db.select().from(users).where(eq(users.id, fresh.userIds.participantOfMatch)),
    ).toEqual([]);
    const [match] = await database.db.select().from(matches).where(eq(matches.id, fresh.matchId));
    expect(match).toMatchObject({ status: 'closed', closeReason: 'member-left' });
    expect(
      (
        await call(
          '/api/me',
          'participantOfMatch',
          { method: 'DELETE', body: JSON.stringify({ confirm: 'yes' }) },
          fresh,
        )
      ).status,
    ).toBe(401);
  });

  it('writes an audit row for coordinator actions and exports', async () => {
    await call(`/api/matches/${world.matchId}/note`, 'coordinatorOfProgram', {
      method: 'POST',
      body: JSON.stringify({ note: 'Spoke with both' }),
    });
    const csv = await call(`/api/programs/${world.programId}/report.csv`, 'coordinatorOfProgram');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toMatch(/^section,metric,value/);
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.actorUserId, world.userIds.coordinatorOfProgram),
          eq(auditLog.organisationId, world.organisationId),
        ),
      );
    const actions = rows.map((row) => row.action);
    expect(actions).toContain('match.note');
    expect(actions).toContain('report.export');
    expect(rows.find((row) => row.action === 'match.note')?.details).toMatchObject({
      note: 'Spoke with both',
    });
  });

  it('lets a coordinator keep a quiet pair open, so auto-conclusion leaves it alone', async () => {
    const before = await database.db.select().from(matches).where(eq(matches.id, world.matchId));
    expect(before[0]!.keepOpen).toBe(false);
    const response = await call(`/api/matches/${world.matchId}/keep-open`, 'coordinatorOfProgram', {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    const [after] = await database.db.select().from(matches).where(eq(matches.id, world.matchId));
    expect(after!.keepOpen).toBe(true);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'match.keep-open'), eq(auditLog.targetId, world.matchId)));
    expect(audit?.actorUserId).toBe(world.userIds.coordinatorOfProgram);
  });

  it('imports participants from an uploaded CSV and refuses a bad file without importing', async () => {
    const path = `/api/programs/${world.programId}/participants/import`;
    const csvHeaders = { 'content-type': 'text/csv' };
    const bad = await call(path, 'coordinatorOfProgram', {
      method: 'POST',
      headers: csvHeaders,
      body: 'email,name,career_stage\nnot-an-address,Bad,early\n',
    });
    expect(bad.status).toBe(422);
    const form = new FormData();
    form.set(
      'file',
      new Blob(['email,name,career_stage\nzoe@example.org,Zoe,early\n'], { type: 'text/csv' }),
      'people.csv',
    );
    const good = await call(path, 'coordinatorOfProgram', { method: 'POST', body: form });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ imported: true, created: 1 });
    const list = (await (
      await call(`/api/programs/${world.programId}/participants`, 'coordinatorOfProgram')
    ).json()) as {
      participants: Array<{ email: string }>;
    };
    expect(list.participants.map((p) => p.email)).toContain('zoe@example.org');
  });

  it('filters matches by health status for the dashboard', async () => {
    const steady = (await (
      await call(`/api/matches?programId=${world.programId}&health=steady`, 'coordinatorOfProgram')
    ).json()) as {
      matches: Array<{ id: string; members: Array<{ email?: string }> }>;
    };
    expect(steady.matches.map((m) => m.id)).toContain(world.matchId);
    expect(steady.matches[0]!.members[0]!.email).toBeDefined();
    const dormant = (await (await call(`/api/matches?health=dormant`, 'coordinatorOfProgram')).json()) as {
      matches: unknown[];
    };
    expect(dormant.matches).toEqual([]);
    const own = (await (await call('/api/matches', 'participantOfMatch')).json()) as {
      matches: Array<{ members: Array<{ email?: string }> }>;
    };
    expect(own.matches[0]!.members.every((member) => member.email === undefined)).toBe(true);
    expect(await database.db.select().from(nudges).where(eq(nudges.matchId, world.otherMatchId))).toEqual([]);
  });
});
