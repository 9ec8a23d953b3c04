// `npm test`: install what is missing (npm dependencies, system packages), then lint, type-check and run
// every suite (unit, integration against real servers, end to end in Chromium). Ends with one summary line.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureAptPackages, ensureNodeModules, root, run, step } from './bootstrap.mjs';
import { testPackages, testPackagesNoRecommends } from './system-packages.mjs';

const started = Date.now();
const failures = [];

function phase(name, command, args, env) {
  step(name);
  const status = run(command, args, { env: { ...process.env, ...env } });
  if (status !== 0) failures.push(name);
  return status === 0;
}

try {
  ensureNodeModules();
  const missing = [
    ...ensureAptPackages(testPackages),
    ...ensureAptPackages(testPackagesNoRecommends, { noRecommends: true }),
  ];
  if (missing.length > 0) throw new Error(`system packages missing: ${missing.join(' ')}`);
} catch (error) {
  process.stderr.write(`npm test: ${error instanceof Error ? error.message : error}\n`);
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
}

phase('Lint and format check (biome)', 'npx', ['biome', 'check', '.']);
phase('Type-check', 'npm', ['run', 'typecheck', '--silent']);

const reportDir = path.join(root, 'test-results');
mkdirSync(reportDir, { recursive: true });
const report = path.join(reportDir, 'vitest.json');
phase(
  'Unit, integration and end-to-end tests (vitest)',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  { PEERPOST_REQUIRE_POSTGRES: '1' },
);

let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numFailedTestSuites ?? 0);
} catch {
  failed += 1;
}
failed += failures.filter((name) => !name.includes('vitest')).length;
const seconds = Math.round((Date.now() - started) / 1000);
if (failures.length > 0) process.stdout.write(`\nFailed steps: ${failures.join(', ')}\n`);
process.stdout.write(`\nnpm test finished in ${seconds}s\n${passed} passed, ${failed} failed\n`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);
