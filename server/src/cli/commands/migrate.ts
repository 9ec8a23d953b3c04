import type { Command } from '../command';
import { withContext } from '../runtime';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations (also done on every start)',
  usage: 'migrate',
  async run(_args, io) {
    await withContext(async (ctx) => {
      io.out(`Database migrated (${ctx.database.kind}).`);
    });
    return 0;
  },
};
