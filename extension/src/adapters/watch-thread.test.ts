import { describe, expect, it } from 'vitest';
import type { ThreadState } from './manager';
import { managerFor } from './registry';
import { loadFixture } from './testing';
import { watchThread } from './watch-thread';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchThread', () => {
  it('reports the thread, aborts it when the user leaves, and reports "none"', async () => {
    const thread = loadFixture('gmail/fixtures/thread-2026-11.html');
    document.body.replaceWith(document.importNode(thread.body, true));
    const states: Array<{ state: ThreadState; signal: AbortSignal }> = [];
    let navigate = () => {};
    const stop = new AbortController();
    watchThread({
      manager: managerFor('gmail'),
      doc: document,
      currentUrl: () => 'https://mail.google.com/mail/u/0/#inbox/abc',
      onNavigation: (listener) => {
        navigate = listener;
        return () => {
          navigate = () => {};
        };
      },
      onState: (state, signal) => states.push({ state, signal }),
      signal: stop.signal,
      debounceMs: 5,
    });
    expect(states.map((s) => s.state.kind)).toEqual(['thread']);

    // Navigating back to the list replaces the conversation.
    document.querySelector('[role="main"]')!.replaceChildren();
    navigate();
    await wait(30);
    expect(states.map((s) => s.state.kind)).toEqual(['thread', 'none']);
    expect(states[0]!.signal.aborted).toBe(true);

    // Unrelated mutations with the same state do not report again.
    document.body.append(document.createElement('span'));
    await wait(30);
    expect(states).toHaveLength(2);

    stop.abort();
    expect(states[1]!.signal.aborted).toBe(true);
  });
});
