// `peerpost <command>`: parses arguments, prints help, maps failures to one-line messages and exit codes.
import { parseArgs } from 'node:util';
import { ConfigError } from '../config';
import { PeerpostError } from '../errors';
import type { Command, CommandIo } from './command';
import { UsageError } from './command';
import { demoCommand } from './commands/demo';
import { exportCommand } from './commands/export';
import { healthCommand } from './commands/health';
import { importCommand } from './commands/import';
import { matchCommand } from './commands/match';
import { migrateCommand } from './commands/migrate';
import { outboxCommand } from './commands/outbox';
import { programCommand } from './commands/program';
import { reportCommand } from './commands/report';
import { startCommand } from './commands/start';
import { syncCommand } from './commands/sync';

export const commands: Command[] = [
  startCommand,
  migrateCommand,
  demoCommand,
  programCommand,
  importCommand,
  matchCommand,
  exportCommand,
  reportCommand,
  outboxCommand,
  healthCommand,
  syncCommand,
];

const defaultIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'Usage: peerpost <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `peerpost <command> --help` for the options of one command.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const options = Object.entries(command.options ?? {}).map(
    ([name, option]) => `  --${name}${option.type === 'string' ? ' <value>' : ''}`,
  );
  return [
    `Usage: peerpost ${command.usage}`,
    '',
    command.summary,
    ...(options.length ? ['', 'Options:', ...options] : []),
  ].join('\n');
}

export async function main(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview());
    return name ? 0 : 1;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`peerpost: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    const args = parseArgs({
      args: rest,
      options: command.options ?? {},
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`peerpost ${name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof PeerpostError) {
      io.err(`peerpost ${name}: ${error.message}`);
      return 1;
    }
    io.err(`peerpost ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}
