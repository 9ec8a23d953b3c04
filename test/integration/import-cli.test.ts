// `peerpost import` as a coordinator runs it: dry run, refusal on bad rows, --skip-invalid, re-import.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPeerpost } from '../harness/peerpost-process';

describe('peerpost import', () => {
  let cwd: string;
  let env: Record<string, string>;
  let programId: string;
  beforeAll(() => {
    cwd = mkdtempSync(path.join(os.tmpdir(), 'peerpost-import-'));
    env = { PEERPOST_DATA_DIR: path.join(cwd, 'data') };
    const demo = runPeerpost(['demo', '--participants', '4'], env, cwd);
    expect(demo.status).toBe(0);
    programId = demo.stdout.match(/program ([0-9a-f-]{36})/)![1]!;
    writeFileSync(
      path.join(cwd, 'people.csv'),
      '\ufeffemail,name,time zone,career stage,skills offered,favourite colour\n' +
        'new.one@example.org,"One, New",Europe/Berlin,mid-career,SQL;Go,blue\n' +
        'broken,,UTC,,,\n' +
        'new.two@example.org,Two,UTC,mid-career,,green\n',
    );
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('dry-runs without writing and reports each bad row by line', () => {
    const result = runPeerpost(['import', 'people.csv', '--program', programId, '--dry-run'], env, cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'line 3: email is not a valid email address; name is required; careerStage is required',
    );
    expect(result.stderr).toContain('Ignored unknown column(s): favourite colour');
    expect(result.stdout).toContain('Dry run: nothing was imported.');
  });

  it('imports nothing while a row is bad, then only the good rows with --skip-invalid, then updates', () => {
    const refused = runPeerpost(['import', 'people.csv', '--program', programId], env, cwd);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Nothing was imported');
    const imported = runPeerpost(
      ['import', 'people.csv', '--program', programId, '--skip-invalid'],
      env,
      cwd,
    );
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('2 new, 0 updated');
    const again = runPeerpost(['import', 'people.csv', '--program', programId, '--skip-invalid'], env, cwd);
    expect(again.stdout).toContain('0 new, 2 updated');
    const exported = JSON.parse(runPeerpost(['export'], env, cwd).stdout);
    expect(exported.organisations[0].participants).toHaveLength(6);
  });

  it('explains a missing file and a missing --program', () => {
    const missing = runPeerpost(['import', 'nope.csv', '--program', programId], env, cwd);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Cannot read nope.csv: ENOENT');
    const usage = runPeerpost(['import', 'people.csv'], env, cwd);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--program is required');
  });
});
