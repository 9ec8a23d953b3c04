import path from 'node:path';
import { loadDemo } from '../../demo/load-demo';
import { startServer } from '../../server';
import type { Command } from '../command';
import { withContext } from '../runtime';

export const startCommand: Command = {
  name: 'start',
  summary: 'Migrate the database, load the demo program on first run and serve HTTP until stopped',
  usage: 'start [--no-demo]',
  options: { 'no-demo': { type: 'boolean' } },
  async run({ values }, io) {
    return withContext(async (ctx) => {
      if (ctx.config.demo && !values['no-demo']) {
        const demo = await loadDemo(ctx.database.db, {
          programAddress: ctx.config.mailbox.address,
          ifEmpty: true,
        });
        if (demo)
          io.out(`Loaded the demo program "${demo.programName}" (${demo.participants} participants).`);
      }
      const server = await startServer(ctx);
      const extension = path.resolve('extension/.output');
      io.out(
        [
          '',
          `Peerpost is running on ${server.url}`,
          `  health check:   ${server.url}/healthz`,
          `  database:       ${ctx.database.kind === 'pglite' ? path.join(ctx.config.dataDir, 'pglite') : 'PostgreSQL (DATABASE_URL)'}`,
          `  outgoing mail:  ${ctx.config.mailbox.smtp ? `SMTP ${ctx.config.mailbox.smtp.host}` : `${path.join(ctx.config.dataDir, 'outbox')} (file outbox; no SMTP configured)`}`,
          `  extension:      load ${path.join(extension, 'chrome-mv3')} as an unpacked extension (chrome://extensions, Developer mode)`,
          `                  or in Firefox ${path.join(extension, 'firefox-mv3', 'manifest.json')} (about:debugging, Load Temporary Add-on)`,
          '',
          'Press Ctrl+C to stop.',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const shutdown = () => {
          io.out('Stopping: finishing in-flight requests and sends…');
          server.stop().then(resolve, resolve);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
      return 0;
    });
  },
};
