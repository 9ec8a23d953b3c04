// A new embedded database is created by a short-lived child process. Creating one takes some 500 MB of
// WebAssembly memory that the creating process keeps until a full garbage collection, so a server that
// created its own database held about 870 MB of RSS where one opening an existing directory holds 350 MB.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

// Plain JavaScript, so the child needs no TypeScript loader; the module URL and directory come as arguments.
const CREATE = `const [url, dir] = process.argv.slice(1);
const { PGlite } = await import(url);
const db = new PGlite(dir);
await db.waitReady;
await db.close();`;

/** Creates the embedded database in `dir` unless one is there already; rejects with the child's error. */
export async function createPgliteDir(dir: string): Promise<void> {
  if (existsSync(path.join(dir, 'PG_VERSION'))) return;
  const moduleUrl = import.meta.resolve('@electric-sql/pglite');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CREATE, moduleUrl, dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`creating the database exited with ${signal ?? code}: ${stderr.trim()}`));
    });
  });
}
