// Token formats: what the caller holds is random; what the database keeps is a SHA-256 of it.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A 6-digit sign-in code. Its hash is bound to the address so a code is useless for another person. */
export function newSignInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function signInCodeHash(email: string, code: string): string {
  return sha256(`sign-in:${email.toLowerCase()}:${code}`);
}

export const API_TOKEN_PREFIX = 'pp_';

/** A long-lived API token; the first characters are shown in token lists to tell tokens apart. */
export function newApiToken(): { token: string; prefix: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, prefix: token.slice(0, 11), hash: sha256(token) };
}
