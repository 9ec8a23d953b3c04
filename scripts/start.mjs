// `npm start`: install what is missing, build the extension, then run the server (which migrates the
// embedded database and loads the demo program on first run).
import { ensureNodeModules, peerpostNodeFlags, root, run, step } from './bootstrap.mjs';

try {
  ensureNodeModules();
  step('Building the browser extension (Chromium and Firefox)');
  for (const script of ['build', 'build:firefox']) {
    if (run('npm', ['run', script, '-w', 'extension', '--silent']) !== 0)
      throw new Error(`extension ${script} failed`);
  }
  step('Starting the server');
  const args = [...peerpostNodeFlags(), 'server/bin/peerpost.mjs', 'start', ...process.argv.slice(2)];
  const status = run(process.execPath, args, {
    cwd: root,
  });
  process.exit(status);
} catch (error) {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
}
