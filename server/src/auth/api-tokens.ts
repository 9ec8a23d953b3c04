// Resolves a bearer token to its person; revoked and expired tokens resolve to nobody.
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { apiTokens, users } from '../db/schema';
import { API_TOKEN_PREFIX, newApiToken, sha256 } from './secrets';

export interface Caller {
  userId: string;
  email: string;
  name: string;
  tokenId: string;
}

export async function callerForToken(db: Db, token: string, now = new Date()): Promise<Caller | undefined> {
  return (await tokenGrant(db, token, now))?.caller;
}

/** The person a token stands for and until when (null: until revoked), for callers that keep it a while. */
export async function tokenGrant(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ caller: Caller; expiresAt: Date | null } | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return undefined;
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      tokenId: apiTokens.id,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  if (!row) return undefined;
  const { expiresAt, ...caller } = row;
  return { caller, expiresAt };
}

/** Issues a long-lived API token for a person; only its hash and prefix are stored. */
export async function issueApiToken(db: Db | Tx, userId: string, name: string) {
  const token = newApiToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, kind: 'api', name: name.slice(0, 100), prefix: token.prefix, tokenHash: token.hash })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token: token.token };
}
