// Turns raw RFC 5322 bytes into the fields ingest needs, or a quarantine reason. Email is hostile:
// size, header and nesting limits are checked before mailparser sees a byte, and nothing here throws.
import { createHash } from 'node:crypto';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { plainMessageFields } from './parse-plain-message';

export const parseLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxHeaderBytes: 256 * 1024,
  /** Multipart / message/rfc822 containers; real mail rarely nests more than a handful. */
  maxContainers: 64,
  maxLineBytes: 1024 * 1024,
};

export interface ParsedMessage {
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: string;
  to: string[];
  cc: string[];
  /** Envelope-ish recipients added by the delivering server (Delivered-To, X-Original-To). */
  deliveredTo: string[];
  subject: string;
  date: Date | null;
  contentType: string;
  text: string;
  header(name: string): string | undefined;
  deliveryStatus?: string;
}

export type ParseOutcome = { ok: true; message: ParsedMessage } | { ok: false; reason: string };

/**
 * Where the first CRLF CRLF or LF LF starts (whichever comes first), else the length. Line by line with a
 * byte search: a search for LF LF in CRLF mail would otherwise read the whole message every time.
 */
export function headerBlockLength(raw: Buffer): number {
  for (let lf = raw.indexOf(0x0a); lf >= 0; lf = raw.indexOf(0x0a, lf + 1)) {
    if (raw[lf + 1] === 0x0a) return lf;
    if (raw[lf - 1] === 0x0d && raw[lf + 1] === 0x0d && raw[lf + 2] === 0x0a) return lf - 1;
  }
  return raw.length;
}

/** The shortest text the container pattern below matches: `content-type:multipart/`. */
const shortestContainer = 'content-type:multipart/'.length;

/** Cheap structural checks so that bombs never reach the parser. */
export function checkLimits(raw: Buffer): string | null {
  if (raw.length === 0) return 'empty message';
  if (raw.length > parseLimits.maxBytes) return `message larger than ${parseLimits.maxBytes} bytes`;
  const headerLength = headerBlockLength(raw);
  if (headerLength > parseLimits.maxHeaderBytes)
    return `header block larger than ${parseLimits.maxHeaderBytes} bytes`;
  // Most mail is too short to hold more containers than allowed or a line longer than allowed: it is
  // spared a string copy of the whole message (the checks could not fail on it).
  const mayExceed =
    raw.length >= (parseLimits.maxContainers + 1) * shortestContainer ||
    raw.length > parseLimits.maxLineBytes;
  if (mayExceed) {
    const text = raw.toString('latin1');
    const containers = text.match(/content-type:\s*(multipart\/|message\/rfc822)/gi)?.length ?? 0;
    if (containers > parseLimits.maxContainers)
      return `more than ${parseLimits.maxContainers} nested MIME containers`;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', i + 1)) {
      const end = i < 0 ? text.length : i;
      if (end - lineStart > parseLimits.maxLineBytes)
        return `line longer than ${parseLimits.maxLineBytes} bytes`;
      if (i < 0) break;
      lineStart = i + 1;
    }
  }
  if (!/^[\x21-\x39\x3b-\x7e]+:/m.test(raw.toString('latin1', 0, headerLength + 1)))
    return 'no header fields';
  return null;
}

const addressList = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((group) => group.value)
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .map((entry) => entry.address ?? '');

/** Addresses as stored: trimmed, lower case, only those with an @. */
const normaliseAddresses = (addresses: string[]): string[] =>
  addresses.map((address) => address.trim().toLowerCase()).filter((address) => address.includes('@'));

const idList = (value: string | string[] | undefined): string[] =>
  [
    ...new Set(
      (Array.isArray(value) ? value : value ? [value] : []).flatMap(
        (entry) => entry.match(/<[^<>\s]+>/g) ?? [],
      ),
    ),
  ].slice(0, 200);

/** The lower-cased addresses a header value names (X-Original-To, Delivered-To). */
const addressesIn = (value: string) =>
  (value.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []).map((address) => address.toLowerCase());

/** Forged or garbled dates (year 99999, 1900) would poison health timing: such mail has no date. */
const saneDate = (date: Date | undefined): Date | null => {
  const time = date?.getTime();
  if (time === undefined || Number.isNaN(time)) return null;
  return time >= Date.UTC(1990, 0, 1) && time <= Date.now() + 7 * 86_400_000 ? date! : null;
};

const headerText = (parsed: ParsedMail, name: string): string | undefined => {
  const value = parsed.headers.get(name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'value' in value) {
    // Structured headers (Content-Type) keep their parameters, e.g. report-type of a DSN.
    const { value: main, params } = value as { value: unknown; params?: Record<string, string> };
    const extra = Object.entries(params ?? {}).map(([key, param]) => `; ${key}=${param}`);
    return `${String(main)}${extra.join('')}`;
  }
  return String(value);
};

/** A stable stand-in for mail without a Message-ID, so a re-fetch still deduplicates. */
export function syntheticMessageId(raw: Buffer): string {
  return `<missing.${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@peerpost.invalid>`;
}

/**
 * The header fields and text of a message as mailparser reports them, before ingest's own rules: both
 * the mailparser path and the plain-text fast path produce this, and `toParsedMessage` finishes either.
 */
export interface MessageFields {
  /** Addresses of the first From header, as written. */
  from: string[];
  to: string[];
  cc: string[];
  messageId?: string;
  inReplyTo?: string;
  references?: string | string[];
  /** Header values that name envelope recipients (X-Original-To). */
  deliveredTo: string[];
  subject?: string;
  date?: Date;
  /** Content-Type with its parameters, e.g. `text/plain; charset=utf-8`. */
  contentType?: string;
  text?: string;
  /** Unstructured header fields (and Content-Type) by lower-case name. */
  header(name: string): string | undefined;
  deliveryStatus?: string;
}

export function toParsedMessage(raw: Buffer, fields: MessageFields): ParseOutcome {
  const from = normaliseAddresses(fields.from)[0];
  if (!from) return { ok: false, reason: 'no usable From address' };
  const messageId =
    fields.messageId && /^<[^<>\s]+>$/.test(fields.messageId) ? fields.messageId : syntheticMessageId(raw);
  return {
    ok: true,
    message: {
      messageId,
      inReplyTo: idList(fields.inReplyTo)[0] ?? null,
      references: idList(fields.references),
      from,
      to: normaliseAddresses(fields.to),
      cc: normaliseAddresses(fields.cc),
      deliveredTo: fields.deliveredTo.length ? fields.deliveredTo.flatMap(addressesIn) : [],
      subject: (fields.subject ?? '').slice(0, 1000),
      date: saneDate(fields.date),
      contentType: fields.contentType ?? 'text/plain',
      text: fields.text?.includes('\0') ? fields.text.replaceAll('\0', '') : (fields.text ?? ''),
      header: fields.header,
      deliveryStatus: fields.deliveryStatus,
    },
  };
}

/** Any message through mailparser; `parseMessage` sends the plain ones the fast way instead. */
export async function parseWithMailparser(raw: Buffer): Promise<ParseOutcome> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, {
      skipHtmlToText: false,
      skipImageLinks: true,
      skipTextLinks: true,
      maxHtmlLengthToParse: 2_000_000,
    });
  } catch (error) {
    return {
      ok: false,
      reason: `unparseable MIME: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500),
    };
  }
  return toParsedMessage(raw, {
    from: addressList(parsed.from),
    to: addressList(parsed.to),
    cc: addressList(parsed.cc),
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    references: parsed.references,
    // mailparser turns Delivered-To into an address object, so only X-Original-To is a string here.
    deliveredTo: ['delivered-to', 'x-original-to']
      .flatMap((name) => [parsed.headers.get(name)].flat())
      .map((value) => (typeof value === 'string' ? value : '')),
    subject: parsed.subject,
    date: parsed.date,
    contentType: headerText(parsed, 'content-type'),
    text: parsed.text,
    header: (name) => headerText(parsed, name.toLowerCase()),
    deliveryStatus: parsed.attachments
      .find((a) => /message\/(global-)?delivery-status/i.test(a.contentType))
      ?.content.toString('utf8'),
  });
}

/**
 * The outcome for mail that fails the limits or that the plain-text fast path reads, without waiting;
 * undefined for mail that needs mailparser. Ingest parses thousands of messages a second, most of them
 * plain, so they are spared a turn of the event loop each.
 */
export function parsePlainMessage(raw: Buffer): ParseOutcome | undefined {
  const limit = checkLimits(raw);
  if (limit) return { ok: false, reason: limit };
  const plain = plainMessageFields(raw);
  return plain ? toParsedMessage(raw, plain) : undefined;
}

export async function parseMessage(raw: Buffer): Promise<ParseOutcome> {
  return parsePlainMessage(raw) ?? parseWithMailparser(raw);
}
