// Vitest global setup: one throwaway PostgreSQL per run with a migrated template database, so every
// database test also runs against a real server. Required when PEERPOST_REQUIRE_POSTGRES=1 (`npm test`).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/src/db/client';
import { buildMigratedPgliteImage } from '../../server/src/db/testing';
import { startPostgres, type ThrowawayPostgres } from './postgres';
import { postgresBinDir } from './system';

let server: ThrowawayPostgres | undefined;

export default async function setup(project: TestProject) {
  const imageDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-pglite-image-'));
  const imageFile = path.join(imageDir, 'migrated.tar');
  writeFileSync(imageFile, Buffer.from(await (await buildMigratedPgliteImage()).arrayBuffer()));
  project.provide('pgliteImage', imageFile);
  const removeImage = () => rmSync(imageDir, { recursive: true, force: true });
  // Unique per project, so projects sharing one external server never race on the template.
  const TEMPLATE_DATABASE = `peerpost_template_${randomBytes(4).toString('hex')}`;
  project.provide('postgresTemplate', TEMPLATE_DATABASE);
  const external = process.env.PEERPOST_TEST_DATABASE_URL;
  const required = process.env.PEERPOST_REQUIRE_POSTGRES === '1';
  if (!external && !postgresBinDir()) {
    if (required) throw new Error('PostgreSQL binaries not found but PEERPOST_REQUIRE_POSTGRES=1');
    console.warn('[peerpost] PostgreSQL not installed: database tests run on PGlite only');
    project.provide('postgresUrl', undefined);
    return removeImage;
  }
  if (!external) server = await startPostgres();
  const url = external ?? server!.url;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const template = await openDatabase({ databaseUrl: templateUrl.toString(), poolSize: 1 });
  await template.migrate();
  await template.close();
  project.provide('postgresUrl', url);
  return async () => {
    if (external) {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
      await cleanup.end();
    }
    await server?.stop();
    removeImage();
  };
}
