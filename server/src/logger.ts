// Structured logs (pino): JSON in production, pretty in a terminal. Secrets are redacted by path.
import { type Logger, pino } from 'pino';

export type { Logger };

const redact = {
  paths: [
    'password',
    'pass',
    '*.pass',
    '*.password',
    'token',
    '*.token',
    'code',
    '*.code',
    'authorization',
    'req.headers.authorization',
    'req.headers.cookie',
    'databaseUrl',
    '*.databaseUrl',
  ],
  censor: '[redacted]',
};

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const pretty = process.stdout.isTTY && !process.env.CI;
  return pino({
    level,
    redact,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } }
      : {}),
  });
}

/** Hides the password in a connection string before it is shown anywhere. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
