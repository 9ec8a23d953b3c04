// A real Roundcube (Debian's package, served by `php -S`) on a real Dovecot mailbox holding a real peer-thread
// message: the user enables the Roundcube origin in the options page (optional host permission plus
// run-time content-script registration), logs in, opens the message, and the sidebar appears for it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { type ExtensionBrowser, launchWithExtension } from './harness/browser';
import { demoMatches, nextSignInCode } from './harness/demo-data';
import { enableWebmail, sidebar, signIn } from './harness/extension-pages';
import { screenshotPath, testBuild } from './harness/paths';
import { type PeerpostServer, programAddress, startPeerpostServer } from './harness/peerpost-server';
import { type Roundcube, startRoundcube } from './harness/roundcube';

const mailbox = 'reader@peerpost.test';
const hostileSubject = 'Re: Meet your peer <script>window.__pwned=1</script>';
let dovecot: Dovecot;
let roundcube: Roundcube;
let browser: ExtensionBrowser;
let server: PeerpostServer | undefined;

beforeAll(async () => {
  dovecot = await startDovecot([mailbox]);
  await dovecot.deliver(
    [
      'From: Ben Okafor <ben.okafor@example.org>',
      'To: Ana Silva <ana.silva@example.org>',
      'Cc: Peer Mentoring Circle <mentoring+p-k3x9q2@peerpost.test>',
      `Subject: ${hostileSubject}`,
      'Message-ID: <e2e.roundcube.1@peerpost.test>',
      'Date: Fri, 20 Nov 2026 10:15:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Thanks for the call! What should we try next week?',
      '',
    ].join('\r\n'),
    [mailbox],
  );
  roundcube = await startRoundcube({ imapPort: dovecot.imapPort, smtpPort: dovecot.smtpPort });
  browser = await launchWithExtension({ extensionDir: testBuild });
  await enableWebmail(browser, roundcube.url);
});

/** Logs in to Roundcube unless this browser already has a session. */
async function openInbox(page: Page) {
  await page.goto(roundcube.url);
  const user = page.locator('#rcmloginuser');
  await Promise.race([user.waitFor(), page.locator('#messagelist').waitFor()]);
  if (await user.isVisible()) {
    await user.fill(mailbox);
    await page.locator('#rcmloginpwd').fill('secret');
    await page.locator('#rcmloginsubmit').click();
  }
}

afterAll(async () => {
  await server?.stop();
  await browser?.close();
  await roundcube?.stop();
  await dovecot?.stop();
});

it('shows the sidebar for a peer thread opened in a real Roundcube', async () => {
  const page = await browser.context.newPage();
  await openInbox(page);
  const row = page.locator('#messagelist tbody tr').first();
  await row.waitFor();
  // Nothing is open yet: no sidebar.
  expect(await sidebar(page).aside.count()).toBe(0);
  await row.click();
  const bar = sidebar(page);
  // Read from Roundcube's preview frame: folder/UID as the thread id. Not signed in: the quiet tab.
  await bar.aside.and(page.locator('[data-thread-id="INBOX/1"]:not([data-state="loading"])')).waitFor();
  expect(await bar.aside.getAttribute('data-state')).toBe('signed-out');
  await bar.tab.click();
  expect(await bar.root.locator('h2.subject').textContent()).toBe(hostileSubject);
  expect(await bar.root.locator('script').count()).toBe(0);
  expect(await page.evaluate(() => (window as never as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.screenshot({ path: screenshotPath('roundcube-real-peer-thread') });
  await page.close();
});

it('shows the match from the real server for a real peer thread in a real Roundcube', async () => {
  server = await startPeerpostServer();
  const match = (await demoMatches(server.ctx.database.db))[0]!;
  const [reader, partner] = match.members;
  const [local, domain] = programAddress.split('@');
  await dovecot.deliver(
    [
      `From: Partner <${partner!.address}>`,
      `To: ${reader!.address}`,
      `Cc: ${local}+p-${match.token}@${domain}`,
      'Subject: Re: Meet your Peerpost peer',
      `Message-ID: <e2e.${match.id}@peerpost.test>`,
      'Date: Sat, 21 Nov 2026 09:00:00 +0000',
      '',
      'Shall we meet on Monday?',
      '',
    ].join('\r\n'),
    [mailbox],
  );
  const db = server.ctx.database.db;
  await signIn(browser, server.url, reader!.address, () => nextSignInCode(db, reader!.address));
  const page = await browser.context.newPage();
  await openInbox(page);
  const row = page.locator('#messagelist tbody tr', { hasText: 'Re: Meet your Peerpost peer' }).first();
  await row.waitFor();
  await row.click();
  const bar = sidebar(page);
  await bar.panel.waitFor();
  expect(await bar.panel.getAttribute('data-match-id')).toBe(match.id);
  expect(await bar.partners.first().textContent()).toContain(partner!.name);
  await page.screenshot({ path: screenshotPath('roundcube-real-match') });
  await page.close();
});
