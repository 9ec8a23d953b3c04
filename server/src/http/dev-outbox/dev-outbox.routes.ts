// GET /dev/outbox: the file outbox for development (mounted only when no SMTP is configured), so the
// mail Peerpost would have sent can be read in a browser. Loopback callers only: these files hold
// sign-in codes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import type { AppContext } from '../../context';
import { PeerpostError } from '../../errors';
import { listOutboxFiles, outboxFilePattern } from '../../mail/send/outbox-listing';
import { fileOutboxDir } from '../../mail/send/start-outbox-worker';

function fromLoopback(c: Context): boolean {
  try {
    const address = getConnInfo(c).remote.address ?? '';
    return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  } catch {
    return false;
  }
}

export function devOutboxRoutes(ctx: AppContext) {
  const dir = fileOutboxDir(ctx.config);
  return new Hono()
    .use(async (c, next) => {
      if (!fromLoopback(c)) throw new PeerpostError('ENOTFOUND', 'Not found');
      await next();
    })
    .get('/', async (c) => c.json({ dir, files: await listOutboxFiles(ctx.database.db, dir) }))
    .get('/:file', (c) => {
      const file = c.req.param('file');
      if (!outboxFilePattern.test(file)) throw new PeerpostError('ENOTFOUND', 'No such outbox file');
      try {
        const raw = readFileSync(path.join(dir, file));
        // Shown as text, never rendered: mail content is hostile.
        return c.body(raw, 200, { 'content-type': 'text/plain; charset=utf-8' });
      } catch {
        throw new PeerpostError('ENOTFOUND', 'No such outbox file');
      }
    });
}
