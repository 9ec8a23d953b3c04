// Opens config, logger and database for a CLI command, and closes them again.
import { randomUUID } from 'node:crypto';
import { type Config, loadConfig, loadDotEnv } from '../config';
import type { AppContext } from '../context';
import { openDatabase } from '../db/client';
import { createLogger } from '../logger';

export function readConfig(): Config {
  loadDotEnv();
  return loadConfig(process.env);
}

/** Opens the database (migrated) and runs `work` with a full context; always closes it. */
export async function withContext<T>(
  work: (ctx: AppContext) => Promise<T>,
  config = readConfig(),
): Promise<T> {
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    return await work({ config, database, logger, instanceId: randomUUID() });
  } finally {
    await database.close();
  }
}
