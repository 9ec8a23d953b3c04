import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main';

const dir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-health-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: unknown) {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
  return target;
}
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['health', ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const history = {
  cadenceDays: 14,
  now: '2026-03-30T12:00:00Z',
  startedAt: '2026-02-01T09:00:00Z',
  members: ['ana@example.org', 'ben@example.org'],
  messages: [
    { from: 'ana@example.org', at: '2026-02-02T09:00:00Z', newTextChars: 800, questions: 2 },
    { from: 'ben@example.org', at: '2026-02-05T09:00:00Z', newTextChars: 700, questions: 1 },
    { from: 'ben@example.org', at: '2026-02-20T09:00:00Z', newTextChars: 100, autoReply: true },
  ],
  checkIns: [{ from: 'ben@example.org', at: '2026-02-10T09:00:00Z', score: 4 }],
};

describe('peerpost health', () => {
  it('prints score, status, reasons and actions as JSON', async () => {
    const result = await run('--input', file('quiet.json', history));
    expect(result.code).toBe(0);
    const output = JSON.parse(result.out);
    expect(Object.keys(output)).toEqual(['score', 'status', 'reasons', 'actions']);
    expect(output.status).toBe('dormant');
    expect(output.reasons[0]).toMatch(/No real exchange for 8 weeks/);
    expect(Object.keys(output.actions.members)).toEqual(['ana@example.org', 'ben@example.org']);
    expect(output.actions.coordinator).toMatch(/rematching/);
  });

  it('applies program settings and explains on request', async () => {
    const settings = file('settings.json', { dormantAfterCadences: 6 });
    const result = await run('--input', file('quiet2.json', history), '--settings', settings, '--explain');
    const output = JSON.parse(result.out);
    expect(output.status).toBe('at-risk');
    expect(output.stage).toBe('forming');
    expect(output.allReasons[0].code).toBe('overdue');
  });

  it('names every bad field with its path and exits 1', async () => {
    const bad = {
      ...history,
      cadenceDays: 0,
      now: 'last tuesday',
      messages: [{ from: 'carol@example.org', at: '2026-02-02T09:00:00Z', questions: -1 }],
      checkIns: [{ from: 'ana@example.org', at: '2026-02-10T09:00:00Z', score: 7 }],
    };
    const result = await run('--input', file('bad.json', bad));
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('cadenceDays: Too small');
    expect(result.err).toContain('now: must be an ISO 8601 date-time');
    expect(result.err).toContain('messages[0].questions: Too small');
    expect(result.err).toContain('checkIns[0].score: Too big');
  });

  it('reports a sender who is not a member', async () => {
    const result = await run(
      '--input',
      file('stranger.json', {
        ...history,
        messages: [{ from: 'eve@example.org', at: '2026-02-02T09:00:00Z' }],
      }),
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain('messages[0].from: is not one of the members');
  });

  it('rejects a file that is not JSON, a missing file, and a missing --input', async () => {
    expect((await run('--input', file('broken.json', '{"cadenceDays": 14,'))).err).toMatch(/is not JSON/);
    expect((await run('--input', path.join(dir, 'missing.json'))).err).toMatch(/cannot read .*ENOENT/);
    const usage = await run();
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--input <history.json> is required/);
  });

  it('rejects invalid settings', async () => {
    const result = await run(
      '--input',
      file('ok.json', history),
      '--settings',
      file('s.json', { thrivingMin: 500 }),
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain('thrivingMin: Too big');
  });
});
