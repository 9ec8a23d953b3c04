// The coordinator's matching review through the API: propose → pin, block, swap, unmatch, rematch →
// approve changes the proposal and queues each intro once; callers outside the program get 404; bad
// bodies get 400 with field reasons; every change is audited, refused ones are not.
import type { MatchingApproval, MatchingProposal } from '@peerpost/shared';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { issueApiToken } from '../../auth/api-tokens';
import { auditLog, matchConstraints, memberships, outboxJobs, participants, users } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { type ApiWorld, createApiWorld, type SignedInPersona, testAppContext } from './testing/api-world';

describe.each(databaseKinds())('matching review API on %s', (kind) => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let worlds = 0;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createApp(testAppContext(database));
  });
  afterAll(() => database.close());

  const newWorld = () => createApiWorld(database.db, `-m${++worlds}`);
  const send = (w: ApiWorld, token: string, action: string, body?: unknown) =>
    app.request(`/api/programs/${w.programId}/matching${action ? `/${action}` : ''}`, {
      method: action ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  /** A command as the program's coordinator; anything but 200 fails the test with the server's answer. */
  async function review<T = MatchingProposal>(w: ApiWorld, action: string, body?: unknown): Promise<T> {
    const response = await send(w, w.tokens.coordinatorOfProgram, action, body);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as T;
  }
  const together = (view: MatchingProposal, a: string, b: string) =>
    view.matches.find((m) => m.members.some((p) => p.id === a) && m.members.some((p) => p.id === b));
  const matchOf = (view: MatchingProposal, person: string) =>
    view.matches.find((m) => m.members.some((p) => p.id === person))!;
  const partnerOf = (view: MatchingProposal, person: string) =>
    matchOf(view, person).members.find((p) => p.id !== person)!.id;
  const auditedActions = async (w: ApiWorld) =>
    (
      await database.db
        .select({ action: auditLog.action, targetId: auditLog.targetId })
        .from(auditLog)
        .where(and(like(auditLog.action, 'matching.%'), eq(auditLog.targetId, w.programId)))
        .orderBy(auditLog.id)
    ).map((row) => row.action);
  const intros = (w: ApiWorld) =>
    database.db
      .select({ key: outboxJobs.idempotencyKey, to: outboxJobs.toAddresses })
      .from(outboxJobs)
      .where(and(eq(outboxJobs.programId, w.programId), eq(outboxJobs.purpose, 'intro')));

  it('proposes, pins, blocks, swaps, unmatches, rematches and approves, queueing each intro once', async () => {
    const w = await newWorld();
    const pool = new Set(w.poolParticipantIds);
    const empty = await review(w, '');
    expect(empty.matches).toEqual([]);
    expect(empty.unmatched.map((p) => p.id).sort()).toEqual([...pool].sort());

    const proposal = await review(w, 'propose');
    expect(proposal.matches).toHaveLength(2);
    expect(proposal.unmatched).toEqual([]);
    expect(proposal.totals).toMatchObject({ matches: 2, people: 4, unmatched: 0 });
    for (const match of proposal.matches) {
      expect(match.members.every((p) => pool.has(p.id) && p.email.includes('@'))).toBe(true);
      expect(match.explanation.length).toBeGreaterThan(0);
      expect(typeof match.score).toBe('number');
    }
    expect(await review(w, '')).toEqual(proposal);

    // Pin two people of different matches: they get a pinned match, the two they left pair up.
    const [first, second] = proposal.matches;
    const a = first!.members[0]!.id;
    const b = second!.members[0]!.id;
    const pinned = await review(w, 'pin', { a, b });
    expect(together(pinned, a, b)?.pinned).toBe(true);
    expect(pinned.totals.matches).toBe(2);

    // Block the pinned pair: the pin is replaced, both are freed and may not be matched again.
    const blocked = await review(w, 'block', { a, b });
    expect(together(blocked, a, b)).toBeUndefined();
    expect(blocked.unmatched.map((p) => p.id).sort()).toEqual([a, b].sort());
    const again = await review(w, 'propose');
    expect(again.totals).toMatchObject({ matches: 2, unmatched: 0 });
    expect(together(again, a, b)).toBeUndefined();

    // Swapping a with b's partner would put a with b: refused, and nothing changes.
    const refused = await send(w, w.tokens.coordinatorOfProgram, 'swap', { a, b: partnerOf(again, b) });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'must never be matched',
    );
    expect(await review(w, '')).toEqual(again);
    const [partnerOfA, partnerOfB] = [partnerOf(again, a), partnerOf(again, b)];
    const swapped = await review(w, 'swap', { a, b });
    expect(together(swapped, a, partnerOfB)).toBeDefined();
    expect(together(swapped, b, partnerOfA)).toBeDefined();
    expect(matchOf(swapped, a).explanation[0]).toBe('changed by the coordinator');

    // Unmatch a's match: both are unmatched; rematching the other match's b keeps b from that partner.
    const unmatched = await review(w, 'unmatch', { matchId: matchOf(swapped, a).id });
    expect(unmatched.matches).toHaveLength(1);
    expect(unmatched.unmatched.map((p) => p.id).sort()).toEqual([a, partnerOfB].sort());
    const rematched = await review(w, 'rematch', { participantId: b });
    expect(rematched.totals).toMatchObject({ matches: 2, unmatched: 0 });
    expect(partnerOf(rematched, b)).not.toBe(partnerOfA);
    expect(together(rematched, a, b)).toBeUndefined();

    const approval = await review<MatchingApproval>(w, 'approve');
    expect(approval.approvedMatchIds.sort()).toEqual(rematched.matches.map((m) => m.id).sort());
    expect(approval.programStatus).toBe('running');
    const queued = await intros(w);
    expect(queued.map((job) => job.key).sort()).toEqual(
      approval.approvedMatchIds.map((id) => `intro:${id}`).sort(),
    );
    const emails = rematched.matches.flatMap((m) => m.members.map((p) => p.email));
    expect(queued.flatMap((job) => job.to).sort()).toEqual(emails.sort());

    // Approving again has nothing to approve and queues nothing more.
    expect((await send(w, w.tokens.coordinatorOfProgram, 'approve')).status).toBe(409);
    expect(await intros(w)).toHaveLength(2);
    const after = await review(w, '');
    expect(after.matches).toEqual([]);
    expect(after.unmatched).toEqual([]);
    expect(await auditedActions(w)).toEqual([
      'matching.propose',
      'matching.pin',
      'matching.block',
      'matching.propose',
      'matching.swap',
      'matching.unmatch',
      'matching.rematch',
      'matching.approve',
    ]);
  });

  it('answers 404 to a participant, a coordinator of another program and an admin of another organisation', async () => {
    const w = await newWorld();
    const proposal = await review(w, 'propose');
    const [a, b] = proposal.matches[0]!.members.map((p) => p.id);
    const outsiders: SignedInPersona[] = [
      'participantOfMatch',
      'participantOfOtherMatch',
      'coordinatorOfOtherProgram',
      'adminOfOtherOrganisation',
    ];
    for (const persona of outsiders) {
      for (const [action, body] of [
        ['', undefined],
        ['propose', undefined],
        ['pin', { a, b }],
        ['block', { a, b }],
        ['swap', { a, b: proposal.matches[1]!.members[0]!.id }],
        ['unmatch', { matchId: proposal.matches[0]!.id }],
        ['rematch', { participantId: a }],
        ['approve', undefined],
      ] as const) {
        const response = await send(w, w.tokens[persona], action, body);
        expect(response.status, `${persona} ${action}`).toBe(404);
        expect(await response.text()).not.toContain(a!);
      }
    }
    expect(await review(w, '')).toEqual(proposal);
    expect(await auditedActions(w)).toEqual(['matching.propose']);
    expect(await intros(w)).toEqual([]);
    const anonymous = await app.request(`/api/programs/${w.programId}/matching`);
    expect(anonymous.status).toBe(401);
  });

  it('lets an admin of the program’s organisation review, and audits the admin', async () => {
    const w = await newWorld();
    const [admin] = await database.db
      .insert(users)
      .values({ email: `org-admin-${worlds}@example.org`, name: 'Org Admin' })
      .returning({ id: users.id });
    await database.db
      .insert(memberships)
      .values({ organisationId: w.organisationId, userId: admin!.id, role: 'admin' });
    const { token } = await issueApiToken(database.db, admin!.id, 'dashboard');
    const response = await send(w, token, 'propose');
    expect(response.status).toBe(200);
    expect(((await response.json()) as MatchingProposal).matches).toHaveLength(2);
    const [entry] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'matching.propose'), eq(auditLog.targetId, w.programId)));
    expect(entry?.actorUserId).toBe(admin!.id);
    expect(entry?.organisationId).toBe(w.organisationId);
  });

  it('refuses people and matches of another program as not found, writing nothing', async () => {
    const w = await newWorld();
    await review(w, 'propose');
    const [other] = await database.db
      .select({ id: participants.id })
      .from(participants)
      .where(eq(participants.programId, w.otherProgramId));
    const [mine] = w.poolParticipantIds;
    for (const [action, body] of [
      ['pin', { a: mine, b: other!.id }],
      ['block', { a: other!.id, b: mine }],
      ['swap', { a: mine, b: other!.id }],
      ['rematch', { participantId: other!.id }],
      ['unmatch', { matchId: w.otherMatchId }],
    ] as const) {
      const response = await send(w, w.tokens.coordinatorOfProgram, action, body);
      expect(response.status, action).toBe(404);
    }
    const constraints = await database.db
      .select()
      .from(matchConstraints)
      .where(eq(matchConstraints.programId, w.programId));
    expect(constraints).toEqual([]);
    expect(await auditedActions(w)).toEqual(['matching.propose']);
  });

  it('answers bad bodies with 400 and a reason per field', async () => {
    const w = await newWorld();
    const [a] = w.poolParticipantIds;
    const fieldsOf = async (action: string, body: unknown) => {
      const response = await send(w, w.tokens.coordinatorOfProgram, action, body);
      expect(response.status, `${action} ${JSON.stringify(body)}`).toBe(400);
      const { error } = (await response.json()) as {
        error: { code: string; fields: Record<string, string> };
      };
      expect(error.code).toBe('EBADINPUT');
      return error.fields;
    };
    expect(Object.keys(await fieldsOf('pin', { a: 'ana@example.org' })).sort()).toEqual(['a', 'b']);
    expect(await fieldsOf('block', { a, b: a })).toEqual({ b: 'Choose two different people' });
    expect(Object.keys(await fieldsOf('swap', { a, b: w.poolParticipantIds[1], c: 1 }))).toEqual(['(body)']);
    expect(Object.keys(await fieldsOf('unmatch', {}))).toEqual(['matchId']);
    expect(Object.keys(await fieldsOf('rematch', { participantId: 42 }))).toEqual(['participantId']);
    const badId = await app.request('/api/programs/not-a-uuid/matching', {
      headers: { authorization: `Bearer ${w.tokens.coordinatorOfProgram}` },
    });
    expect(badId.status).toBe(400);
    expect(await auditedActions(w)).toEqual([]);
  });

  it('approves once when two coordinators approve at the same moment', async () => {
    const w = await newWorld();
    const proposal = await review(w, 'propose');
    const statuses = await Promise.all(
      [1, 2].map(async () => (await send(w, w.tokens.coordinatorOfProgram, 'approve')).status),
    );
    expect(statuses.sort()).toEqual([200, 409]);
    expect((await intros(w)).map((job) => job.key).sort()).toEqual(
      proposal.matches.map((match) => `intro:${match.id}`).sort(),
    );
    expect(await auditedActions(w)).toEqual(['matching.propose', 'matching.approve']);
  });

  it('refuses review in a program that is not matching or running', async () => {
    const w = await newWorld();
    const response = await app.request(`/api/programs/${w.draftProgramId}/matching/propose`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens.coordinatorOfProgram}` },
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('draft');
  });
});
