// The raw source of every message of a UID set: what ingest fetches for each batch. imapflow's FETCH
// command turns each message into a generic object (a key string compiled per item, an MD5 id, a promise
// per message) that ingest then reduces to a UID and bytes. Here imapflow still sends the command and
// parses the server's answer, but the two items ingest asked for are read straight from the parsed
// response. Measured on 10,000 messages: about 10% less CPU for the whole ingest.
import type { ImapFlow } from 'imapflow';
import { fetchCollected } from './fetch-collected';
import { executorOf, type ImapToken, type UntaggedResponse } from './imap-dispatch';
import { uidSet } from './uid-set';

export interface FetchedSource {
  uid: number;
  source: Buffer;
}

/** A UID as the server wrote it (an atom of digits within 32 bits), or undefined. */
const uidOf = (value: unknown) =>
  typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 0xffffffff
    ? Number(value)
    : undefined;

/** `BODY[]`: the section of the whole message is empty. */
const isWholeMessage = (section: unknown) => Array.isArray(section) && section.length === 0;

/**
 * The bytes of a section's value: a literal; a quoted string some servers send for small values (its
 * bytes, as UTF-8 decoded them); NIL, no bytes. What the public fetch answers for each. Anything else
 * (a list) is not a section's value: undefined.
 */
function bytesOf(token: unknown): Buffer | undefined {
  if (token === null) return Buffer.alloc(0);
  const value = Array.isArray(token) ? undefined : (token as ImapToken | undefined)?.value;
  if (Buffer.isBuffer(value)) return value;
  return typeof value === 'string' ? Buffer.from(value) : undefined;
}

/**
 * What one untagged FETCH response holds: a message's UID and source; `other` for a response without a
 * source (a flag change another session made, reported meanwhile); `unknown` for a shape this code does
 * not know.
 */
export function sourceOfResponse(response: UntaggedResponse): FetchedSource | 'other' | 'unknown' {
  const items = response.attributes?.[1];
  if (!Array.isArray(items) || items.length % 2) return 'unknown';
  let uid: number | undefined;
  let source: Buffer | undefined;
  for (let i = 0; i < items.length; i += 2) {
    const name = items[i] as ImapToken | null;
    const item = typeof name?.value === 'string' ? name.value.toUpperCase() : '';
    if (item === 'UID') {
      uid = uidOf((items[i + 1] as ImapToken | null)?.value);
      if (uid === undefined) return 'unknown';
    } else if ((item === 'BODY' || item === 'BINARY') && isWholeMessage(name!.section)) {
      source = bytesOf(items[i + 1]);
      if (source === undefined) return 'unknown';
    }
  }
  if (source === undefined) return 'other';
  return uid === undefined ? 'unknown' : { uid, source };
}

/**
 * The source of each message of `uids` still in the mailbox, in the server's order. A source for a UID
 * not asked for (or given twice) is passed over, so a server cannot make a batch hold more than it asked
 * for. Where imapflow has no raw executor, or a response comes in a shape this code does not know, the
 * whole set is fetched again through imapflow's FETCH command: slower, never wrong.
 */
export async function fetchSources(client: ImapFlow, uids: number[]): Promise<FetchedSource[]> {
  const set = uidSet(uids);
  const exec = executorOf(client);
  if (exec) {
    const wanted = new Set(uids);
    const found: FetchedSource[] = [];
    let understood = true;
    const attributes = [
      { type: 'SEQUENCE', value: set },
      [
        { type: 'ATOM', value: 'UID' },
        { type: 'ATOM', value: 'BODY.PEEK', section: [] },
      ],
    ];
    await exec('UID FETCH', attributes, {
      FETCH: (response) => {
        const read = sourceOfResponse(response);
        if (read === 'unknown') understood = false;
        else if (read !== 'other' && wanted.delete(read.uid)) found.push(read);
      },
    });
    if (understood) return found;
  }
  const fetched = await fetchCollected(client, set, { uid: true, source: true });
  return fetched.map((m) => ({ uid: m.uid, source: m.source ?? Buffer.alloc(0) }));
}
