// Resolves a bearer token to its person; revoked and expired tokens resolve to nobody.
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiTokens, users } from '../db/schema';
import { API_TOKEN_PREFIX, sha256 } from './secrets';

export interface Caller {
  userId: string;
  email: string;
  name: string;
  tokenId: string;
}

export async function callerForToken(db: Db, token: string, now = new Date()): Promise<Caller | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return undefined;
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return row;
}
