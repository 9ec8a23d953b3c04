// Tokens for links in emails (check-in, exit, confirm sign-up, survey, rematch): 256 random bits in the
// URL, only the SHA-256 hash at rest in login_tokens, single-use and expiring. The purpose names the
// target (e.g. `check-in:<id>`) so a token for one thing can never act on another.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { loginTokens } from '../db/schema';

const DAY = 86_400_000;

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface IssueLinkToken {
  purpose: string;
  email: string;
  now: Date;
  /** Lifetime; 21 days by default (longer than the longest cadence between mails). */
  ttlMs?: number;
}

/** Creates a token and returns the raw value (for the URL); only its hash is stored. */
export async function issueLinkToken(db: Db | Tx, input: IssueLinkToken): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(loginTokens).values({
    email: input.email.toLowerCase(),
    purpose: input.purpose,
    codeHash: hashLinkToken(token),
    expiresAt: new Date(input.now.getTime() + (input.ttlMs ?? 21 * DAY)),
  });
  return token;
}

export interface LinkTokenRecord {
  email: string;
  purpose: string;
}

const purposeKind = (purpose: string) => purpose.split(':')[0]!;

/** Finds a valid (unused, unexpired) token of the given purpose kind without using it. */
export async function peekLinkToken(
  db: Db | Tx,
  token: string,
  kind: string,
  now: Date,
): Promise<LinkTokenRecord | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await db
    .select({ email: loginTokens.email, purpose: loginTokens.purpose })
    .from(loginTokens)
    .where(
      and(
        eq(loginTokens.codeHash, hashLinkToken(token)),
        isNull(loginTokens.usedAt),
        gt(loginTokens.expiresAt, now),
      ),
    );
  return row && purposeKind(row.purpose) === kind ? row : undefined;
}

/**
 * Uses a token once: the conditional update makes a second use (or a concurrent one) find nothing.
 * @example const link = await consumeLinkToken(tx, token, 'exit', now); if (!link) return expired();
 */
export async function consumeLinkToken(
  db: Db | Tx,
  token: string,
  kind: string,
  now: Date,
): Promise<LinkTokenRecord | undefined> {
  const found = await peekLinkToken(db, token, kind, now);
  if (!found) return undefined;
  const [used] = await db
    .update(loginTokens)
    .set({ usedAt: now })
    .where(and(eq(loginTokens.codeHash, hashLinkToken(token)), isNull(loginTokens.usedAt)))
    .returning({ email: loginTokens.email, purpose: loginTokens.purpose });
  return used;
}

/** The id after the kind in a purpose such as `check-in:<id>`. */
export function purposeTarget(purpose: string): string {
  return purpose.slice(purpose.indexOf(':') + 1);
}
