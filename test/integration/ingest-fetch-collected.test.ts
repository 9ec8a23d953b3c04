// Ingest collects the FETCH of sizes, dates and (where it cannot read sources itself) sources through
// imapflow's command dispatcher instead of its async generator (see fetch-collected.ts). Against a real
// Dovecot: the same messages, bytes and order as the public `fetch()`, the generator really not used, the
// public path taken when the dispatcher answers in a shape ingest does not know, and no mod-sequences once
// connected as Peerpost connects (CONDSTORE left off).
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchCollected } from '../../server/src/mail/ingest/fetch-collected';
import { connectImap, createImapClient } from '../../server/src/mail/ingest/imap-client';
import { dispatcherOf } from '../../server/src/mail/ingest/imap-dispatch';
import { uidSet } from '../../server/src/mail/ingest/uid-set';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { imapClient, rawMail } from './ingest-helpers';

const total = 40;

describe('fetching a batch whole from Dovecot', () => {
  let dovecot: Dovecot;
  let client: ImapFlow;

  beforeAll(async () => {
    dovecot = await startDovecot(['program@example.org']);
    for (let i = 0; i < total; i++)
      await dovecot.deliver(
        rawMail({
          id: `collected-${i}`,
          from: 'ana@example.org',
          to: 'ben@example.org, program@example.org',
          subject: `Message ${i}`,
          // Sizes from a few hundred bytes to some 40 KB: literals that span several socket reads.
          text: `Message ${i}. ${'Words about the week. '.repeat(i * i)}`,
        }),
        ['program@example.org'],
      );
  });
  afterAll(async () => {
    await dovecot?.stop();
  });
  beforeEach(async () => {
    client = imapClient(dovecot.imapPort);
    await client.connect();
    await client.mailboxOpen('INBOX');
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await client.logout();
  });

  /** What the public generator answers for the same UIDs, as [uid, source] pairs. */
  const viaGenerator = async (set: string) => {
    const found: [number, string][] = [];
    for await (const m of client.fetch(set, { uid: true, source: true }, { uid: true }))
      found.push([m.uid, m.source!.toString('latin1')]);
    return found;
  };
  const pairsOf = (list: FetchMessageObject[]) =>
    list.map((m) => [m.uid, m.source!.toString('latin1')] as [number, string]);

  it('answers what the public fetch answers, without its generator', async () => {
    expect(dispatcherOf(client)).toBeTypeOf('function');
    // A set with gaps and a range, as ingest batches are written.
    const set = uidSet([1, 2, 3, 7, 9, 10, 11, 12, 20, 33, 40]);
    const expected = await viaGenerator(set);
    expect(expected.map(([uid]) => uid)).toEqual([1, 2, 3, 7, 9, 10, 11, 12, 20, 33, 40]);
    const generator = vi.spyOn(client, 'fetch');
    const collected = await fetchCollected(client, set, { uid: true, source: true });
    expect(generator).not.toHaveBeenCalled();
    expect(pairsOf(collected)).toEqual(expected);
    expect(collected.at(-1)!.source!.length).toBeGreaterThan(30_000);
  });

  it('fetches other items (sizes, INTERNALDATE) the same way', async () => {
    const collected = await fetchCollected(client, '1:*', { uid: true, size: true, internalDate: true });
    expect(collected).toHaveLength(total);
    for (const m of collected) {
      expect(m.size).toBeGreaterThan(200);
      expect(m.internalDate).toBeInstanceOf(Date);
    }
  });

  it('falls back to the public fetch when the dispatcher answers in an unknown shape', async () => {
    const dispatcher = Object.getPrototypeOf(client).run as (...args: unknown[]) => Promise<unknown>;
    // The FETCH still runs; only the answer to a caller that collects (streams nothing) changes.
    function reshaped(this: ImapFlow, command: unknown, ...args: unknown[]) {
      const answer = dispatcher.call(this, command, ...args);
      const streamed = typeof (args[2] as { onUntaggedFetch?: unknown })?.onUntaggedFetch === 'function';
      return command === 'FETCH' && !streamed ? answer.then(() => ({ rows: [] })) : answer;
    }
    const run = vi.spyOn(client as unknown as { run: typeof dispatcher }, 'run').mockImplementation(reshaped);
    const generator = vi.spyOn(client, 'fetch');
    const collected = await fetchCollected(client, '5:8', { uid: true, source: true });
    expect(run).toHaveBeenCalled();
    expect(generator).toHaveBeenCalledTimes(1);
    expect(pairsOf(collected)).toEqual(await viaGenerator('5:8'));
  });

  it('fetches without mod-sequences when connected as Peerpost connects', async () => {
    // The default client (above) enabled CONDSTORE, so Dovecot sends a MODSEQ with every message.
    expect((await fetchCollected(client, '1', { uid: true }))[0]!.modseq).toBeTypeOf('bigint');
    const peerpost = createImapClient({
      host: '127.0.0.1',
      port: dovecot.imapPort,
      secure: false,
      user: 'program@example.org',
      pass: 'secret',
    });
    peerpost.on('error', () => {});
    await connectImap(peerpost);
    try {
      await peerpost.mailboxOpen('INBOX');
      const fetched = await fetchCollected(peerpost, '1:*', { uid: true, source: true });
      expect(fetched.map((m) => m.uid)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(fetched.every((m) => m.modseq === undefined)).toBe(true);
    } finally {
      await peerpost.logout();
    }
  });

  it('fails when the server refuses the FETCH', async () => {
    await client.mailboxClose();
    await expect(fetchCollected(client, '1:3', { uid: true, source: true })).rejects.toThrow();
  });
});
