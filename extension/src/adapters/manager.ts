// Registers the adapters a content script may use and asks them, in order, what the page shows. One
// adapter's failure never escapes: it becomes a "this webmail changed" state tagged with the adapter.
import type { ProviderId, ThreadView, WebmailAdapter } from './types';

export type ThreadState =
  | { kind: 'none' }
  | { kind: 'thread'; view: ThreadView; adapter: WebmailAdapter }
  | { kind: 'broken'; provider: ProviderId; label: string; reason: string };

export class AdapterManager {
  readonly #adapters: WebmailAdapter[] = [];

  register(...adapters: WebmailAdapter[]): this {
    for (const adapter of adapters) {
      if (this.#adapters.some((known) => known.id === adapter.id)) {
        throw new Error(`adapter ${adapter.id} is registered twice`);
      }
      this.#adapters.push(adapter);
    }
    return this;
  }

  get adapters(): readonly WebmailAdapter[] {
    return this.#adapters;
  }

  /** What the page shows now, according to the first adapter for this URL that recognises a thread. */
  inspect(doc: Document, url: URL): ThreadState {
    for (const adapter of this.#adapters) {
      if (!adapter.matchesUrl(url)) continue;
      try {
        const view = adapter.readThread(doc, url);
        if (view) return { kind: 'thread', view, adapter };
      } catch (error) {
        return {
          kind: 'broken',
          provider: adapter.id,
          label: adapter.label,
          reason: error instanceof Error ? error.message : String(error),
        };
      }
    }
    return { kind: 'none' };
  }
}

/** Identity of a state: the sidebar reloads only when this changes. */
export function stateKey(state: ThreadState): string {
  if (state.kind === 'thread') {
    const { provider, providerThreadId, subject, participants } = state.view;
    return JSON.stringify(['thread', provider, providerThreadId, subject, participants]);
  }
  return state.kind === 'broken' ? `broken:${state.provider}:${state.reason}` : 'none';
}
