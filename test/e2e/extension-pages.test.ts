// The release and test builds load in Chromium; without a signed-in server the sidebar still finds threads on
// every webmail under its real hostnames, stays a quiet tab, renders hostile text as text, and says so
// clearly when a webmail's markup changed. (Everything that needs the server is in the other suites.)
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './harness/browser';
import { enableWebmail, sidebar } from './harness/extension-pages';
import { benchNavigations, writeExtensionBench } from './harness/navigation-bench';
import { releaseBuild, screenshotPath, testBuild } from './harness/paths';
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

  it('follows a dark webmail page with a dark sidebar', async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://${fixtureHosts.gmail}/mail/u/0/#inbox/${thread.id}`);
    const bar = sidebar(page);
    await bar.aside.waitFor();
    expect(await bar.aside.getAttribute('data-theme')).toBe('light');
    await page.evaluate(() => {
      document.body.style.background = 'rgb(32, 33, 36)';
      document.body.style.color = '#e8eaed';
    });
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
