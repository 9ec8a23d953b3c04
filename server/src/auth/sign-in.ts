// Sign-in by emailed one-time code or one-click link. The same answer is given whether or not the address
// is known. Code and link come in one mail, expire after 15 minutes and share one use: the link's purpose
// names the code's row (`sign-in-link:<id>`), so using either one spends both. Codes allow five wrong
// guesses; links are 256 random bits (security/link-tokens.ts).
import { and, desc, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { loginTokens, users } from '../db/schema';
import { enqueueMail } from '../mail/outbox';
import { signInCodeMail } from '../mail/templates';
import { consumeLinkToken, issueLinkToken, peekLinkToken, purposeTarget } from '../security/link-tokens';
import { issueApiToken } from './api-tokens';
import { newSignInCode, signInCodeHash } from './secrets';
import { type StartedSession, startSession } from './sessions';

export const SIGN_IN_CODE_TTL_MS = 15 * 60_000;
const MAX_WRONG_GUESSES = 5;
export const SIGN_IN_LINK_KIND = 'sign-in-link';

export interface SignInMailSettings {
  from: string;
  /** Base of the one-click link (`<publicUrl>/sign-in/<token>`). */
  publicUrl: string;
}

/** Queues a code for a known address; does nothing visible for an unknown one. */
export async function requestSignIn(db: Db, email: string, mail: SignInMailSettings, now = new Date()) {
  const address = email.toLowerCase();
  const [user] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.email, address));
  if (!user) return;
  const code = newSignInCode();
  await db.transaction(async (tx) => {
    const [token] = await tx
      .insert(loginTokens)
      .values({
        email: address,
        purpose: 'sign-in',
        codeHash: signInCodeHash(address, code),
        expiresAt: new Date(now.getTime() + SIGN_IN_CODE_TTL_MS),
      })
      .returning({ id: loginTokens.id });
    const link = await issueLinkToken(tx, {
      purpose: `${SIGN_IN_LINK_KIND}:${token!.id}`,
      email: address,
      now,
      ttlMs: SIGN_IN_CODE_TTL_MS,
    });
    await enqueueMail(tx, {
      idempotencyKey: `sign-in:${token!.id}`,
      purpose: 'sign-in',
      from: mail.from,
      to: [address],
      ...signInCodeMail({
        code,
        minutesValid: SIGN_IN_CODE_TTL_MS / 60_000,
        signInUrl: `${mail.publicUrl.replace(/\/$/, '')}/sign-in/${link}`,
      }),
    });
  });
}

export type VerifyResult = { ok: true; userId: string; token: string } | { ok: false };

/** Checks a code; on success marks it used and issues an API token for the person. */
export async function verifySignIn(
  db: Db,
  email: string,
  code: string,
  tokenName = 'extension',
  now = new Date(),
): Promise<VerifyResult> {
  const address = email.toLowerCase();
  return db.transaction(async (tx) => {
    const [latest] = await tx
      .select()
      .from(loginTokens)
      .where(
        and(
          eq(loginTokens.email, address),
          eq(loginTokens.purpose, 'sign-in'),
          isNull(loginTokens.usedAt),
          gt(loginTokens.expiresAt, now),
        ),
      )
      .orderBy(desc(loginTokens.createdAt))
      .limit(1)
      .for('update');
    if (!latest || latest.attempts >= MAX_WRONG_GUESSES) return { ok: false } as const;
    if (latest.codeHash !== signInCodeHash(address, code)) {
      await tx
        .update(loginTokens)
        .set({ attempts: sql`${loginTokens.attempts} + 1` })
        .where(eq(loginTokens.id, latest.id));
      return { ok: false } as const;
    }
    await tx.update(loginTokens).set({ usedAt: now }).where(eq(loginTokens.id, latest.id));
    await spendUnused(tx, eq(loginTokens.purpose, `${SIGN_IN_LINK_KIND}:${latest.id}`), now);
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, address));
    if (!user) return { ok: false } as const;
    const { token } = await issueApiToken(tx, user.id, tokenName);
    return { ok: true, userId: user.id, token } as const;
  });
}

async function spendUnused(tx: Tx, which: SQL, now: Date) {
  await tx
    .update(loginTokens)
    .set({ usedAt: now })
    .where(and(which, isNull(loginTokens.usedAt)));
}

export type LinkSignInResult = { ok: true; userId: string; session: StartedSession } | { ok: false };

/** Uses a sign-in link once (and its code with it) and starts a cookie session for the person. */
export async function signInByLink(db: Db, link: string, now = new Date()): Promise<LinkSignInResult> {
  return db.transaction(async (tx) => {
    const found = await peekLinkToken(tx, link, SIGN_IN_LINK_KIND, now);
    if (!found) return { ok: false } as const;
    // The code's row is locked first, as verifySignIn does, so code and link used at once cannot deadlock.
    const codeId = purposeTarget(found.purpose);
    await tx.select({ id: loginTokens.id }).from(loginTokens).where(eq(loginTokens.id, codeId)).for('update');
    const used = await consumeLinkToken(tx, link, SIGN_IN_LINK_KIND, now);
    if (!used) return { ok: false } as const;
    await spendUnused(tx, eq(loginTokens.id, codeId), now);
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, used.email));
    if (!user) return { ok: false } as const;
    return { ok: true, userId: user.id, session: await startSession(tx, user.id, now) } as const;
  });
}
