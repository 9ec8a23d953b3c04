// Page objects for the extension's own pages and the sidebar inside a webmail page.
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser';

/** Signs in through the options page exactly as a user would: server URL, email, code from the email. */
export async function signIn(
  browser: ExtensionBrowser,
  serverUrl: string,
  email: string,
  nextCode: () => Promise<() => Promise<string>>,
): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('options.html'));
  await page.getByLabel('Peerpost server').fill(serverUrl);
  await page.getByRole('button', { name: 'Save server' }).click();
  // The sign-in form may already show for a server saved earlier: ask for the code only once the new
  // server is saved, or the request goes to the old one.
  await page
    .getByTestId('server-saved')
    .filter({ hasText: new URL(serverUrl).origin })
    .waitFor();
  await page.getByLabel('Email').fill(email);
  const readCode = await nextCode();
  await page.getByRole('button', { name: 'Email me a code' }).click();
  // Either the code form comes, or the page says why not: fail with its words, not a bare timeout.
  const codeField = page.getByLabel('6-digit code from the email');
  const refusal = page.getByRole('alert').filter({ hasText: /\S/ });
  await codeField.or(refusal).first().waitFor();
  if (await refusal.count())
    throw new Error(`asking for a code failed: ${await refusal.first().textContent()}`);
  await codeField.fill(await readCode());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('me').waitFor();
  await page.close();
}

export async function signOut(browser: ExtensionBrowser): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('options.html'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email').waitFor();
  await page.close();
}

/** Enables a self-hosted webmail origin through the options page (permission request + registration). */
export async function enableWebmail(browser: ExtensionBrowser, origin: string): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('options.html'));
  await page.getByLabel('Webmail address').fill(origin);
  await page.getByRole('button', { name: 'Enable' }).click();
  await page.getByRole('button', { name: `Remove ${new URL(origin).origin}` }).waitFor();
  await page.close();
}

export function sidebar(page: Page) {
  const root = page.locator('peerpost-sidebar');
  return {
    root,
    aside: root.locator('aside'),
    panel: root.getByTestId('match-panel'),
    partners: root.getByTestId('partner'),
    healthStatus: root.getByTestId('health-status'),
    healthScore: root.getByTestId('health-score'),
    prompt: root.getByTestId('prompt-body'),
    tab: root.locator('button.tab'),
    button: (name: string | RegExp) => root.getByRole('button', { name }),
  };
}
