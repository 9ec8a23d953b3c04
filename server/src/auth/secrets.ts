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
/** Cookie sessions have their own prefix, so a session value is never accepted as a bearer token. */
export const SESSION_PREFIX = 'pps_';

/** 256 random bits behind a prefix; the first characters are shown in token lists to tell them apart. */
export function newSecret(prefix: string): { token: string; prefix: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, prefix: token.slice(0, prefix.length + 8), hash: sha256(token) };
}

/** A long-lived API token for the extension. */
export const newApiToken = () => newSecret(API_TOKEN_PREFIX);
