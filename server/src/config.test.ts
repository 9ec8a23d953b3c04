import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has sane defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8787);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toMatch(/data$/);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.mailbox.smtp).toBeUndefined();
    expect(config.publicUrl).toBe('http://127.0.0.1:8787');
  });

  it('names the bad variable and never echoes its value', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('DATABASE_URL');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ SMTP_SECURE: 'maybe' }, 'SMTP_SECURE'],
    [{ PROGRAM_ADDRESS: 'not-an-address' }, 'PROGRAM_ADDRESS'],
    [{ IMAP_HOST: 'imap.example.org' }, 'IMAP_USER'],
    [{ DATABASE_URL: 'postgres://' }, 'DATABASE_URL'],
  ])('rejects %o', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('builds mailbox settings from SMTP_ and IMAP_ variables', () => {
    const config = loadConfig({
      SMTP_HOST: 'smtp.example.org',
      SMTP_PORT: '2525',
      IMAP_HOST: 'imap.example.org',
      IMAP_USER: 'program',
      IMAP_PASS: 'secret',
      IMAP_SECURE: 'false',
    });
    expect(config.mailbox.smtp).toMatchObject({ host: 'smtp.example.org', port: 2525, secure: false });
    expect(config.mailbox.imap).toMatchObject({
      host: 'imap.example.org',
      port: 993,
      secure: false,
      user: 'program',
    });
  });
});
