// Every route × every kind of caller → allowed or refused, all asserted. The expectations are keyed by the
// route table (and the app's own route list): a route without a row fails the first test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { startSession } from '../../auth/sessions';
import type { Db } from '../../db/client';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { proposeMatches } from '../../programs/matching/proposal';
import { viewProposal } from '../../programs/matching/proposal-view';
import { apiRouteTable } from './api';
import { type ApiWorld, createApiWorld, type Persona, personas, testAppContext } from './testing/api-world';

type Allowed = Persona[] | 'everyone' | 'signed-in';

interface Request {
  path: string;
  body?: unknown;
  contentType?: string;
}

interface Row {
  /** May first bring the world into the state the route needs (e.g. a proposal to review). */
  request(world: ApiWorld, db: Db): Request | Promise<Request>;
  allowed: Allowed;
  /** Lists: "allowed" means the answer contains the world's match or program, not just a 200. */
  sees?(body: unknown, world: ApiWorld): boolean;
  /** The route changes the world in a way later rows must not see: each caller gets a fresh world. */
  fresh?: boolean;
  /** Public routes whose outcome depends on the input, not the caller. */
  status?: number;
  /** A server-rendered page: callers come with a session cookie (pages never read bearer tokens). */
  session?: boolean;
}

const containsMatch = (body: unknown, world: ApiWorld) =>
  (body as { matches: { id: string }[] }).matches.some((match) => match.id === world.matchId);
const containsProgram = (body: unknown, world: ApiWorld) =>
  (body as { programs: { id: string }[] }).programs.some((program) => program.id === world.programId);

const member: Allowed = ['participantOfMatch'];
const staff: Allowed = ['coordinatorOfProgram'];
const either: Allowed = ['participantOfMatch', 'coordinatorOfProgram'];
const match = (w: ApiWorld, rest = '') => ({ path: `/api/matches/${w.matchId}${rest}` });
const program = (w: ApiWorld, rest = '') => ({ path: `/api/programs/${w.programId}${rest}` });
let slugs = 0;
const matching = (w: ApiWorld, action: string, body?: unknown) => ({
  ...program(w, `/matching/${action}`),
  body,
});
/** The world's pool proposed as two matches, for the review commands to act on. */
const proposed = async (w: ApiWorld, db: Db) => {
  await proposeMatches(db, w.programId);
  return (await viewProposal(db, w.programId)).matches;
};

const matrix: Record<string, Row> = {
  'GET /healthz': { request: () => ({ path: '/healthz' }), allowed: 'everyone' },
  'GET /readyz': { request: () => ({ path: '/readyz' }), allowed: 'everyone' },
  'GET /metrics': { request: () => ({ path: '/metrics' }), allowed: 'everyone' },
  'GET /api/openapi.json': { request: () => ({ path: '/api/openapi.json' }), allowed: 'everyone' },
  'POST /api/auth/request': {
    request: () => ({ path: '/api/auth/request', body: { email: `nobody${++slugs}@example.org` } }),
    allowed: 'everyone',
    status: 202,
  },
  'POST /api/auth/verify': {
    // No token is needed to try; a wrong code is refused for everyone alike.
    request: () => ({
      path: '/api/auth/verify',
      body: { email: `nobody${++slugs}@example.org`, code: '123456' },
    }),
    allowed: 'everyone',
    status: 401,
  },
  'GET /api/me': { request: () => ({ path: '/api/me' }), allowed: 'signed-in' },
  'GET /account': { request: () => ({ path: '/account' }), allowed: 'signed-in', session: true },
  'GET /api/context': {
    request: (w) => ({ path: `/api/context?plusTokens=${w.matchToken}` }),
    allowed: either,
  },
  'POST /api/check-ins/{id}': {
    request: (w) => ({ path: `/api/check-ins/${w.checkInId}`, body: { score: 4 } }),
    allowed: member,
  },
  'GET /api/me/profile': { request: () => ({ path: '/api/me/profile' }), allowed: 'signed-in' },
  'PATCH /api/me/profile': {
    request: () => ({ path: '/api/me/profile', body: { quietHoursStart: 22, sharing: { goals: false } } }),
    allowed: 'signed-in',
  },
  'GET /api/me/export': { request: () => ({ path: '/api/me/export' }), allowed: 'signed-in' },
  'DELETE /api/me': {
    request: () => ({ path: '/api/me', body: { confirm: 'erase me' } }),
    allowed: 'signed-in',
    fresh: true,
  },
  'GET /api/tokens': { request: () => ({ path: '/api/tokens' }), allowed: 'signed-in' },
  'DELETE /api/tokens/{id}': { request: (w) => ({ path: `/api/tokens/${w.spareTokenId}` }), allowed: member },
  'GET /api/matches': { request: () => ({ path: '/api/matches' }), allowed: either, sees: containsMatch },
  'GET /api/matches/{id}/health': { request: (w) => match(w, '/health'), allowed: either },
  'GET /api/matches/{id}/timeline': { request: (w) => match(w, '/timeline'), allowed: staff },
  'POST /api/matches/{id}/snooze': {
    request: (w) => ({ ...match(w, '/snooze'), body: { days: 3 } }),
    allowed: member,
  },
  'POST /api/matches/{id}/prompts/{key}/used': {
    request: (w) => ({ ...match(w, `/prompts/${w.promptKey}/used`), body: {} }),
    allowed: member,
  },
  'POST /api/matches/{id}/leave': {
    request: (w) => ({ ...match(w, '/leave'), body: {} }),
    allowed: member,
    fresh: true,
  },
  'POST /api/matches/{id}/nudge': { request: (w) => ({ ...match(w, '/nudge'), body: {} }), allowed: staff },
  'POST /api/matches/{id}/note': {
    request: (w) => ({ ...match(w, '/note'), body: { note: 'Called Ada' } }),
    allowed: staff,
  },
  'POST /api/matches/{id}/flag': { request: (w) => ({ ...match(w, '/flag'), body: {} }), allowed: staff },
  'POST /api/matches/{id}/keep-open': {
    request: (w) => ({ ...match(w, '/keep-open'), body: {} }),
    allowed: staff,
  },
  'GET /api/programs': { request: () => ({ path: '/api/programs' }), allowed: staff, sees: containsProgram },
  'POST /api/programs': {
    request: (w) => ({
      path: '/api/programs',
      body: {
        organisationId: w.organisationId,
        name: 'Spring',
        slug: `spring-${++slugs}`,
        address: 'spring@example.org',
      },
    }),
    allowed: ['coordinatorOfProgram', 'coordinatorOfOtherProgram'],
  },
  'GET /api/programs/{id}': { request: (w) => program(w), allowed: staff },
  'PATCH /api/programs/{id}': {
    request: (w) => ({ ...program(w), body: { goal: 'Grow together' } }),
    allowed: staff,
  },
  'DELETE /api/programs/{id}': {
    request: (w) => ({ path: `/api/programs/${w.draftProgramId}` }),
    allowed: staff,
    fresh: true,
  },
  'GET /api/programs/{id}/participants': { request: (w) => program(w, '/participants'), allowed: staff },
  'POST /api/programs/{id}/participants/import': {
    request: (w) => ({
      ...program(w, '/participants/import?dryRun=true'),
      body: 'email,name,career_stage\nnew@example.org,New Person,early\n',
      contentType: 'text/csv',
    }),
    allowed: staff,
  },
  'GET /api/programs/{id}/unmatched-mail': { request: (w) => program(w, '/unmatched-mail'), allowed: staff },
  'GET /api/programs/{id}/nudges': { request: (w) => program(w, '/nudges'), allowed: staff },
  'GET /api/programs/{id}/report': { request: (w) => program(w, '/report'), allowed: staff },
  'GET /api/programs/{id}/report.csv': { request: (w) => program(w, '/report.csv'), allowed: staff },
  'GET /api/programs/{id}/stats': { request: (w) => program(w, '/stats'), allowed: staff },
  'GET /api/programs/{id}/matching': { request: (w) => program(w, '/matching'), allowed: staff },
  // The review commands change the proposal: each caller gets a fresh world (with its own proposal).
  'POST /api/programs/{id}/matching/propose': {
    request: (w) => matching(w, 'propose'),
    allowed: staff,
    fresh: true,
  },
  'POST /api/programs/{id}/matching/pin': {
    request: (w) => matching(w, 'pin', { a: w.poolParticipantIds[0], b: w.poolParticipantIds[1] }),
    allowed: staff,
    fresh: true,
  },
  'POST /api/programs/{id}/matching/block': {
    request: (w) => matching(w, 'block', { a: w.poolParticipantIds[0], b: w.poolParticipantIds[1] }),
    allowed: staff,
    fresh: true,
  },
  'POST /api/programs/{id}/matching/swap': {
    request: async (w, db) => {
      const [first, second] = await proposed(w, db);
      return matching(w, 'swap', { a: first!.members[0]!.id, b: second!.members[0]!.id });
    },
    allowed: staff,
    fresh: true,
  },
  'POST /api/programs/{id}/matching/unmatch': {
    request: async (w, db) => matching(w, 'unmatch', { matchId: (await proposed(w, db))[0]!.id }),
    allowed: staff,
    fresh: true,
  },
  'POST /api/programs/{id}/matching/rematch': {
    request: async (w, db) =>
      matching(w, 'rematch', { participantId: (await proposed(w, db))[0]!.members[0]!.id }),
    allowed: staff,
    fresh: true,
  },
  'POST /api/programs/{id}/matching/approve': {
    request: async (w, db) => {
      await proposed(w, db);
      return matching(w, 'approve');
    },
    allowed: staff,
    fresh: true,
  },
  'POST /api/partnership/{id}/agreement/accept': {
    request: (w) => ({ path: `/api/partnership/${w.matchId}/agreement/accept` }),
    allowed: member,
  },
  'POST /api/partnership/{id}/agreement': {
    request: (w) => ({ path: `/api/partnership/${w.matchId}/agreement`, body: { cadenceDays: 10 } }),
    allowed: member,
  },
  'POST /api/partnership/{id}/goals': {
    request: (w) => ({
      path: `/api/partnership/${w.matchId}/goals`,
      body: { goals: [{ kind: 'offer', text: 'SQL tuning' }] },
    }),
    allowed: member,
    // Replaces the member's goals, which the goal-progress row needs.
    fresh: true,
  },
  'POST /api/partnership/{id}/keep-going': {
    request: (w) => ({ path: `/api/partnership/${w.matchId}/keep-going` }),
    allowed: member,
  },
  'POST /api/goals/{id}/progress': {
    request: (w) => ({ path: `/api/goals/${w.goalId}/progress`, body: { status: 'moving' } }),
    allowed: member,
  },
};

function isAllowed(allowed: Allowed, persona: Persona): boolean {
  if (allowed === 'everyone') return true;
  if (allowed === 'signed-in') return persona !== 'anonymous';
  return allowed.includes(persona);
}

/** "GET /api/x/{id}" for a route of the table. */
const tableKey = (route: { method: string; path: string }) =>
  `${route.method.toUpperCase()} /api${route.path}`;
const honoKey = (route: { method: string; path: string }) =>
  `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`;

describe.each(databaseKinds())('authorization matrix on %s', (kind) => {
  let database: TestDatabase;
  let world: ApiWorld;
  let app: ReturnType<typeof createApp>;
  let worlds = 0;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    world = await createApiWorld(database.db);
    app = createApp(testAppContext(database));
  });
  afterAll(() => database.close());

  it('has a row for every route of the table and every route the app serves', () => {
    const table = apiRouteTable.map(tableKey);
    const served = app.routes
      .filter(
        (route) => route.method !== 'ALL' && (route.path.startsWith('/api/') || !route.path.includes('/', 1)),
      )
      .filter((route) => route.path !== '/' && !route.path.startsWith('/dev/'))
      .map(honoKey);
    const rows = Object.keys(matrix);
    for (const key of [...table, ...served]) expect(rows, `no matrix row for ${key}`).toContain(key);
    for (const key of rows) expect([...table, ...served], `row for an unknown route ${key}`).toContain(key);
  });

  for (const [route, row] of Object.entries(matrix)) {
    // Refused callers go first, so that a change made by an allowed caller cannot mask a refusal.
    const ordered = [...personas].sort(
      (a, b) => Number(isAllowed(row.allowed, a)) - Number(isAllowed(row.allowed, b)),
    );
    it.each(ordered)(`${route} as %s`, async (persona) => {
      const here = row.fresh ? await createApiWorld(database.db, `-${++worlds}`) : world;
      const { path, body, contentType = 'application/json' } = await row.request(here, database.db);
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = contentType;
      if (persona !== 'anonymous' && row.session) {
        headers.cookie = `pp_session=${(await startSession(database.db, here.userIds[persona])).token}`;
      } else if (persona !== 'anonymous') headers.authorization = `Bearer ${here.tokens[persona]}`;
      const response = await app.request(path, {
        method: route.split(' ')[0],
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const allowed = isAllowed(row.allowed, persona);
      if (row.allowed === 'everyone') {
        expect(response.status).toBe(row.status ?? 200);
      } else if (persona === 'anonymous') {
        expect(response.status).toBe(401);
      } else if (row.sees) {
        expect(response.status).toBe(200);
        expect(row.sees(await response.json(), here)).toBe(allowed);
      } else if (allowed) {
        expect(response.status, await response.clone().text()).toBeLessThan(300);
      } else {
        expect([403, 404]).toContain(response.status);
        expect(await response.text()).not.toContain(here.matchId);
      }
    });
  }
});
