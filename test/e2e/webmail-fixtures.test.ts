import type { TimelineEntry } from '@peerpost/shared/api/matches';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../server/src/auth/api-tokens';
import { auditLog, nudges, users } from '../../server/src/db/schema';
import { apiContext, apiToken } from './harness/api-session';
import { type ExtensionBrowser, launchWithExtension } from './harness/browser';
import {
  addPendingCheckIn,
  addPrompt,
  answeredScore,
  coordinatorOf,
  type DemoMatch,
  demoMatches,
  nextSignInCode,
  peerThread,
  unrelatedThread,
} from './harness/demo-data';
import { enableWebmail, sidebar, signIn, signOut } from './harness/extension-pages';
import { benchNavigations, writeExtensionBench } from './harness/navigation-bench';
import { screenshotPath, testBuild } from './harness/paths';
import { type PeerpostServer, startPeerpostServer } from './harness/peerpost-server';
import { selfSignedCertificate } from './harness/tls';
import { type FixtureWebmail, fixtureHosts, startFixtureWebmail } from './webmail/server';
import type { FixtureThread, Person } from './webmail/thread';

let server: PeerpostServer;
let webmail: FixtureWebmail;
let browser: ExtensionBrowser;
let matches: DemoMatch[];
let reader: Person & { userId: string };
let readerToken: string;
let threads: { peer: FixtureThread; other: FixtureThread; unrelated: FixtureThread; hostile: FixtureThread };

const prompt = 'What is one thing you each want to be able to do by the end of the month?\nWrite it down.';
const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>\u202Etxt.exe\u200B';

const providers = {
  gmail: { url: (id: string) => `https://${fixtureHosts.gmail}/mail/u/0/#inbox/${id}` },
  outlook: { url: (id: string) => `https://${fixtureHosts.outlook}/mail/inbox/id/${id}` },
  roundcube: { url: () => `https://${fixtureHosts.roundcube}/?_task=mail&_mbox=INBOX` },
} as const;
type Provider = keyof typeof providers;

async function openThread(page: Page, provider: Provider, id: string) {
  if (page.url() === 'about:blank' || !page.url().includes(fixtureHosts[provider])) {
    await page.goto(providers[provider].url(id));
    if (provider !== 'roundcube') return;
  }
  await page.evaluate(
    (threadId) => (window as unknown as { openThread(id: string): void }).openThread(threadId),
    id,
  );
}

const nextCode = (address: string) => () => nextSignInCode(server.ctx.database.db, address);

beforeAll(async () => {
  server = await startPeerpostServer();
  matches = await demoMatches(server.ctx.database.db);
  const [first, second] = matches;
  await addPrompt(server.ctx.database.db, server.demo.programId, prompt);
  reader = first!.members[0]!;
  // Hostile data from the server's side too: a partner whose name is a script payload.
  const hostileMatch = matches[2]!;
  await server.ctx.database.db
    .update(users)
    .set({ name: hostile })
    .where(eq(users.id, hostileMatch.members[1]!.userId));
  threads = {
    peer: peerThread(first!, reader, { id: 'peer1thread' }),
    other: peerThread(second!, second!.members[0]!, { id: 'peer2thread' }),
    unrelated: unrelatedThread('lunchthread'),
    hostile: peerThread(hostileMatch, hostileMatch.members[0]!, { id: 'hostilethread', subject: hostile }),
  };
  webmail = await startFixtureWebmail(selfSignedCertificate(Object.values(fixtureHosts)));
  webmail.setThreads(Object.values(threads));
  browser = await launchWithExtension({
    extensionDir: testBuild,
    hosts: Object.fromEntries(Object.values(fixtureHosts).map((host) => [host, webmail.port])),
  });
  await signIn(browser, server.url, reader.address, nextCode(reader.address));
  readerToken = await apiToken(server.url, reader.address, nextCode(reader.address));
  await enableWebmail(browser, `https://${fixtureHosts.roundcube}`);
});

afterAll(async () => {
  await browser?.close();
  await webmail?.stop();
  await server?.stop();
});

describe.each(Object.keys(providers) as Provider[])('on %s', (provider) => {
  it('shows the partner, health and prompt for a peer thread, follows navigation, and stays quiet elsewhere', async () => {
    const expected = await apiContext(server.url, readerToken, {
      participants: [threads.peer.from.address, ...threads.peer.to.map((p) => p.address)],
      plusTokens: [matches[0]!.token],
    });
    const page = await browser.context.newPage();
    const bar = sidebar(page);
    await openThread(page, provider, threads.peer.id);
    await bar.panel.waitFor();
    expect(await bar.panel.getAttribute('data-match-id')).toBe(expected.match.id);
    expect(await bar.partners.first().textContent()).toContain(expected.partners[0]!.name);
    if (expected.health) {
      expect(await bar.healthScore.textContent()).toContain(String(expected.health.score));
    }
    expect(expected.nextPrompt?.body).toBe(prompt);
    expect(await bar.prompt.textContent()).toBe(prompt);
    await page.screenshot({ path: screenshotPath(`${provider}-peer-thread`) });

    await openThread(page, provider, threads.unrelated.id);
    await bar.aside.and(page.locator('[data-state="not-a-match"]')).waitFor();
    expect(await bar.tab.getAttribute('aria-expanded')).toBe('false');
    await page.screenshot({ path: screenshotPath(`${provider}-not-a-match`) });

    await openThread(page, provider, threads.peer.id);
    await bar.panel.waitFor();
    await page.close();
  });
});

describe('actions from the sidebar', () => {
  it('inserts the prompt into the Gmail reply box as plain text', async () => {
    const page = await browser.context.newPage();
    const bar = sidebar(page);
    await openThread(page, 'gmail', threads.peer.id);
    await bar.prompt.waitFor();
    const prompt = (await bar.prompt.textContent())!;
    await bar.button('Insert into reply').click();
    const [firstLine, secondLine] = prompt.split('\n');
    await expect
      .poll(() => page.locator('div[aria-label="Message Body"]').textContent())
      .toContain(firstLine);
    expect(await page.locator('div[aria-label="Message Body"]').textContent()).toContain(secondLine);
    expect(await page.locator('div[aria-label="Message Body"] br').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('gmail-prompt-inserted') });
    await page.close();
  });

  it('inserts the prompt into the Roundcube plain-text compose box', async () => {
    const page = await browser.context.newPage();
    const bar = sidebar(page);
    await page.goto(`https://${fixtureHosts.roundcube}/?_task=mail&_action=compose&_uid=${threads.peer.id}`);
    await bar.prompt.waitFor();
    const prompt = (await bar.prompt.textContent())!;
    await bar.button('Insert into reply').click();
    await expect.poll(() => page.locator('#composebody').inputValue()).toContain(prompt);
    await page.close();
  });

  it('remembers a collapsed sidebar on the next page, and opens again from the keyboard', async () => {
    const page = await browser.context.newPage();
    const bar = sidebar(page);
    await openThread(page, 'gmail', threads.peer.id);
    await bar.panel.waitFor();
    await bar.tab.press('Enter');
    expect(await bar.tab.getAttribute('aria-expanded')).toBe('false');
    expect(await bar.panel.count()).toBe(0);
    await page.close();

    const next = await browser.context.newPage();
    const nextBar = sidebar(next);
    await openThread(next, 'outlook', threads.peer.id);
    await nextBar.aside.and(next.locator('[data-state="match"]')).waitFor();
    expect(await nextBar.tab.getAttribute('aria-expanded')).toBe('false');
    expect(await nextBar.tab.getAttribute('aria-controls')).toBe('peerpost-body');
    await next.screenshot({ path: screenshotPath('outlook-collapsed-remembered') });
    await nextBar.tab.press('Enter');
    await nextBar.panel.waitFor();
    await next.close();
  });

  it('snoozes nudges for a week from the sidebar, on the server', async () => {
    const page = await browser.context.newPage();
    const bar = sidebar(page);
    await openThread(page, 'gmail', threads.peer.id);
    await bar.button('Snooze nudges for a week').click();
    await expect.poll(() => bar.root.getByText('Nudges snoozed for a week.').count()).toBe(1);
    const [snooze] = await server.ctx.database.db
      .select({ until: nudges.snoozedUntil })
      .from(nudges)
      .where(eq(nudges.dedupeKey, `snooze:${matches[0]!.id}:${reader.userId}`));
    expect(snooze?.until?.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3_600_000);
    await page.close();
  });

  it('records a check-in clicked in the sidebar on the server', async () => {
    const checkInId = await addPendingCheckIn(server.ctx.database.db, matches[0]!.id, reader.userId);
    const page = await browser.context.newPage();
    const bar = sidebar(page);
    await openThread(page, 'outlook', threads.peer.id);
    await bar.button('4 out of 5').click();
    await bar.root.getByTestId('checkin-done').waitFor();
    expect(await answeredScore(server.ctx.database.db, checkInId)).toBe(4);
    await page.screenshot({ path: screenshotPath('outlook-check-in-recorded') });
    await page.close();
  });
});

describe('hostile data', () => {
  it('never runs script payloads from subjects or names, and keeps the layout', async () => {
    await signOut(browser);
    const member = matches[2]!.members[0]!;
    await signIn(browser, server.url, member.address, nextCode(member.address));
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const bar = sidebar(page);
    await openThread(page, 'gmail', threads.hostile.id);
    await bar.panel.waitFor();
    expect(await bar.root.locator('img, script').count()).toBe(0);
    expect(await bar.partners.first().textContent()).toContain('<script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const box = (await bar.aside.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(400);
    expect(box.x + box.width).toBeLessThanOrEqual(1280 + 1);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: screenshotPath('gmail-hostile-data') });
    await page.close();
  });
});

describe('coordinator', () => {
  it('sees each match as it navigates, and the benchmark of 50 navigations is recorded', async () => {
    await signOut(browser);
    const coordinator = await coordinatorOf(server.ctx.database.db, server.demo.programId);
    await signIn(browser, server.url, coordinator.address, nextCode(coordinator.address));
    const page = await browser.context.newPage();
    const bar = sidebar(page);
    await openThread(page, 'gmail', threads.peer.id);
    await bar.panel.and(page.locator(`[data-match-id="${matches[0]!.id}"]`)).waitFor();
    await bar.root.getByRole('heading', { name: 'Members' }).waitFor();
    expect(await bar.button('Send a nudge').count()).toBe(1);
    // The match's history, newest first, as the server's timeline has it.
    const { db } = server.ctx.database;
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, coordinator.address));
    const { token } = await issueApiToken(db, user!.id, 'e2e history');
    const response = await fetch(`${server.url}/api/matches/${matches[0]!.id}/timeline`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const timeline = (await response.json()) as TimelineEntry[];
    expect(timeline.length).toBeGreaterThan(0);
    const history = bar.root.getByTestId('match-history').locator('li');
    await history.first().waitFor();
    const shown = await history.evaluateAll((items) =>
      items.map((item) => item.querySelector('time')!.dateTime),
    );
    expect(shown).toEqual(
      timeline
        .slice(-8)
        .reverse()
        .map((entry) => entry.at),
    );
    // Quick actions reach the server, which audits them.
    await bar.button('Flag for follow-up').click();
    await expect.poll(() => bar.root.getByText('Flag for follow-up: done.').count()).toBe(1);
    await bar.root.getByLabel('Note').fill('Check in with Ana next week');
    await bar.button('Save note').click();
    await expect.poll(() => bar.root.getByText('Save note: done.').count()).toBe(1);
    const audited = await db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, matches[0]!.id), eq(auditLog.actorUserId, user!.id)));
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: 'match.flag', details: expect.not.objectContaining({ note: expect.anything() }) },
        { action: 'match.note', details: expect.objectContaining({ note: 'Check in with Ana next week' }) },
      ]),
    );
    await page.screenshot({ path: screenshotPath('gmail-coordinator') });
    await openThread(page, 'gmail', threads.other.id);
    await bar.panel.and(page.locator(`[data-match-id="${matches[1]!.id}"]`)).waitFor();

    const done = (match: DemoMatch) => `[data-testid="match-panel"][data-match-id="${match.id}"]`;
    const samples = await benchNavigations(page, [
      { threadId: threads.peer.id, doneSelector: done(matches[0]!) },
      { threadId: threads.other.id, doneSelector: done(matches[1]!) },
    ]);
    writeExtensionBench(
      samples,
      'thread DOM swapped in → sidebar rendered with the match data from the real server',
    );
    expect(samples).toHaveLength(50);
    await page.close();
  });
});
