// User values inside plain-text mails: no control characters (no header or line injection through a
// name), bounded length. Mail bodies are text only, so nothing else can be interpreted.

export function plainValue(value: string, max = 200): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const clean = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export function listNames(names: string[]): string {
  const clean = names.map((name) => plainValue(name, 80));
  return clean.length <= 1 ? (clean[0] ?? '') : `${clean.slice(0, -1).join(', ')} and ${clean.at(-1)}`;
}

/** `mentoring@example.org` + token → `mentoring+p-<token>@example.org`. */
export function pairAddress(programAddress: string, matchToken: string): string {
  const [local, domain] = programAddress.split('@');
  return `${local}+p-${matchToken}@${domain}`;
}

export interface MailText {
  subject: string;
  text: string;
}
