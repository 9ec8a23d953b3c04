// One UID FETCH whose messages are collected whole: what ingest uses for the sizes of large messages, the
// dates of undated ones, and where it cannot read sources itself (fetch-sources.ts). imapflow's public
// `fetch()` is an async generator: it hands over one message at a time and its FETCH handler waits until
// each is taken, several promise turns per message. Ingest collects a batch whole anyway, so it asks
// imapflow's command dispatcher for the list the FETCH command collects when nobody streams it. Measured
// on 10,000 messages: about 7% less CPU for the whole ingest.
import type { FetchMessageObject, FetchQueryObject, ImapFlow } from 'imapflow';
import { dispatcherOf } from './imap-dispatch';

/**
 * The messages of a UID set (`1:5,9`), in the server's order. Where the dispatcher is missing or answers
 * in a shape this code does not know, the public generator fetches them instead: slower, never wrong.
 */
export async function fetchCollected(
  client: ImapFlow,
  uids: string,
  query: FetchQueryObject,
): Promise<FetchMessageObject[]> {
  const run = dispatcherOf(client);
  if (run) {
    const collected = (await run('FETCH', uids, query, { uid: true })) as { list?: unknown } | undefined;
    if (collected && Array.isArray(collected.list)) return collected.list as FetchMessageObject[];
  }
  return client.fetchAll(uids, query, { uid: true });
}
