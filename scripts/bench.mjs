// `npm run bench`: runs every `bench:*` script in package.json one after another (benchmarks compete
// for the same two cores, so never in parallel), then prints where the JSON results are.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ensureAptPackages, ensureNodeModules, readJson, root, run, step } from './bootstrap.mjs';
import { benchPackages } from './system-packages.mjs';

ensureNodeModules();
ensureAptPackages(benchPackages);
const only = process.argv.slice(2);
const scripts = Object.keys(readJson('package.json').scripts).filter(
  (name) => name.startsWith('bench:') && (only.length === 0 || only.some((filter) => name.includes(filter))),
);
const failed = [];
for (const name of scripts) {
  step(`npm run ${name}`);
  if (run('npm', ['run', name, '--silent']) !== 0) failed.push(name);
}
const resultsDir = path.join(root, 'bench-results');
let files = [];
try {
  files = readdirSync(resultsDir).filter((file) => file.endsWith('.json'));
} catch {}
process.stdout.write(`\nBenchmark results (${resultsDir}): ${files.join(', ') || 'none'}\n`);
if (failed.length > 0) {
  process.stderr.write(`Failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
