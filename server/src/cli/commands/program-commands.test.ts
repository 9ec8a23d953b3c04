// `peerpost program`, `import` and `report` end to end through main(), on a file-backed embedded database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { organisations } from '../../db/schema';
import { main } from '../main';

describe('program, import and report commands', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'peerpost-cli-'));
  const saved = { ...process.env };
  beforeAll(async () => {
    Object.assign(process.env, {
      PEERPOST_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'https://pp.example.org',
    });
    delete process.env.DATABASE_URL;
    const database = await openDatabase({ dataDir: dir });
    await database.migrate();
    await database.db.insert(organisations).values({ name: 'Acme', slug: 'acme' });
    await database.close();
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('creates a program, imports a CSV (dry run first) and reports', async () => {
    const created = await run(
      'program',
      'create',
      '--org',
      'acme',
      '--name',
      'Circle',
      '--slug',
      'circle',
      '--cadence',
      '7',
    );
    expect(created.code).toBe(0);
    expect(created.out).toContain('https://pp.example.org/join/circle');
    expect((await run('program', 'status', 'circle', 'running')).err).toMatch(
      /cannot move from draft to running/,
    );
    expect((await run('program', 'status', 'circle', 'enrolling')).code).toBe(0);
    expect((await run('program', 'prompts', 'circle')).out).toContain('role-flip');

    const csv = path.join(dir, 'people.csv');
    writeFileSync(
      csv,
      'email,name,career_stage,nickname\na@x.org,A,mid,aa\nbroken,B,mid,bb\nc@x.org,C,mid,cc\n',
    );
    const dry = await run('import', csv, '--program', 'circle', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.err).toContain('line 3 (broken): email "broken" is not an email address');
    expect(dry.err).toContain('Ignored unknown column(s): nickname');
    expect(dry.out).toContain('Dry run: 2 new, 0 updated, 1 bad row(s). Nothing was written.');
    expect((await run('import', csv, '--program', 'circle')).out).toContain('Nothing imported');
    const imported = await run('import', csv, '--program', 'circle', '--skip-invalid');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('Imported: 2 new, 0 updated, 1 bad row(s) skipped.');

    const report = await run('report', '--program', 'circle', '--format', 'csv');
    expect(report.code).toBe(0);
    expect(report.out).toContain('enrolment,total,2');
    const json = await run('report', '--program', 'circle');
    expect(JSON.parse(json.out).enrolment.total).toBe(2);
    expect((await run('report', '--program', 'circle', '--format', 'xml')).code).toBe(2);
    expect((await run('import', csv)).code).toBe(2);
  }, 240_000);
});
