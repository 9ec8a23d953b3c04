// `peerpost match` end to end through main(), on a file-backed embedded database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { organisations } from '../../db/schema';
import { csvOf, peopleCsvHeader, peopleRows } from '../../programs/testing';
import { main } from '../main';

describe('match command', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'peerpost-match-cli-'));
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

  it('proposes, reviews and approves from the shell', async () => {
    expect((await run('match', '--help')).out).toContain('peerpost match pin <program> <person> <person>');
    await run('program', 'create', '--org', 'acme', '--name', 'Circle', '--slug', 'circle');
    await run('program', 'status', 'circle', 'enrolling');
    const csv = path.join(dir, 'people.csv');
    writeFileSync(csv, csvOf(peopleCsvHeader, peopleRows(7, 'cli.org')));
    expect((await run('import', csv, '--program', 'circle')).code).toBe(0);
    await run('program', 'status', 'circle', 'matching');

    const proposed = await run('match', 'propose', 'circle');
    expect(proposed.code).toBe(0);
    expect(proposed.out).toMatch(/Proposed 3 matches from a full graph of 7 people/);
    expect(proposed.out).toContain('Totals: 3 matches, 7 people, 0 unmatched');
    expect(proposed.out).toMatch(/Person \d+ can teach SQL, which Person \d+ wants/);

    const pinned = await run('match', 'pin', 'circle', 'person0@cli.org', 'person2@cli.org');
    // Seven people make one group of three, which may form around the pinned pair: the pinned row holds
    // both people, with or without a third.
    const pinnedRow = pinned.out.split('\n').find((line) => /^\d+ +[\d.]+ +pinned /.test(line));
    expect(pinnedRow).toMatch(/Person 0 <person0@cli\.org> \+ (Person 1 <person1@cli\.org> \+ )?Person 2/);
    expect((await run('match', 'block', 'circle', 'person0@cli.org', 'person2@cli.org')).out).not.toContain(
      'pinned',
    );
    expect((await run('match', 'rematch', 'circle', 'person1@cli.org')).code).toBe(0);
    expect((await run('match', 'unmatch', 'circle', '1')).out).toMatch(/Unmatched: /);
    expect((await run('match', 'swap', 'circle', 'nobody@cli.org', 'person1@cli.org')).err).toMatch(
      /No participant "nobody@cli.org"/,
    );
    expect((await run('match', 'pin', 'circle', 'person1@cli.org')).code).toBe(2);
    // The unmatched people wait for the next round; the rest are approved.
    const approved = await run('match', 'approve', 'circle');
    expect(approved.out).toBe('Approved 2 matches; intro mails are queued.');
  }, 180_000);
});
