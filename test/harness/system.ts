// Helpers for running real servers from apt packages in tests: locate binaries, run as an unprivileged user.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const isRoot = process.getuid?.() === 0;

/** Runs a command, as `user` when we are root (servers such as PostgreSQL refuse to run as root). */
export function runAs(
  user: string | undefined,
  command: string,
  args: string[],
  options: { cwd?: string } = {},
) {
  const [file, argv] = isRoot && user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', cwd: options.cwd });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`,
    );
  }
  return result.stdout;
}

export function postgresBinDir(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(`${dir}/pg_ctl`)) return dir;
  } catch {}
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions)
    if (existsSync(`${root}/${version}/bin/pg_ctl`)) return `${root}/${version}/bin`;
  return undefined;
}
