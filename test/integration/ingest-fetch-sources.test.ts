// Ingest reads each batch's sources straight from the parsed FETCH responses (see fetch-sources.ts).
// Against a real Dovecot: the same messages, bytes and order as imapflow's public `fetch()`, neither its
// generator nor its FETCH command used, flag changes another session reports meanwhile passed over, and
// sources of UIDs not asked for (or given twice), an IDLE in progress broken first, and imapflow's FETCH taken when the raw executor is missing or a
// response comes in a shape ingest does not know.
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchSources } from '../../server/src/mail/ingest/fetch-sources';
import type { ImapToken, UntaggedResponse } from '../../server/src/mail/ingest/imap-dispatch';
import { uidSet } from '../../server/src/mail/ingest/uid-set';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { imapClient, rawMail } from './ingest-helpers';

const total = 40;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

type Exec = (
  command: string,
  attributes: unknown[],
  options: { untagged?: Record<string, Handler> },
) => Promise<unknown>;
type Handler = (response: UntaggedResponse) => unknown;

describe('fetching the sources of a batch from Dovecot', () => {
  let dovecot: Dovecot;
  let client: ImapFlow;

  beforeAll(async () => {
    dovecot = await startDovecot(['program@example.org']);
    for (let i = 0; i < total; i++)
      await dovecot.deliver(
        rawMail({
          id: `sources-${i}`,
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
  const viaGenerator = async (uids: number[]) => {
    const found: [number, string][] = [];
    for await (const m of client.fetch(uidSet(uids), { uid: true, source: true }, { uid: true }))
      found.push([m.uid, m.source!.toString('latin1')]);
    return found;
  };
  const pairsOf = (list: { uid: number; source: Buffer }[]) =>
    list.map((m) => [m.uid, m.source.toString('latin1')] as [number, string]);
  const internals = () => client as unknown as { exec: Exec; run: (...args: unknown[]) => Promise<unknown> };
  /** Counts the FETCH commands that go through imapflow's own FETCH (the fallback). */
  const spyOnFetchCommand = () => vi.spyOn(internals(), 'run');
  const fetchCommands = (run: ReturnType<typeof spyOnFetchCommand>) =>
    run.mock.calls.filter(([command]) => command === 'FETCH').length;
  /** Lets every untagged FETCH response pass through `edit` before ingest's handler sees it. */
  const editResponses = (edit: (response: UntaggedResponse) => UntaggedResponse) => {
    const exec = Object.getPrototypeOf(client).exec as Exec;
    const seen: UntaggedResponse[] = [];
    vi.spyOn(internals(), 'exec').mockImplementation(function (this: ImapFlow, command, attributes, options) {
      const fetch = options?.untagged?.FETCH;
      if (!fetch) return exec.call(this, command, attributes, options);
      const untagged = {
        ...options.untagged,
        FETCH: (r: UntaggedResponse) => {
          seen.push(r);
          return fetch(edit(r));
        },
      };
      return exec.call(this, command, attributes, { ...options, untagged });
    });
    return seen;
  };

  it('answers what the public fetch answers, without its generator or its FETCH command', async () => {
    // A set with gaps and a range, as ingest batches are written.
    const uids = [1, 2, 3, 7, 9, 10, 11, 12, 20, 33, 40];
    const expected = await viaGenerator(uids);
    expect(expected.map(([uid]) => uid)).toEqual([1, 2, 3, 7, 9, 10, 11, 12, 20, 33, 40]);
    const generator = vi.spyOn(client, 'fetch');
    const run = spyOnFetchCommand();
    const fetched = await fetchSources(client, uids);
    expect(generator).not.toHaveBeenCalled();
    expect(fetchCommands(run)).toBe(0);
    expect(pairsOf(fetched)).toEqual(expected);
    expect(fetched.at(-1)!.source.length).toBeGreaterThan(30_000);
  });

  it('passes over the flag changes another session made, reported in the middle of the FETCH', async () => {
    const other = imapClient(dovecot.imapPort);
    await other.connect();
    try {
      await other.mailboxOpen('INBOX');
      await other.messageFlagsAdd('2:4', ['\\Flagged'], { uid: true });
      const seen = editResponses((response) => response);
      const fetched = await fetchSources(client, range(1, 6));
      expect(pairsOf(fetched)).toEqual(await viaGenerator(range(1, 6)));
      // Dovecot did report them: more FETCH responses than messages.
      expect(seen.length).toBeGreaterThan(6);
    } finally {
      await other.messageFlagsRemove('2:4', ['\\Flagged'], { uid: true });
      await other.logout();
    }
  });

  it('breaks an IDLE in progress first', async () => {
    const idling = client.idle();
    await vi.waitFor(() => expect(client.idling).toBe(true));
    expect(pairsOf(await fetchSources(client, range(5, 8)))).toEqual(await viaGenerator(range(5, 8)));
    await idling;
    // Without the IDLE broken, the FETCH would wait for the test's timeout.
  }, 15_000);

  it('passes over sources of UIDs not asked for, and a UID given twice', async () => {
    // A server that answers for 7 as 999 (not asked for) and for 6 as 5 (given already).
    const renumbered = new Map([
      ['7', '999'],
      ['6', '5'],
    ]);
    editResponses((response) => {
      const items = [...(response.attributes![1] as ImapToken[])];
      const at = items.findIndex((item) => item.value === 'UID') + 1;
      const uid = renumbered.get(items[at]!.value as string);
      if (uid) items[at] = { type: 'ATOM', value: uid };
      return { ...response, attributes: [response.attributes![0], items] };
    });
    const fetched = await fetchSources(client, range(5, 8));
    expect(pairsOf(fetched)).toEqual(await viaGenerator([5, 8]));
  });

  it("fetches through imapflow's FETCH when a response comes in an unknown shape", async () => {
    // Every response loses its UID: the sources could not be placed, so none is taken.
    editResponses((response) => {
      const items = response.attributes![1] as { value?: unknown }[];
      const at = items.findIndex((item) => item.value === 'UID');
      return {
        ...response,
        attributes: [response.attributes![0], items.filter((_, i) => i < at || i > at + 1)],
      };
    });
    const run = spyOnFetchCommand();
    const fetched = await fetchSources(client, range(5, 8));
    expect(fetchCommands(run)).toBe(1);
    expect(pairsOf(fetched)).toEqual(await viaGenerator(range(5, 8)));
  });

  it("fetches through imapflow's FETCH where it has no raw executor", async () => {
    // Missing when fetch-sources looks for it; imapflow's own FETCH still needs it afterwards.
    const exec = Object.getPrototypeOf(client).exec as Exec;
    let lookedUp = false;
    Object.defineProperty(client, 'exec', {
      configurable: true,
      get: () => {
        if (lookedUp) return exec;
        lookedUp = true;
        return undefined;
      },
    });
    try {
      const run = spyOnFetchCommand();
      const fetched = await fetchSources(client, range(1, 3));
      expect(lookedUp).toBe(true);
      expect(fetchCommands(run)).toBe(1);
      expect(pairsOf(fetched)).toEqual(await viaGenerator(range(1, 3)));
    } finally {
      delete (client as unknown as { exec?: unknown }).exec;
    }
  });

  it('fails when the server refuses the FETCH', async () => {
    await client.mailboxClose();
    await expect(fetchSources(client, range(1, 3))).rejects.toThrow();
  });
});
