// Cookie sessions for the server-rendered pages: a random value the browser keeps in an HttpOnly cookie,
// only its SHA-256 stored (api_tokens, kind 'session') with an expiry. Signing out revokes the row, so a
// copied cookie stops working too.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { apiTokens } from '../db/schema';
import { callerForCredential } from './api-tokens';
import { newSecret, SESSION_PREFIX, sha256 } from './secrets';

/** A session lasts a working day; the sign-in link gives a new one in a click. */
export const SESSION_TTL_MS = 12 * 3_600_000;

export interface StartedSession {
  token: string;
  expiresAt: Date;
}

export async function startSession(db: Db | Tx, userId: string, now = new Date()): Promise<StartedSession> {
  const secret = newSecret(SESSION_PREFIX);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(apiTokens).values({
    userId,
    kind: 'session',
    name: 'Browser session',
    prefix: secret.prefix,
    tokenHash: secret.hash,
    expiresAt,
  });
  return { token: secret.token, expiresAt };
}

export const callerForSession = (db: Db | Tx, token: string, now = new Date()) =>
  callerForCredential(db, token, 'session', now);

/** Revokes a session; an unknown or already ended one is left alone. */
export async function endSession(db: Db | Tx, token: string, now = new Date()): Promise<boolean> {
  if (!token.startsWith(SESSION_PREFIX) || token.length > 200) return false;
  const ended = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(eq(apiTokens.tokenHash, sha256(token)), eq(apiTokens.kind, 'session'), isNull(apiTokens.revokedAt)),
    )
    .returning({ id: apiTokens.id });
  return ended.length > 0;
}
