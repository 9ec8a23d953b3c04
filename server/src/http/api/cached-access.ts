// Who is calling, kept in memory between requests: a token's person and a person's access scope are read
// on every API call but change rarely. Entries are dropped by the database's change notices (a revoked
// token, a new membership…), so revocation takes effect on the very next request.
import { loadScope, type Scope } from '../../access/scope';
import { type Caller, tokenGrant } from '../../auth/api-tokens';
import { sha256 } from '../../auth/secrets';
import { changeNotices } from '../../db/change-notices';
import type { Db } from '../../db/client';
import { StampedCache } from '../../db/stamped-cache';

const MAX_ENTRIES = 10_000;

export interface CachedAccess {
  caller(token: string, settled: boolean): Promise<Caller | undefined>;
  scope(userId: string, settled: boolean): Promise<Scope>;
}

const byDb = new WeakMap<Db, CachedAccess>();

export function cachedAccess(db: Db): CachedAccess {
  let access = byDb.get(db);
  if (access) return access;
  const notices = changeNotices(db);
  // Keyed by the token's hash so that memory holds no usable token; unknown tokens are not kept.
  const callers = new StampedCache<Caller | undefined>(notices, MAX_ENTRIES);
  const scopes = new StampedCache<Scope>(notices, MAX_ENTRIES);
  access = {
    caller: (token, settled) =>
      callers.get(sha256(token), settled, async () => {
        const grant = await tokenGrant(db, token);
        return { value: grant?.caller, validUntil: grant?.expiresAt?.getTime() };
      }),
    scope: (userId, settled) =>
      scopes.get(userId, settled, async () => ({ value: await loadScope(db, userId) })),
  };
  byDb.set(db, access);
  return access;
}
