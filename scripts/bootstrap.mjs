// Runs before dependencies exist, so it uses Node built-ins only: installs npm dependencies when missing
// or stale, and apt packages that the test servers need.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** The Node flags on the `peerpost` command's first line, so every way of starting it runs with them. */
export function peerpostNodeFlags() {
  const [first] = readFileSync(path.join(root, 'server/bin/peerpost.mjs'), 'utf8').split('\n', 1);
  return first.split(/\s+/).slice(first.split(/\s+/).indexOf('node') + 1);
}

export function step(message) {
  process.stdout.write(`\n\u25b6 ${message}\n`);
}

/** `npm ci` when node_modules is missing or older than the lock file. */
export function ensureNodeModules() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  step('Installing npm dependencies (npm ci)');
  const status = run('npm', ['ci', '--no-audit', '--no-fund']);
  if (status !== 0) throw new Error('npm ci failed');
}

function isInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', `-f=\${Status}`, pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

let aptUpdated = false;

/** Installs Debian packages that are missing (needs root). Returns the names that are still missing. */
export function ensureAptPackages(packages, { noRecommends = false } = {}) {
  const missing = packages.filter((pkg) => !isInstalled(pkg));
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0) {
    process.stderr.write(`Missing system packages (install them as root): ${missing.join(' ')}\n`);
    return missing;
  }
  step(`Installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq'], { env });
    aptUpdated = true;
  }
  const flags = ['install', '-y', '-qq', ...(noRecommends ? ['--no-install-recommends'] : []), ...missing];
  if (run('apt-get', flags, { env }) !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
  return missing.filter((pkg) => !isInstalled(pkg));
}

export function readJson(file) {
  return JSON.parse(readFileSync(path.join(root, file), 'utf8'));
}
