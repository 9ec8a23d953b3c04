// Turns what the page shows (a ThreadState from the adapters) into what the sidebar shows, asking the
// background for the match context. A result for a thread the user already left is dropped.
import type { ContextQuery } from '@peerpost/shared/api/context';
import type { ThreadState } from '../adapters/manager';
import type { ThreadView } from '../adapters/types';
import type { ContextResult } from '../messaging/protocol';
import type { SidebarState } from '../sidebar/state';

/** Only identifiers and addresses leave the browser; the subject stays on the page. */
export function contextQuery(view: ThreadView): ContextQuery {
  return {
    provider: view.provider,
    providerThreadId: view.providerThreadId?.slice(0, 500) ?? undefined,
    participants: view.participants,
    plusTokens: view.plusTokens,
  };
}

export interface SidebarController {
  show(state: ThreadState, signal: AbortSignal): Promise<void>;
  retry(): void;
}

export function createSidebarController(options: {
  fetchContext: (query: ContextQuery, view: ThreadView) => Promise<ContextResult>;
  render: (state: SidebarState) => void;
}): SidebarController {
  let last: { state: ThreadState; signal: AbortSignal } | undefined;
  const show = async (state: ThreadState, signal: AbortSignal) => {
    last = { state, signal };
    if (state.kind === 'none') return options.render({ kind: 'hidden' });
    if (state.kind === 'broken') return options.render({ kind: 'broken', label: state.label });
    const { view } = state;
    const threadId = view.providerThreadId;
    options.render({ kind: 'loading', subject: view.subject, threadId });
    let result: ContextResult;
    try {
      result = await options.fetchContext(contextQuery(view), view);
    } catch (error) {
      result = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    if (signal.aborted) return;
    options.render({ ...result, subject: view.subject, threadId, lowConfidence: view.confidence === 'low' });
  };
  return {
    show,
    retry: () => {
      if (last && !last.signal.aborted) void show(last.state, last.signal);
    },
  };
}
