// Bad input on every endpoint of the route table: values each route's own schema rejects (wrong types,
// huge strings, unicode, missing and extra fields) must get a 4xx, never a 5xx, and store nothing.

import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createApp } from '../../app';
import { queryRows } from '../../db/client';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { apiRouteTable } from './api';
import { type ApiWorld, createApiWorld, testAppContext } from './testing/api-world';

type Route = (typeof apiRouteTable)[number];
interface Declared {
  body?: { content: Record<string, { schema: z.ZodType }> };
  query?: z.ZodObject;
  params?: z.ZodObject;
}
const declared = (route: Route) => ((route as { request?: Declared }).request ?? {}) as Declared;

/** Text that tends to break parsers: control characters, surrogates, right-to-left marks, huge runs. */
const nastyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('\u0000', '\u202e', '\ud800', "' or 1=1 --", '<script>', '../../etc/passwd', '%00'),
  fc.integer({ min: 1000, max: 300_000 }).map((n) => 'x'.repeat(n)),
);
const nastyValue = fc.oneof(fc.jsonValue(), nastyText, fc.double(), fc.array(nastyText, { maxLength: 5 }));

/** Objects over the schema's own keys (so validation goes deep), plus arbitrary JSON. */
function badObjects(schema: z.ZodType) {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  const keys = shape ? Object.keys(shape) : [];
  const near = keys.length
    ? fc.dictionary(fc.constantFrom(...keys, 'extra'), nastyValue, { maxKeys: keys.length + 1 })
    : fc.object();
  return fc.oneof(near, fc.jsonValue()).filter((value) => !schema.safeParse(value).success);
}

function fillPath(path: string, world: ApiWorld): string {
  const ids: Record<string, string> = {
    matches: world.matchId,
    programs: world.programId,
    tokens: world.spareTokenId,
    'check-ins': world.checkInId,
  };
  return path
    .replace(/\/([\w-]+)\/\{id\}/, (_, resource: string) => `/${resource}/${ids[resource]}`)
    .replace('{key}', world.promptKey);
}

const TABLES = [
  'users',
  'programs',
  'participants',
  'matches',
  'match_members',
  'check_ins',
  'nudges',
  'prompts_sent',
  'outbox_jobs',
  'api_tokens',
  'login_tokens',
  'audit_log',
];

describe.each(databaseKinds())('schema fuzz on %s', (kind) => {
  let database: TestDatabase;
  let world: ApiWorld;
  let app: ReturnType<typeof createApp>;
  const counts = async () =>
    queryRows<Record<string, number>>(
      database.db,
      sql.raw(`select ${TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`),
    );
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    world = await createApiWorld(database.db);
    app = createApp(testAppContext(database));
  });
  afterAll(() => database.close());

  async function send(route: Route, path: string, body?: string) {
    const response = await app.request(`/api${path}`, {
      method: route.method.toUpperCase(),
      headers: {
        authorization: `Bearer ${world.tokens.coordinatorOfProgram}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body,
    });
    return response.status;
  }

  const withBody = apiRouteTable.filter((route) => declared(route).body?.content['application/json']);
  const withQuery = apiRouteTable.filter((route) => declared(route).query);
  const withParams = apiRouteTable.filter((route) => declared(route).params);

  it.each(withBody.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'body of %s',
    async (_, route) => {
      const before = await counts();
      const schema = declared(route).body!.content['application/json']!.schema;
      await fc.assert(
        fc.asyncProperty(badObjects(schema), async (value) => {
          const status = await send(route, fillPath(route.path, world), JSON.stringify(value));
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
        }),
        { numRuns: 12, seed: 6 },
      );
      // Not even JSON.
      expect(await send(route, fillPath(route.path, world), '{"unterminated')).toBe(400);
      expect(await counts()).toEqual(before);
    },
  );

  it.each(withQuery.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'query of %s',
    async (_, route) => {
      const before = await counts();
      const schema = declared(route).query!;
      const keys = Object.keys(schema.shape);
      const queries = fc
        .dictionary(fc.constantFrom(...keys), fc.oneof(nastyText, fc.array(nastyText, { maxLength: 60 })), {
          minKeys: 1,
          maxKeys: keys.length,
        })
        .filter((query) => !schema.safeParse(query).success);
      await fc.assert(
        fc.asyncProperty(queries, async (query) => {
          const search = new URLSearchParams();
          for (const [key, value] of Object.entries(query)) {
            for (const item of [value].flat()) search.append(key, String(item).slice(0, 4000));
          }
          const status = await send(route, `${fillPath(route.path, world)}?${search}`);
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
        }),
        { numRuns: 12, seed: 6 },
      );
      expect(await counts()).toEqual(before);
    },
  );

  it.each(withParams.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'path of %s',
    async (_, route) => {
      const before = await counts();
      const segment = nastyText
        .map((text) => text.slice(0, 2000))
        .filter(
          (text) => text.length > 0 && !declared(route).params!.safeParse({ id: text, key: text }).success,
        );
      await fc.assert(
        fc.asyncProperty(segment, async (text) => {
          const path = route.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(text));
          const body = declared(route).body ? '{}' : undefined;
          const status = await send(route, path, body);
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
        }),
        { numRuns: 10, seed: 6 },
      );
      expect(await counts()).toEqual(before);
    },
  );
});
