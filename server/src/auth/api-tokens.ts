// Resolves a bearer token or a session cookie to its person; revoked and expired ones resolve to nobody.
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { apiTokens, users } from '../db/schema';
import { API_TOKEN_PREFIX, newApiToken, SESSION_PREFIX, sha256 } from './secrets';

export interface Caller {
  userId: string;
  email: string;
  name: string;
  tokenId: string;
}

export type CredentialKind = 'api' | 'session';
const prefixes: Record<CredentialKind, string> = { api: API_TOKEN_PREFIX, session: SESSION_PREFIX };

/**
 * The person behind a credential of the given kind and until when (null: until revoked), for callers that
 * keep it a while. An API token never opens a session and vice versa.
 */
export async function credentialGrant(
  db: Db | Tx,
  token: string,
  kind: CredentialKind,
  now = new Date(),
): Promise<{ caller: Caller; expiresAt: Date | null } | undefined> {
  if (!token.startsWith(prefixes[kind]) || token.length > 200) return undefined;
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
        eq(apiTokens.kind, kind),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  if (!row) return undefined;
  const { expiresAt, ...caller } = row;
  return { caller, expiresAt };
}

export const callerForCredential = async (
  db: Db | Tx,
  token: string,
  kind: CredentialKind,
  now = new Date(),
): Promise<Caller | undefined> => (await credentialGrant(db, token, kind, now))?.caller;

export const tokenGrant = (db: Db | Tx, token: string, now = new Date()) =>
  credentialGrant(db, token, 'api', now);

export const callerForToken = (db: Db, token: string, now = new Date()) =>
  callerForCredential(db, token, 'api', now);

/** Issues a long-lived API token for a person; only its hash and prefix are stored. */
export async function issueApiToken(db: Db | Tx, userId: string, name: string) {
  const token = newApiToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, kind: 'api', name: name.slice(0, 100), prefix: token.prefix, tokenHash: token.hash })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token: token.token };
}
