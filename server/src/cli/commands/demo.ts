import { loadDemo } from '../../demo/load-demo';
import type { Command } from '../command';
import { UsageError } from '../command';
import { withContext } from '../runtime';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Create a demo organisation, program, participants and a few weeks of thread history',
  usage: 'demo [--participants <n>] [--seed <n>]',
  options: { participants: { type: 'string' }, seed: { type: 'string' } },
  async run({ values }, io) {
    const participants = values.participants === undefined ? 40 : Number(values.participants);
    if (!Number.isInteger(participants) || participants < 2 || participants > 100_000) {
      throw new UsageError('--participants must be a whole number from 2 to 100000');
    }
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    return withContext(async (ctx) => {
      const demo = await loadDemo(ctx.database.db, {
        programAddress: ctx.config.mailbox.address,
        participants,
        seed,
      });
      io.out(
        `Created "${demo!.programName}": ${demo!.participants} participants, ${demo!.matches} matches, ${demo!.messages} messages (program ${demo!.programId}).`,
      );
      return 0;
    });
  },
};
