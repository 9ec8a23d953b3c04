// The release and test builds load in Chromium; without a signed-in server the sidebar still finds threads on
// every webmail under its real hostnames, stays a quiet tab, renders hostile text as text, and says so
// clearly when a webmail's markup changed. The dashboard's matching review runs against a real server in a
// browser of its own. (The sidebar against the server is in the other suites.)
import { readFileSync } from 'node:fs';
import type { MatchRow, TimelineEntry } from '@peerpost/shared/api/matches';
import type { MatchingProposal } from '@peerpost/shared/api/matching';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../server/src/auth/api-tokens';
import { matches, outboxJobs, users } from '../../server/src/db/schema';
import { recomputeAllHealth } from '../../server/src/health/recompute';
import { type ExtensionBrowser, launchWithExtension } from './harness/browser';
import { addLateSignUps, coordinatorOf, nextSignInCode } from './harness/demo-data';
import { enableWebmail, sidebar, signIn } from './harness/extension-pages';
import { benchNavigations, writeExtensionBench } from './harness/navigation-bench';
import { releaseBuild, screenshotPath, testBuild } from './harness/paths';
import { type PeerpostServer, startPeerpostServer } from './harness/peerpost-server';
import { selfSignedCertificate } from './harness/tls';
import { type FixtureWebmail, fixtureHosts, startFixtureWebmail } from './webmail/server';
import type { FixtureThread } from './webmail/thread';

const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>\u202Etxt.exe\u200B';
const thread: FixtureThread = {
  id: 'quietthread1',
  subject: hostile,
  from: { name: `Mallory ${hostile}`, address: 'mallory@example.org' },
  to: [{ name: 'Ana', address: 'ana@example.org' }],
  cc: [{ name: 'Program', address: 'mentoring+p-abcd12@peerpost.test' }],
  date: '2026-11-20 10:15',
  body: hostile,
};

const second: FixtureThread = { ...thread, id: 'quietthread2', subject: 'Second thread' };

let webmail: FixtureWebmail;
let browser: ExtensionBrowser;

beforeAll(async () => {
  webmail = await startFixtureWebmail(selfSignedCertificate(Object.values(fixtureHosts)));
  webmail.setThreads([thread, second]);
  browser = await launchWithExtension({
    extensionDir: testBuild,
    hosts: Object.fromEntries(Object.values(fixtureHosts).map((host) => [host, webmail.port])),
  });
  await enableWebmail(browser, `https://${fixtureHosts.roundcube}`);
});

afterAll(async () => {
  await browser?.close();
  await webmail?.stop();
});

describe('without a server', () => {
  it.each([
    ['gmail', `https://${fixtureHosts.gmail}/mail/u/0/#inbox/${thread.id}`],
    ['outlook', `https://${fixtureHosts.outlook}/mail/inbox/id/${thread.id}`],
    ['roundcube', `https://${fixtureHosts.roundcube}/?_task=mail&_mbox=INBOX`],
  ])('shows a quiet tab on %s that opens to hostile text rendered as text', async (provider, url) => {
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url);
    if (provider === 'roundcube')
      await page.evaluate(
        (id) => (window as never as { openThread(id: string): void }).openThread(id),
        thread.id,
      );
    const bar = sidebar(page);
    await bar.aside.and(page.locator('[data-state="signed-out"]')).waitFor();
    expect(await bar.tab.getAttribute('aria-expanded')).toBe('false');
    await bar.tab.press('Enter');
    expect(await bar.tab.getAttribute('aria-expanded')).toBe('true');
    const subject = bar.root.locator('h2.subject');
    expect(await subject.textContent()).toContain('<script>window.__pwned=1</script>');
    expect(await subject.textContent()).not.toContain('\u202E');
    expect(await bar.root.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as never as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const box = (await bar.aside.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(400);
    await page.screenshot({ path: screenshotPath(`${provider}-signed-out-hostile-subject`) });
    await page.close();
  });

  it('falls back to the generic reader on an enabled webmail it has no adapter for', async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://${fixtureHosts.roundcube}/generic/${thread.id}`);
    const bar = sidebar(page);
    await bar.aside.and(page.locator(`[data-thread-id="/generic/${thread.id}"]`)).waitFor();
    expect(await bar.aside.getAttribute('data-state')).toBe('signed-out');
    await bar.tab.click();
    await page.screenshot({ path: screenshotPath('generic-fallback-signed-out') });
    await page.close();
  });

  it('reports a webmail whose markup changed instead of breaking the page', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`https://${fixtureHosts.gmail}/mail/u/9/#inbox/${thread.id}`);
    const bar = sidebar(page);
    await bar.root.getByTestId('webmail-changed').waitFor();
    expect(await bar.root.getByTestId('webmail-changed').textContent()).toContain('Gmail changed');
    expect(errors).toEqual([]);
    await page.screenshot({ path: screenshotPath('gmail-webmail-changed') });
    await page.close();
  });

  it('renders the sidebar for each new thread over 50 navigations (benchmark without a server)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://${fixtureHosts.gmail}/mail/u/0/#inbox/${thread.id}`);
    await sidebar(page).aside.waitFor();
    const done = (id: string) => `aside[data-state="signed-out"][data-thread-id="thread-f:${id}"]`;
    const samples = await benchNavigations(page, [
      { threadId: second.id, doneSelector: done(second.id) },
      { threadId: thread.id, doneSelector: done(thread.id) },
    ]);
    expect(samples).toHaveLength(50);
    writeExtensionBench(
      samples,
      'thread DOM swapped in → sidebar rendered after its round trip to the background (no server)',
    );
    await page.close();
  });

  it('follows a webmail page that turns dark while the thread stays open, and the next thread', async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://${fixtureHosts.gmail}/mail/u/0/#inbox/${thread.id}`);
    const bar = sidebar(page);
    await bar.aside.waitFor();
    expect(await bar.aside.getAttribute('data-theme')).toBe('light');
    await page.evaluate(() => {
      document.body.style.background = 'rgb(32, 33, 36)';
      document.body.style.color = '#e8eaed';
    });
    await bar.aside.and(page.locator('[data-theme="dark"]')).waitFor();
    await page.evaluate(
      (id) => (window as never as { openThread(id: string): void }).openThread(id),
      second.id,
    );
    await bar.aside.and(page.locator('[data-theme="dark"]')).waitFor();
    await bar.tab.click();
    await page.screenshot({ path: screenshotPath('gmail-dark-page') });
    await page.close();
  });

  it('lists an enabled webmail in the options page, unregisters it on removal and registers it again', async () => {
    const registered = () =>
      browser.worker.evaluate(async () => {
        const { chrome } = globalThis as unknown as {
          chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> } };
        };
        return (await chrome.scripting.getRegisteredContentScripts()).flatMap(
          (script) => script.matches ?? [],
        );
      });
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('options.html'));
    expect(await registered()).toEqual([`https://${fixtureHosts.roundcube}/*`]);
    await page.screenshot({ path: screenshotPath('options-page') });
    await page.getByRole('button', { name: `Remove https://${fixtureHosts.roundcube}` }).click();
    await expect.poll(registered).toEqual([]);
    await page.getByLabel('Webmail address').fill(`https://${fixtureHosts.roundcube}`);
    await page.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(registered).toEqual([`https://${fixtureHosts.roundcube}/*`]);
    await page.close();
  });

  it('ships a release manifest that asks for no host access beyond Gmail and Outlook', () => {
    const manifest = JSON.parse(readFileSync(`${releaseBuild}/manifest.json`, 'utf8')) as {
      host_permissions?: string[];
      optional_host_permissions: string[];
      content_scripts: Array<{ matches: string[] }>;
      content_security_policy: { extension_pages: string };
    };
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.content_scripts.flatMap((script) => script.matches).sort()).toEqual([
      'https://mail.google.com/*',
      'https://outlook.live.com/*',
      'https://outlook.office.com/*',
    ]);
    expect(manifest.content_security_policy.extension_pages).toMatch(/^script-src 'self';/);
  });
});

describe('matching review in the dashboard, against a real server', () => {
  let server: PeerpostServer;
  let coordinatorBrowser: ExtensionBrowser;
  let token: string;
  /** The test's own view of the proposal, through the same API the dashboard uses. */
  const matching = async (action = '') => {
    const response = await fetch(
      `${server.url}/api/programs/${server.demo.programId}/matching${action && `/${action}`}`,
      { method: action ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as MatchingProposal;
  };

  beforeAll(async () => {
    server = await startPeerpostServer();
    const { db } = server.ctx.database;
    // The demo's people are all paired: four late sign-ups (one with a hostile name) give the review work.
    await addLateSignUps(db, server.demo.programId, [
      'Lena Late',
      `Mallory ${hostile}`,
      'Omar Late',
      'Pia Late',
    ]);
    const coordinator = await coordinatorOf(db, server.demo.programId);
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, coordinator.address));
    token = (await issueApiToken(db, user!.id, 'e2e review')).token;
    coordinatorBrowser = await launchWithExtension({ extensionDir: testBuild });
    await signIn(coordinatorBrowser, server.url, coordinator.address, () =>
      nextSignInCode(db, coordinator.address),
    );
  });

  afterAll(async () => {
    await coordinatorBrowser?.close();
    await server?.stop();
  });

  it('lists the server’s matches, filters and sorts them, shows a timeline and exports the rows as CSV', async () => {
    const api = async <T>(path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as T;
    };
    // Health as the server's scheduler would have stored it, so there is something to sort and filter.
    await recomputeAllHealth(server.ctx.database.db);
    const { matches: listed } = await api<{ matches: MatchRow[] }>(
      `/api/matches?programId=${server.demo.programId}&limit=500`,
    );
    expect(listed.length).toBeGreaterThan(1);
    const page = await coordinatorBrowser.context.newPage();
    await page.goto(coordinatorBrowser.extensionUrl('dashboard.html'));
    const rows = page.locator('tr[aria-selected]');
    await expect.poll(() => rows.count()).toBe(listed.length);
    const statusOf = (row: MatchRow) => row.health?.status ?? 'unknown';
    const scores = () =>
      rows.evaluateAll((trs) => trs.map((tr) => Number.parseInt(tr.children[2]!.textContent ?? '', 10)));
    const known = (values: number[]) => values.filter((value) => !Number.isNaN(value));

    // Sorted by health, lowest first; the header's button turns it round and says so for screen readers.
    const ascending = known(listed.map((row) => row.health?.score ?? Number.NaN)).sort((a, b) => a - b);
    expect(ascending).toHaveLength(listed.length);
    expect(new Set(ascending).size).toBeGreaterThan(1);
    expect(known(await scores())).toEqual(ascending);
    const healthHeader = page.locator('th', { has: page.getByRole('button', { name: 'Health' }) });
    await page.getByRole('button', { name: 'Health', exact: true }).click();
    expect(await healthHeader.getAttribute('aria-sort')).toBe('descending');
    expect(known(await scores())).toEqual([...ascending].reverse());

    // Unticking one health status hides exactly the matches in it.
    const byStatus = new Map<string, number>();
    for (const row of listed) byStatus.set(statusOf(row), (byStatus.get(statusOf(row)) ?? 0) + 1);
    const [hidden, hiddenCount] = [...byStatus].sort((a, b) => b[1] - a[1])[0]!;
    await page.getByLabel(hidden, { exact: true }).uncheck();
    await expect.poll(() => rows.count()).toBe(listed.length - hiddenCount);
    await page.screenshot({ path: screenshotPath('dashboard-matches-filtered'), fullPage: true });

    // The CSV holds the rows shown, under one header line.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toMatch(/^match,status,members,health score,health status/);
    expect(csv).toHaveLength(listed.length - hiddenCount + 1);
    await page.getByLabel(hidden, { exact: true }).check();

    // A match's timeline, as the server tells it.
    const first = listed.find((row) => row.startedAt) ?? listed[0]!;
    const timeline = await api<TimelineEntry[]>(`/api/matches/${first.id}/timeline`);
    await page
      .locator('tr[aria-selected]', { hasText: first.members[0]!.name })
      .filter({ hasText: first.members[1]?.name ?? '' })
      .getByRole('button')
      .click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    const entries = page.locator('section[aria-labelledby="timeline"] li');
    await expect.poll(() => entries.count()).toBe(timeline.length);
    await page.screenshot({ path: screenshotPath('dashboard-match-timeline'), fullPage: true });
    await page.close();
  });

  it('shows the server’s proposal and approves it with a click that reaches the server', async () => {
    const { db } = server.ctx.database;
    const proposal = await matching('propose');
    expect(proposal.matches).toHaveLength(2);
    const page = await coordinatorBrowser.context.newPage();
    await page.goto(coordinatorBrowser.extensionUrl('dashboard.html'));
    const table = page.getByRole('table', { name: 'Proposed matches' });
    await table.locator('tbody tr').nth(1).waitFor();
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-match-id'), row.textContent]));
    expect(shown.map(([id]) => id)).toEqual(proposal.matches.map((match) => match.id));
    for (const [i, match] of proposal.matches.entries()) {
      const text = shown[i]![1]!;
      expect(text).toContain(match.score.toFixed(2));
      expect(text).toContain(match.members.find((m) => !m.name.startsWith('Mallory'))!.email);
    }
    expect(shown.map(([, text]) => text).join(' ')).toContain(
      'Mallory <img src=x onerror="window.__pwned=1">',
    );
    expect(await table.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as never as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: screenshotPath('dashboard-matching-review'), fullPage: true });

    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByRole('button', { name: 'Confirm approval' }).click();
    await expect
      .poll(() => page.getByTestId('review-notice').textContent())
      .toBe('Approved 2 matches; the intro mails are queued.');
    const ids = proposal.matches.map((match) => match.id);
    // Approved, and active once the server's outbox worker has sent the intro.
    const approved = await db
      .select({ status: matches.status, approvedAt: matches.approvedAt })
      .from(matches)
      .where(inArray(matches.id, ids));
    expect(approved).toHaveLength(2);
    for (const row of approved) {
      expect(['approved', 'active']).toContain(row.status);
      expect(row.approvedAt).toBeInstanceOf(Date);
    }
    const intros = await db
      .select({ key: outboxJobs.idempotencyKey })
      .from(outboxJobs)
      .where(
        and(
          eq(outboxJobs.purpose, 'intro'),
          inArray(
            outboxJobs.idempotencyKey,
            ids.map((id) => `intro:${id}`),
          ),
        ),
      );
    expect(intros.map((row) => row.key).sort()).toEqual(ids.map((id) => `intro:${id}`).sort());
    expect((await matching()).matches).toEqual([]);
    expect(await table.locator('tbody tr').count()).toBe(0);
    await page.close();
  });
});
