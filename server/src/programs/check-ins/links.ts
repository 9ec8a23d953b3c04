// Builds the signed one-click links that go into mails: each link carries a fresh single-use token.
import type { Db, Tx } from '../../db/client';
import { issueLinkToken } from '../../security/link-tokens';

export interface LinkOptions {
  /** config.publicUrl: the base of every link in a mail. */
  publicUrl: string;
}

export async function signedLink(
  db: Db | Tx,
  links: LinkOptions,
  path: string,
  purpose: string,
  email: string,
  now: Date,
  ttlDays = 21,
): Promise<string> {
  const token = await issueLinkToken(db, { purpose, email, now, ttlMs: ttlDays * 86_400_000 });
  return `${links.publicUrl}/${path}/${token}`;
}
