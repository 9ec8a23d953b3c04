import { describe, expect, it, vi } from 'vitest';
import { gmailAdapter } from '../adapters/gmail/adapter';
import type { ThreadState } from '../adapters/manager';
import type { ContextResult } from '../messaging/protocol';
import type { SidebarState } from '../sidebar/state';
import { contextQuery, createSidebarController } from './sidebar-controller';

const thread: ThreadState = {
  kind: 'thread',
  adapter: gmailAdapter,
  view: {
    provider: 'gmail',
    providerThreadId: 't-1',
    subject: 'Private subject',
    participants: ['ana@example.org', 'mentoring+p-abcd@example.org'],
    plusTokens: ['abcd'],
    messages: [],
    confidence: 'high',
  },
};

describe('sidebar controller', () => {
  it('sends identifiers and addresses only, never the subject', () => {
    const query = contextQuery(thread.kind === 'thread' ? thread.view : (undefined as never));
    expect(query).toEqual({
      provider: 'gmail',
      providerThreadId: 't-1',
      participants: ['ana@example.org', 'mentoring+p-abcd@example.org'],
      plusTokens: ['abcd'],
    });
  });

  it('shows loading, then the result', async () => {
    const states: SidebarState[] = [];
    const controller = createSidebarController({
      fetchContext: async () => ({ kind: 'not-a-match' }),
      render: (state) => states.push(state),
    });
    await controller.show(thread, new AbortController().signal);
    expect(states.map((s) => s.kind)).toEqual(['loading', 'not-a-match']);
  });

  it('drops a result for a thread the user already left', async () => {
    const states: SidebarState[] = [];
    let resolve: (result: ContextResult) => void = () => {};
    const controller = createSidebarController({
      fetchContext: () => new Promise((r) => (resolve = r)),
      render: (state) => states.push(state),
    });
    const navigation = new AbortController();
    const pending = controller.show(thread, navigation.signal);
    navigation.abort();
    resolve({ kind: 'signed-out' });
    await pending;
    expect(states.map((s) => s.kind)).toEqual(['loading']);
  });

  it('turns a failed message into an error state, and hides without a thread', async () => {
    const render = vi.fn();
    const controller = createSidebarController({
      fetchContext: async () => {
        throw new Error('Extension context invalidated');
      },
      render,
    });
    await controller.show(thread, new AbortController().signal);
    expect(render).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'error' }));
    await controller.show({ kind: 'none' }, new AbortController().signal);
    expect(render).toHaveBeenLastCalledWith({ kind: 'hidden' });
  });
});
