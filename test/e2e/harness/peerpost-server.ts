// The real Peerpost server for end-to-end tests: PGlite in a temp dir, the demo program loaded, HTTP on a
// free loopback port. Tests read the database directly only to learn who is who (and the emailed code).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../server/src/config';
import type { AppContext } from '../../../server/src/context';
import { openDatabase } from '../../../server/src/db/client';
import { type DemoSummary, loadDemo } from '../../../server/src/demo/load-demo';
import { createLogger } from '../../../server/src/logger';
import { startServer } from '../../../server/src/server';
import { freePort } from '../../harness/free-port';

export const programAddress = 'mentoring@peerpost.test';

export interface PeerpostServer {
  url: string;
  ctx: AppContext;
  demo: DemoSummary;
  stop(): Promise<void>;
}

export async function startPeerpostServer(): Promise<PeerpostServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-e2e-'));
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PEERPOST_DATA_DIR: dataDir,
    PROGRAM_ADDRESS: programAddress,
    LOG_LEVEL: 'silent',
    PEERPOST_DEMO: 'false',
  });
  const database = await openDatabase({ dataDir: config.dataDir });
  await database.migrate();
  const ctx: AppContext = { config, database, logger: createLogger('silent'), instanceId: randomUUID() };
  const demo = (await loadDemo(database.db, { programAddress, participants: 16, seed: 7 }))!;
  const server = await startServer(ctx);
  return {
    url: server.url,
    ctx,
    demo,
    async stop() {
      await server.stop();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
