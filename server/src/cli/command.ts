// The shape every CLI command has; commands live one per file in ./commands.
import type { ParseArgsConfig } from 'node:util';

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  allowPositionals?: boolean;
  run(
    args: {
      values: Record<string, string | boolean | (string | boolean)[] | undefined>;
      positionals: string[];
    },
    io: CommandIo,
  ): Promise<number>;
}

export class UsageError extends Error {
  readonly code = 'EUSAGE';
}
