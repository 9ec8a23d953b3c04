// The OpenAPI document is valid OpenAPI 3.1 and lists exactly the routes of the route table, which are
// exactly the routes the app serves under /api.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { apiRouteTable } from './api';
import { testAppContext } from './testing/api-world';

describe('OpenAPI document', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>;
    components: { securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
  };
  beforeAll(async () => {
    // The document does not depend on the database; one kind is enough.
    database = await openTestDatabase(databaseKinds()[0]!);
    app = createApp(testAppContext(database));
    doc = (await (await app.request('/api/openapi.json')).json()) as typeof doc;
  });
  afterAll(() => database.close());

  it('validates against the OpenAPI 3.1 schema', async () => {
    const result = await new Validator().validate(doc as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents exactly the route table, and the app serves exactly that under /api', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const table = apiRouteTable.map((route) => `${route.method} ${route.path}`);
    expect(documented.sort()).toEqual([...table].sort());
    const served = app.routes
      .filter(
        (route) =>
          route.method !== 'ALL' && route.path.startsWith('/api/') && route.path !== '/api/openapi.json',
      )
      .map((route) => `${route.method.toLowerCase()} ${route.path.slice(4).replace(/:(\w+)/g, '{$1}')}`);
    expect([...new Set(served)].sort()).toEqual([...table].sort());
  });

  it('documents both ways to authenticate, bearer token and session cookie, on every secured route', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http' });
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'pp_session',
    });
    const secured = apiRouteTable.filter((route) => 'security' in route);
    expect(secured.length).toBeGreaterThan(20);
    for (const route of secured) {
      const schemes = doc.paths[route.path]?.[route.method]?.security?.flatMap((entry) => Object.keys(entry));
      expect(schemes, `${route.method} ${route.path}`).toEqual(['bearer', 'session']);
    }
  });
});
