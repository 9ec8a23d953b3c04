// `peerpost health --input <history.json>`: evaluates one thread history without a database (what-if).
import { readFile } from 'node:fs/promises';
import {
  assessHealth,
  describeInputIssues,
  healthInputSchema,
  healthSettingsSchema,
  historyFromInput,
} from '@peerpost/shared';
import type { Command } from '../command';
import { UsageError } from '../command';

export const healthCommand: Command = {
  name: 'health',
  summary: 'Evaluate the health of one thread history (JSON file, no database) and print it as JSON',
  usage: 'health --input <history.json> [--settings <settings.json>] [--explain]',
  options: { input: { type: 'string' }, settings: { type: 'string' }, explain: { type: 'boolean' } },
  async run({ values }, io) {
    if (typeof values.input !== 'string') throw new UsageError('--input <history.json> is required');
    const input = await readJson(values.input, io);
    const settingsJson = typeof values.settings === 'string' ? await readJson(values.settings, io) : {};
    if (input === undefined || settingsJson === undefined) return 1;
    const parsed = healthInputSchema.safeParse(input);
    if (!parsed.success) {
      io.err(`peerpost health: ${values.input} is not a valid history:`);
      for (const line of describeInputIssues(parsed.error)) io.err(`  ${line}`);
      return 1;
    }
    const settings = healthSettingsSchema.safeParse(settingsJson);
    if (!settings.success) {
      io.err(`peerpost health: ${values.settings} is not valid health settings:`);
      for (const line of describeInputIssues(settings.error)) io.err(`  ${line}`);
      return 1;
    }
    const assessment = assessHealth(historyFromInput(parsed.data), settings.data);
    const { detail, ...result } = assessment;
    const output = values.explain
      ? { ...result, stage: detail.stage, components: detail.components, allReasons: detail.reasons }
      : result;
    io.out(JSON.stringify(output, null, 2));
    return 0;
  },
};

async function readJson(file: string, io: { err(line: string): void }): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`peerpost health: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    io.err(`peerpost health: ${file} is not JSON: ${(error as Error).message}`);
    return undefined;
  }
}
