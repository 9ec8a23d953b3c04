// imapflow's command dispatcher, `run`: internal (absent from its typings), yet what every public command
// goes through. Ingest uses it only where the public API costs measurably more (fetch-collected.ts) or
// has no method at all (ENABLE, imap-client.ts), and always with a way on when it is missing.
import type { ImapFlow } from 'imapflow';

export type ImapDispatcher = (command: string, ...args: unknown[]) => Promise<unknown>;

/** The client's dispatcher, or undefined where this imapflow has none. */
export function dispatcherOf(client: ImapFlow): ImapDispatcher | undefined {
  const run = (client as unknown as { run?: unknown }).run;
  return typeof run === 'function' ? (run.bind(client) as ImapDispatcher) : undefined;
}
