// Builds the extension once per end-to-end run: the release builds (what users load, Chromium and Firefox) and
// a Chromium test build that only adds pre-granted loopback/test host permissions (see extension/wxt.config.ts).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

export default function setup() {
  const run = (env: Record<string, string>, script = 'build') =>
    execFileSync('npm', ['run', script, '-w', 'extension', '--silent'], {
      cwd: root,
      // Vitest sets NODE_ENV=test, which would build React's development JSX runtime into the bundles.
      env: { ...process.env, NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  run({});
  run({}, 'build:firefox');
  run({ PEERPOST_TEST_BUILD: '1' });
}
