// Debian's Chromium with the built extension loaded (persistent context, headless), with chosen hostnames
// resolved to loopback so the manifest's real match patterns (https://mail.google.com/*…) apply.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) =>
  existsSync(file),
);

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  extensionUrl(page: string): string;
  close(): Promise<void>;
}

export async function launchWithExtension(options: {
  extensionDir: string;
  /** hostname → loopback port */
  hosts?: Record<string, number>;
}): Promise<ExtensionBrowser> {
  if (!chromiumPath)
    throw new Error('Chromium is not installed (apt-get install chromium); `npm test` installs it');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'peerpost-chromium-'));
  const rules = Object.entries(options.hosts ?? {})
    .map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`)
    .join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(rules ? [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'] : []),
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const extensionId = worker.url().split('/')[2]!;
  return {
    context,
    extensionId,
    worker,
    extensionUrl: (page) => `chrome-extension://${extensionId}/${page}`,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
