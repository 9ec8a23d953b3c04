/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { loadConfig } from '../../config';
import { participants, users } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { createLogger } from '../../logger';
import { transitionProgram } from '../../programs/lifecycle/program-service';
import { linkToken, outboxWhere } from '../../programs/test-mail';
import { createTestProgram } from '../../programs/testing';

describe.each(databaseKinds())('program pages on %s', (kind) => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const config = loadConfig({ PUBLIC_URL: 'https://pp.example.org', PEERPOST_DEMO: 'false' });
    app = createApp({ config, database, logger: createLogger('silent'), instanceId: 'test' });
  });
  afterAll(() => database.close());

  /** GET a form, returning its CSRF cookie and field. */
  async function openForm(path: string) {
    const response = await app.request(path);
    const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    const html = await response.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    return { response, html, cookie, csrf };
  }

  const post = (path: string, cookie: string, fields: Record<string, string>) =>
    app.request(path, { method: 'POST', headers: { cookie }, body: new URLSearchParams(fields) });

  it('signs up through the join form, escapes input, and confirms by emailed link', async () => {
    const program = await createTestProgram(database.db, { name: 'Circle <b>One</b>' });
    expect((await app.request(`/join/${program.slug}`)).status).toBe(404);
    await transitionProgram(database.db, program.id, 'enrolling');
    const form = await openForm(`/join/${program.slug}`);
    expect(form.response.status).toBe(200);
    expect(form.html).toContain('Circle &lt;b&gt;One&lt;/b&gt;');
    expect(form.cookie).toMatch(/^pp_csrf=/);

    const fields = {
      email: 'Joiner@Example.org',
      name: '<script>x</script>',
      career_stage: 'mid',
      time_zone: 'Mars/Base',
    };
    const bad = await post(`/join/${program.slug}`, form.cookie, { ...fields, csrf: form.csrf });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('not a known time zone');
    expect(badHtml).not.toContain('<script>x</script>');

    const noCsrf = await post(`/join/${program.slug}`, form.cookie, {
      ...fields,
      time_zone: 'UTC',
      csrf: 'wrong',
    });
    expect(noCsrf.status).toBe(403);

    const ok = await post(`/join/${program.slug}`, form.cookie, {
      ...fields,
      time_zone: 'UTC',
      csrf: form.csrf,
    });
    expect(ok.status).toBe(200);
    const [pending] = await database.db
      .select({ status: participants.status })
      .from(participants)
      .innerJoin(users, eq(users.id, participants.userId))
      .where(eq(users.email, 'joiner@example.org'));
    expect(pending!.status).toBe('pending');

    const [mail] = await outboxWhere(database.db, 'sign-up:');
    expect(mail!.textBody).toContain('https://pp.example.org/confirm/');
    const token = linkToken(mail!.textBody, 'confirm');
    const confirmPage = await openForm(`/confirm/${token}`);
    expect(confirmPage.response.status).toBe(200);
    const confirmed = await post(`/confirm/${token}`, confirmPage.cookie, { csrf: confirmPage.csrf });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You are in');
    const again = await post(`/confirm/${token}`, confirmPage.cookie, { csrf: confirmPage.csrf });
    expect(again.status).toBe(410);
  });

  it('answers unknown, used or malformed link tokens with an expired page', async () => {
    expect((await app.request('/exit/not-a-token')).status).toBe(410);
    expect((await app.request(`/survey/${'a'.repeat(43)}`)).status).toBe(410);
    expect((await app.request(`/check-in/${'a'.repeat(43)}?score=3`)).status).toBe(410);
    expect((await app.request(`/check-in/${'a'.repeat(43)}?score=7`)).status).toBe(400);
  });
});
