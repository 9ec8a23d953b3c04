// Address helpers shared by every adapter: pulling addresses out of text and attributes, and Peerpost's
// plus-address tokens (program+p-<token>@domain) out of recipients.

const addressPattern =
  /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9-]+)+/gi;
const plusTokenPattern = /\+p-([a-z0-9]{4,64})@/i;

/** Every address in a piece of text, lower-cased, in order of first appearance. */
export function findAddresses(text: string): string[] {
  return unique((text.match(addressPattern) ?? []).map((address) => address.toLowerCase()));
}

/** A single address from an attribute value such as `mailto:ana@example.org?subject=x` or a title. */
export function parseAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const [first] = findAddresses(value.replace(/^mailto:/i, ''));
  return first ?? null;
}

/** The Peerpost pair token of an address, or null. */
export function plusToken(address: string): string | null {
  return plusTokenPattern.exec(address)?.[1]?.toLowerCase() ?? null;
}

export function plusTokens(addresses: string[]): string[] {
  return unique(addresses.map(plusToken).filter((token): token is string => token !== null));
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
