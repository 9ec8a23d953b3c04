// CPU time of the servers a benchmark talks to (Dovecot, PostgreSQL), read from /proc: with two cores
// shared, whether ingest waits on its own CPU or on theirs decides what is worth making faster.
// Linux only; elsewhere every figure is null.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime: its own CPU and that of the children it has reaped. */
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after it start at the last ")".
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const number = (field: number) => Number(fields[field - 3]);
    return { pid, ppid: number(4), ticks: number(14) + number(15) + number(16) + number(17) };
  } catch {
    return null;
  }
}

function allStats(): ProcStat[] {
  if (!existsSync('/proc/self/stat')) return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== null);
}

const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
};

/** CPU seconds of a process and all its descendants (living ones, and those their parents reaped). */
function treeSeconds(root: number, stats: ProcStat[]): number {
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let ticks = 0;
  const pending = stats.filter((stat) => stat.pid === root);
  for (let stat = pending.pop(); stat; stat = pending.pop()) {
    ticks += stat.ticks;
    pending.push(...(children.get(stat.pid) ?? []));
  }
  return ticks / ticksPerSecond;
}

/** The PostgreSQL postmaster listening on `port` and the Dovecot master whose config serves `imapPort`. */
export function findServers(postgresPort: number | undefined, imapPort: number) {
  const stats = allStats();
  let postgres: number | undefined;
  let dovecot: number | undefined;
  for (const { pid } of stats) {
    const args = cmdline(pid);
    const program = args[0]?.split('/').at(-1);
    if (program === 'postgres' && postgresPort && args.join(' ').includes(`-p ${postgresPort} `))
      postgres = pid;
    if (program === 'dovecot' && args[1] === '-c' && args[2]) {
      const config = existsSync(args[2]) ? readFileSync(args[2], 'utf8') : '';
      if (new RegExp(`port = ${imapPort}\\b`).test(config)) dovecot = pid;
    }
  }
  return { postgres, dovecot };
}

export type ServerCpu = { dovecot: number | null; postgres: number | null };

/** CPU seconds the servers have used so far; subtract two readings for a phase. */
export function serverCpu(servers: ReturnType<typeof findServers>): ServerCpu {
  const stats = allStats();
  const of = (pid: number | undefined) => (pid === undefined ? null : treeSeconds(pid, stats));
  return { dovecot: of(servers.dovecot), postgres: of(servers.postgres) };
}

export function serverCpuSince(servers: ReturnType<typeof findServers>, start: ServerCpu): ServerCpu {
  const now = serverCpu(servers);
  const since = (a: number | null, b: number | null) =>
    a === null || b === null ? null : Number((a - b).toFixed(2));
  return { dovecot: since(now.dovecot, start.dovecot), postgres: since(now.postgres, start.postgres) };
}
