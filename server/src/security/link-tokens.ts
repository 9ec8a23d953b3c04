// Single-use, expiring tokens for links in emails (check-in, exit, agreement, sign-up confirmation).
// The URL carries 256 random bits; the database keeps only their SHA-256, so a leaked table grants nothing.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { loginTokens } from '../db/schema';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface IssueLinkToken {
  /** What the link does, plus the object it acts on, e.g. `agreement:<matchId>`. */
  purpose: string;
  email: string;
  ttlMs: number;
  now?: Date;
}

export async function issueLinkToken(db: Db | Tx, input: IssueLinkToken): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = input.now ?? new Date();
  await db.insert(loginTokens).values({
    email: input.email.toLowerCase(),
    purpose: input.purpose,
    codeHash: hashToken(token),
    expiresAt: new Date(now.getTime() + input.ttlMs),
  });
  return token;
}

export type RedeemResult =
  | { ok: true; email: string; purpose: string }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/**
 * Marks the token used and returns what it was for. Atomic: of two concurrent clicks, one wins.
 * `purposePrefix` restricts which kind of token a route accepts.
 */
export async function redeemLinkToken(
  db: Db | Tx,
  token: string,
  purposePrefix: string,
  now = new Date(),
): Promise<RedeemResult> {
  const codeHash = hashToken(token);
  const [redeemed] = await db
    .update(loginTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(loginTokens.codeHash, codeHash),
        isNull(loginTokens.usedAt),
        gt(loginTokens.expiresAt, now),
        sql`${loginTokens.purpose} like ${`${purposePrefix}%`}`,
      ),
    )
    .returning({ email: loginTokens.email, purpose: loginTokens.purpose });
  if (redeemed) return { ok: true, ...redeemed };
  const [existing] = await db.select().from(loginTokens).where(eq(loginTokens.codeHash, codeHash));
  if (!existing?.purpose.startsWith(purposePrefix)) return { ok: false, reason: 'unknown' };
  return { ok: false, reason: existing.usedAt ? 'used' : 'expired' };
}
