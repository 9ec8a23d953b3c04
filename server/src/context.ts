// Everything a request handler, worker or command needs, created once per process.
import type { Config } from './config';
import type { Database } from './db/client';
import type { Logger } from './logger';

export interface AppContext {
  config: Config;
  database: Database;
  logger: Logger;
  /** Unique per process: lease owner and outbox lock holder. */
  instanceId: string;
}
