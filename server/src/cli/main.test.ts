import { describe, expect, it } from 'vitest';
import { commands, main } from './main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('peerpost CLI', () => {
  it('lists every command in the overview', async () => {
    const { io, out } = capture();
    expect(await main(['--help'], io)).toBe(0);
    for (const command of commands) expect(out.join('\n')).toContain(command.name);
  });

  it.each(commands.map((command) => command.name))(
    'answers --help for "%s" without touching the database',
    async (name) => {
      const { io, out } = capture();
      expect(await main([name, '--help'], io)).toBe(0);
      expect(out.join('\n')).toContain(`Usage: peerpost ${name}`);
    },
  );

  it('rejects an unknown command with exit code 2', async () => {
    const { io, err } = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(err.join('\n')).toContain('unknown command "frobnicate"');
  });

  it('rejects unknown options with the command usage', async () => {
    const { io, err } = capture();
    expect(await main(['migrate', '--bogus'], io)).toBe(2);
    expect(err.join('\n')).toContain('Usage: peerpost migrate');
  });

  it('gives every command a summary and a usage line', () => {
    for (const command of commands) {
      expect(command.summary.length).toBeGreaterThan(10);
      expect(command.usage.startsWith(command.name)).toBe(true);
    }
  });
});
