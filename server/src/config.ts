// Configuration from the environment (and an optional .env), validated once at start-up.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const envSchema = z.object({
  PORT: port.default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  PEERPOST_DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine((value) => value === undefined || /^postgres(ql)?:\/\/[^\s/]+(\/[^\s]*)?$/.test(value), {
      message: 'must look like postgres://user:password@host:5432/database',
    })
    .refine((value) => value === undefined || URL.canParse(value), { message: 'is not a valid URL' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PROGRAM_ADDRESS: z.email().default('mentoring@peerpost.localhost'),
  SMTP_HOST: optionalText,
  SMTP_PORT: port.default(587),
  SMTP_SECURE: flag.default(false),
  SMTP_USER: optionalText,
  SMTP_PASS: optionalText,
  IMAP_HOST: optionalText,
  IMAP_PORT: port.default(993),
  IMAP_SECURE: flag.default(true),
  IMAP_USER: optionalText,
  IMAP_PASS: optionalText,
  API_RATE_LIMIT: z.coerce.number().int().min(0).default(1200),
  EXTENSION_IDS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.every((id) => /^[a-z0-9-]{8,64}$/i.test(id)), {
      message: 'must be extension ids (Chromium) or internal UUIDs (Firefox), comma-separated',
    }),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  PEERPOST_DEMO: flag.default(true),
});

export type Env = z.input<typeof envSchema>;

/** Names of every variable the configuration reads. */
export const configVariables = Object.keys(envSchema.shape);

export interface MailboxConfig {
  key: string;
  address: string;
  smtp?: { host: string; port: number; secure: boolean; user?: string; pass?: string };
  imap?: { host: string; port: number; secure: boolean; user: string; pass: string };
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  databaseUrl?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  mailbox: MailboxConfig;
  corsOrigins: string[];
  /** API requests per minute per client address; 0 turns the limit off (load tests). */
  apiRateLimit: number;
  /** Browser extension ids allowed to call the API (chrome-extension://<id>, moz-extension://<id>). */
  extensionIds: string[];
  demo: boolean;
}

export class ConfigError extends Error {
  readonly code = 'EINVALIDCONFIG';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(cwd = process.cwd()): void {
  const file = path.join(cwd, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * Validates the environment and returns the typed configuration.
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variable, never echo its value: it may be a secret.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const e = parsed.data;
  if (e.IMAP_HOST && !(e.IMAP_USER && e.IMAP_PASS)) {
    throw new ConfigError(['IMAP_USER and IMAP_PASS are required when IMAP_HOST is set']);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.PEERPOST_DATA_DIR),
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS,
    extensionIds: e.EXTENSION_IDS,
    apiRateLimit: e.API_RATE_LIMIT,
    demo: e.PEERPOST_DEMO,
    mailbox: {
      key: 'default',
      address: e.PROGRAM_ADDRESS,
      smtp: e.SMTP_HOST
        ? {
            host: e.SMTP_HOST,
            port: e.SMTP_PORT,
            secure: e.SMTP_SECURE,
            user: e.SMTP_USER,
            pass: e.SMTP_PASS,
          }
        : undefined,
      imap:
        e.IMAP_HOST && e.IMAP_USER && e.IMAP_PASS
          ? {
              host: e.IMAP_HOST,
              port: e.IMAP_PORT,
              secure: e.IMAP_SECURE,
              user: e.IMAP_USER,
              pass: e.IMAP_PASS,
            }
          : undefined,
    },
  };
}
