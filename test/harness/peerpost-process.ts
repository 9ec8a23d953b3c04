// Runs the real `peerpost` command in a child process, as a user would.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const peerpostBin = path.resolve('server/bin/peerpost.mjs');

export function runPeerpost(args: string[], env: Record<string, string>, cwd: string) {
  return spawnSync(process.execPath, [peerpostBin, ...args], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

export interface RunningPeerpost {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output matches, rejects when the process exits first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function spawnPeerpost(args: string[], env: Record<string, string>, cwd: string): RunningPeerpost {
  const child = spawn(process.execPath, [peerpostBin, ...args], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`timed out waiting for ${pattern}:\n${output}`)),
          timeoutMs,
        );
        const check = () => {
          const match = output.match(pattern);
          if (match) finish(undefined, match[0]);
        };
        const onExit = (code: number | null) =>
          finish(new Error(`exited with ${code} before ${pattern}:\n${output}`));
        function finish(error?: Error, value?: string) {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          child.stderr!.off('data', check);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(value!);
        }
        child.stdout!.on('data', check);
        child.stderr!.on('data', check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
