// Follows a single-page webmail: re-inspects the page on navigation (the location-change event), on DOM
// mutations and on frame loads, debounced, and hands every new state an AbortSignal that fires when the
// user moves on, so work for a thread that is no longer shown is cancelled.
import { type AdapterManager, stateKey, type ThreadState } from './manager';

export interface WatchOptions {
  manager: AdapterManager;
  doc: Document;
  currentUrl: () => string;
  /** Subscribes to SPA navigation (WXT's `wxt:locationchange`); returns an unsubscribe function. */
  onNavigation: (listener: () => void) => () => void;
  onState: (state: ThreadState, signal: AbortSignal) => void;
  signal: AbortSignal;
  debounceMs?: number;
}

export function watchThread(options: WatchOptions): void {
  const { manager, doc, signal } = options;
  const debounceMs = options.debounceMs ?? 20;
  let lastKey: string | undefined;
  let current: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const check = () => {
    timer = undefined;
    if (signal.aborted) return;
    const state = manager.inspect(doc, new URL(options.currentUrl()));
    const key = stateKey(state);
    if (key === lastKey) return;
    lastKey = key;
    current?.abort();
    current = new AbortController();
    options.onState(state, current.signal);
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(check, debounceMs);
  };

  const observer = new (doc.defaultView?.MutationObserver ?? MutationObserver)(schedule);
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  const stopNavigation = options.onNavigation(schedule);
  // Frame loads (Roundcube's preview) do not bubble, but a capturing listener on the document sees them.
  doc.addEventListener('load', schedule, { capture: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    stopNavigation();
    doc.removeEventListener('load', schedule, { capture: true });
    if (timer !== undefined) clearTimeout(timer);
    current?.abort();
  });
  check();
}
