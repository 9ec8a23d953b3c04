// When the program mailbox received a message, read from the message itself. Every server that delivers
// mail puts a Received field on top with the time after its last ";" (Dovecot's LMTP writes
// `for <program@example.org>; Mon, 30 Nov 2026 09:12:44 +0000`). Reading it spares ingest asking IMAP for
// INTERNALDATE, which imapflow turns into a Date at a cost of about a quarter of the whole fetch.
import { headerBlockLength } from './parse-message';

const received = Buffer.from('received:');
/** A day of clock skew between servers is tolerated; anything later is not a delivery time. */
const latestSkewMs = 86_400_000;
const earliest = Date.UTC(1990, 0, 1);
/**
 * An RFC 5322 date-time (`[Mon,] 30 Nov 2026 09:12:44 +0000`, obsolete zone names too): Date.parse alone
 * turns almost any text with a number in it into some date.
 */
const dateTime =
  /^\s*(?:[a-z]{3}\s*,\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|[a-z]{1,5})\b/i;

/** Whether the field at `start` is named Received, in any case. */
function isReceivedField(raw: Buffer, start: number): boolean {
  for (let i = 0; i < received.length; i++) {
    const byte = raw[start + i];
    // ASCII letters compare in lower case; ':' has the 0x20 bit set already.
    if (byte === undefined || (byte | 0x20) !== received[i]) return false;
  }
  return true;
}

/** Where the field starting at `start` ends: at the line break not followed by folding white space. */
function fieldEnd(raw: Buffer, start: number, limit: number): number {
  let lf = raw.indexOf(0x0a, start);
  while (lf >= 0 && lf + 1 < limit && (raw[lf + 1] === 0x20 || raw[lf + 1] === 0x09))
    lf = raw.indexOf(0x0a, lf + 1);
  return lf < 0 || lf > limit ? limit : lf;
}

/**
 * The date of the topmost Received field, or null when there is none in the header block or its date is
 * unusable (not an RFC 5322 date-time after a ";", before 1990, more than a day ahead of `now`).
 */
export function deliveredAt(raw: Buffer, now = Date.now()): Date | null {
  const limit = headerBlockLength(raw);
  for (let start = 0; start < limit; ) {
    if (isReceivedField(raw, start)) {
      const value = raw.toString('latin1', start + received.length, fieldEnd(raw, start, limit));
      const semicolon = value.lastIndexOf(';');
      const date = semicolon < 0 ? '' : value.slice(semicolon + 1);
      const time = dateTime.test(date) ? Date.parse(date) : Number.NaN;
      return time >= earliest && time <= now + latestSkewMs ? new Date(time) : null;
    }
    const lf = raw.indexOf(0x0a, start);
    if (lf < 0) break;
    start = lf + 1;
  }
  return null;
}
