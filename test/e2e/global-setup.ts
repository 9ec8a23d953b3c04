// Builds the extension once per end-to-end run: the release build (what users load) and a test build that
// only adds pre-granted loopback/test host permissions (see extension/wxt.config.ts).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

export default function setup() {
  const run = (env: Record<string, string>) =>
    execFileSync('npm', ['run', 'build', '-w', 'extension', '--silent'], {
      cwd: root,
      // Vitest sets NODE_ENV=test, which would build React's development JSX runtime into the bundles.
      env: { ...process.env, NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  run({});
  run({ PEERPOST_TEST_BUILD: '1' });
}
