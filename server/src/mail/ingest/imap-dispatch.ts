// imapflow's command machinery: internal (absent from its typings), yet what every public command goes
// through. Ingest uses it only where the public API costs measurably more (fetch-collected.ts,
// fetch-sources.ts) or has no method at all (ENABLE, imap-client.ts), and always with a way on when it is
// missing.
import type { ImapFlow } from 'imapflow';

export type ImapDispatcher = (command: string, ...args: unknown[]) => Promise<unknown>;

/** The client's dispatcher (`run`: one of imapflow's commands by name), or undefined where it has none. */
export function dispatcherOf(client: ImapFlow): ImapDispatcher | undefined {
  const run = (client as unknown as { run?: unknown }).run;
  return typeof run === 'function' ? (run.bind(client) as ImapDispatcher) : undefined;
}

/** One token of a parsed response, as imapflow's parser writes it; lists are arrays of them. */
export interface ImapToken {
  type?: string;
  value?: unknown;
  section?: unknown;
}

/** An untagged response: `* 12 FETCH (UID 34 BODY[] {1234}…)` has command "12" and attributes [FETCH, (…)]. */
export interface UntaggedResponse {
  command?: string;
  attributes?: unknown[];
}

/**
 * Sends one raw command and hands every untagged response of a kind (FETCH, …) to `untagged` as it is
 * parsed. Resolves once the server has completed the command.
 */
export type ImapExecutor = (
  command: string,
  attributes: unknown[],
  untagged: Record<string, (response: UntaggedResponse) => void>,
) => Promise<void>;

interface ExecCapable {
  exec?: (command: string, attributes: unknown[], options: object) => Promise<{ next?: () => void }>;
  preCheck?: (() => Promise<void>) | false;
}

/** The client's raw command executor, or undefined where this imapflow has none. */
export function executorOf(client: ImapFlow): ImapExecutor | undefined {
  const internal = client as unknown as ExecCapable;
  const exec = internal.exec;
  if (typeof exec !== 'function') return undefined;
  return async (command, attributes, untagged) => {
    // As imapflow's own commands do first: break an IDLE in progress.
    if (typeof internal.preCheck === 'function') await internal.preCheck.call(client);
    const response = await exec.call(client, command, attributes, { untagged });
    // The parser waits for this before it reads the next response from the server.
    response?.next?.();
  };
}
