import type { ImapFlow } from 'imapflow';
import { describe, expect, it, vi } from 'vitest';
import { connectImap, createImapClient } from './imap-client';

/** A client that connects to nothing and records the commands sent through its dispatcher. */
function stubClient(capabilities: string[]) {
  const run = vi.fn(async () => true);
  const client = {
    connect: vi.fn(async () => {}),
    capabilities: new Map(capabilities.map((name) => [name, true])),
    run,
  };
  return { client: client as unknown as ImapFlow, run, connect: client.connect };
}

describe('IMAP client', () => {
  it('leaves CONDSTORE off: imapflow is told not to enable extensions itself', () => {
    const client = createImapClient({
      host: '127.0.0.1',
      port: 1,
      secure: false,
      user: 'program@example.org',
      pass: 'secret',
    });
    expect(
      (client as unknown as { options: { disableAutoEnable?: boolean } }).options.disableAutoEnable,
    ).toBe(true);
  });

  it('enables UTF8=ACCEPT after connecting, where the server offers it', async () => {
    const offered = stubClient(['IMAP4rev1', 'ENABLE', 'UTF8=ACCEPT', 'CONDSTORE']);
    await connectImap(offered.client);
    expect(offered.connect).toHaveBeenCalledOnce();
    expect(offered.run).toHaveBeenCalledExactlyOnceWith('ENABLE', ['UTF8=ACCEPT']);

    const plain = stubClient(['IMAP4rev1', 'ENABLE', 'CONDSTORE']);
    await connectImap(plain.client);
    expect(plain.connect).toHaveBeenCalledOnce();
    expect(plain.run).not.toHaveBeenCalled();
  });
});
