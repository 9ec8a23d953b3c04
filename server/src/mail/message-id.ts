// Message-IDs Peerpost generates carry a recognisable prefix so replies can be attributed by
// References/In-Reply-To (RFC 5322 §3.6.4).
import { randomBytes } from 'node:crypto';

export const PEERPOST_ID_PREFIX = 'pp.';

export function newMessageId(purpose: string, domain: string): string {
  const safePurpose = purpose.replace(/[^a-z0-9-]/gi, '').slice(0, 20) || 'mail';
  return `<${PEERPOST_ID_PREFIX}${safePurpose}.${randomBytes(9).toString('base64url')}@${domain}>`;
}

export function isPeerpostMessageId(messageId: string): boolean {
  return messageId.startsWith(`<${PEERPOST_ID_PREFIX}`);
}

export function domainOf(address: string): string {
  return address.split('@')[1]?.toLowerCase() ?? 'peerpost.localhost';
}
