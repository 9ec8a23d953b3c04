// Fast path for what most program mail is: a single text/plain part in UTF-8 or US-ASCII, 7bit/8bit,
// with plain ASCII headers. It reads the fields ingest keeps exactly as mailparser reports them
// (test/integration/ingest-parse-equivalence.test.ts compares both on generated and hostile mail) at a
// fraction of mailparser's cost. Anything it is not sure about returns null and goes through mailparser.
import type { MessageFields } from './parse-message';

/** Headers mailparser keeps only the first (non-empty) value of. */
const singleKeys = new Set([
  'message-id',
  'content-id',
  'from',
  'sender',
  'in-reply-to',
  'reply-to',
  'subject',
  'date',
  'content-disposition',
  'content-type',
  'content-transfer-encoding',
  'priority',
  'mime-version',
  'content-description',
  'precedence',
  'errors-to',
  'disposition-notification-to',
]);

/** Headers mailparser turns into structures (addresses, dates, lists): `header()` does not answer them. */
const structuredKeys = new Set([
  'message-id',
  'in-reply-to',
  'references',
  'content-disposition',
  'dkim-signature',
  'date',
  'priority',
  'x-priority',
  'x-msmail-priority',
  'importance',
  'from',
  'to',
  'cc',
  'bcc',
  'sender',
  'reply-to',
  'delivered-to',
  'return-path',
  'disposition-notification-to',
]);

const plainContentType = /^text\/plain(?:\s*;\s*charset\s*=\s*("?)(utf-8|utf8|us-ascii|ascii)\1)?$/i;
const identityEncoding = /^(7bit|8bit|binary)$/i;
const addressSpec = '[^<>\\s",;:()\\\\[\\]@]+@[^<>\\s",;:()\\\\[\\]@]+';
/** One list entry: `addr`, `Name <addr>` or `"Name, quoted" <addr>`; no groups, comments or escapes. */
const addressEntry = new RegExp(
  `\\s*(?:(?:"[^"\\\\]*"|[^",<>()\\\\;:@[\\]]*?)\\s*<(${addressSpec})>|(${addressSpec}))\\s*(,|$)`,
  'y',
);

/** Addresses of a simple address list, or null when it needs the full address parser. */
function simpleAddresses(value: string): string[] | null {
  if (!value) return [];
  const found: string[] = [];
  addressEntry.lastIndex = 0;
  while (addressEntry.lastIndex < value.length) {
    const entry = addressEntry.exec(value);
    if (!entry) return null;
    found.push((entry[1] ?? entry[2])!);
    if (!entry[3]) break;
  }
  return addressEntry.lastIndex === value.length ? found : null;
}

/**
 * Where the header block ends: just after the line break that precedes the first empty line (LF LF or
 * LF CR LF), or -1. The body starts after that empty line. Line by line with a byte search, so neither
 * a missing LF LF nor a long body is scanned for nothing.
 */
function headerBlockEnd(raw: Buffer): number {
  for (let lf = raw.indexOf(0x0a); lf >= 0; lf = raw.indexOf(0x0a, lf + 1)) {
    const next = raw[lf + 1];
    if (next === 0x0a || (next === 0x0d && raw[lf + 2] === 0x0a)) return lf + 1;
  }
  return -1;
}

/** Where the body starts, for a header block ending at `end` (see `headerBlockEnd`). */
const bodyStartAfter = (raw: Buffer, end: number) => (raw[end] === 0x0a ? end + 1 : end + 2);

/** Printable ASCII, tab and CRLF/LF line breaks only: no charset question, no bare CR. */
function isPlainAsciiHeader(raw: Buffer, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const byte = raw[i]!;
    if (byte >= 0x7f) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && !(byte === 0x0d && raw[i + 1] === 0x0a))
      return false;
  }
  return true;
}

/** Length of the field name `line` starts with (printable ASCII but the colon, then a colon), or -1. */
function fieldNameLength(line: string): number {
  const colon = line.indexOf(':');
  if (colon < 1) return -1;
  for (let i = 0; i < colon; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return -1;
  }
  return colon;
}

/**
 * Header fields by lower-case name, values unfolded and trimmed as libmime does (empty ones kept).
 * `block` is plain ASCII with CRLF or LF line breaks and ends with one (see `isPlainAsciiHeader`).
 */
function headerFields(block: string): Map<string, string[]> | null {
  const fields = new Map<string, string[]>();
  let name = '';
  let field = '';
  let folded = false;
  for (let start = 0, lf = block.indexOf('\n'); lf >= 0; start = lf + 1, lf = block.indexOf('\n', start)) {
    const end = lf > start && block.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
    if (end === start) continue;
    const first = block.charCodeAt(start);
    if (first === 0x20 || first === 0x09) {
      if (!name) return null;
      field += `\r\n${block.slice(start, end)}`;
      folded = true;
      continue;
    }
    if (name) addField(fields, name, field, folded);
    field = block.slice(start, end);
    const length = fieldNameLength(field);
    if (length < 0) return null;
    name = field.slice(0, length);
    folded = false;
  }
  if (name) addField(fields, name, field, folded);
  return fields;
}

// Helpers are defined once here rather than inside the per-message functions: the TypeScript loader names
// every function as it is created, which costs a call to Object.defineProperty each time.
function addField(fields: Map<string, string[]>, name: string, line: string, folded: boolean): void {
  const value = folded
    ? line
        .slice(name.length + 1)
        .replace(/\r?\n[ \t]*/g, ' ')
        .trim()
    : line.slice(name.length + 1).trim();
  const key = name.toLowerCase();
  const values = fields.get(key);
  if (values) values.push(value);
  else fields.set(key, [value]);
}

/** Every value of a field, as mailparser keeps them: empty ones skipped. */
const nonEmpty = (fields: Map<string, string[]>, key: string) => fields.get(key)?.filter(Boolean) ?? [];
const occurrences = (fields: Map<string, string[]>, key: string) => fields.get(key) ?? [];

/** mailparser's Message-ID normalisation: angle brackets added where missing. */
const bracketed = (value: string) =>
  `${value.startsWith('<') ? '' : '<'}${value}${value.endsWith('>') ? '' : '>'}`;

const idsOfReferences = (value: string) => value.split(/\s+/).filter(Boolean).map(bracketed);

/** The fields of a plain single-part message, or null when mailparser must read it. */
export function plainMessageFields(raw: Buffer): MessageFields | null {
  const end = headerBlockEnd(raw);
  if (end < 0 || !isPlainAsciiHeader(raw, end)) return null;
  const block = raw.toString('latin1', 0, end);
  // Encoded words, punycode and MIME parameters are mailparser's job.
  if (block.includes('=?') || /xn--/i.test(block)) return null;
  const fields = headerFields(block);
  if (!fields) return null;
  // mailparser skips empty values (nonEmpty), except where it makes a structure of them (addresses, dates).

  const contentTypes = occurrences(fields, 'content-type');
  const encodings = occurrences(fields, 'content-transfer-encoding');
  if (contentTypes.length > 1 || encodings.length > 1 || fields.has('content-disposition')) return null;
  const contentType = contentTypes.length ? plainContentType.exec(contentTypes[0]!) : null;
  if (contentTypes.length && (!contentType || !contentTypes[0]!.startsWith('text/plain'))) return null;
  if (encodings[0] && !identityEncoding.test(encodings[0])) return null;
  const contentTypeText = contentType
    ? `text/plain${contentType[2] ? `; charset=${contentType[2]}` : ''}`
    : undefined;

  const fromHeader = occurrences(fields, 'from')[0];
  const from = fromHeader === undefined ? [] : simpleAddresses(fromHeader);
  const to = occurrences(fields, 'to').map(simpleAddresses);
  const cc = occurrences(fields, 'cc').map(simpleAddresses);
  if (!from || to.includes(null) || cc.includes(null)) return null;
  const dateHeader = occurrences(fields, 'date')[0];
  const date = dateHeader === undefined ? undefined : new Date(dateHeader);
  // mailparser dates unparseable mail "now"; leave that to it.
  if (date && Number.isNaN(date.getTime())) return null;
  const messageId = nonEmpty(fields, 'message-id')[0];
  const inReplyTo = nonEmpty(fields, 'in-reply-to')[0];

  return {
    from,
    to: to.flat() as string[],
    cc: cc.flat() as string[],
    messageId: messageId === undefined ? undefined : bracketed(messageId),
    inReplyTo: inReplyTo === undefined ? undefined : bracketed(inReplyTo),
    references: nonEmpty(fields, 'references').flatMap(idsOfReferences),
    deliveredTo: nonEmpty(fields, 'x-original-to'),
    subject: nonEmpty(fields, 'subject')[0],
    date,
    contentType: contentTypeText,
    text: raw.toString('utf8', bodyStartAfter(raw, end)).replaceAll('\r\n', '\n'),
    header: headerValue.bind(null, fields, contentTypeText),
  };
}

/** A header as mailparser's `headers.get` answers it for a plain message (bound per message above). */
function headerValue(fields: Map<string, string[]>, contentType: string | undefined, name: string) {
  const key = name.toLowerCase();
  if (key === 'content-type') return contentType;
  const values = nonEmpty(fields, key);
  if (!values.length || structuredKeys.has(key) || key.startsWith('list-')) return undefined;
  return singleKeys.has(key) ? values[0] : values.join(',');
}
