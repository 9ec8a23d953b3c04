// Starts Peerpost in a webmail tab: the adapters watch the page, the controller asks the background, and
// React renders the sidebar inside a shadow root so neither the page's CSS nor its scripts' styles leak in.
import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { insertPlainText } from '../adapters/compose';
import { analyseMessage } from '../adapters/local-analysis';
import type { AdapterManager, ThreadState } from '../adapters/manager';
import type { WebmailAdapter } from '../adapters/types';
import { watchThread } from '../adapters/watch-thread';
import { sendMessage } from '../messaging/protocol';
import { Sidebar } from '../sidebar/Sidebar';
import type { SidebarActions, SidebarState } from '../sidebar/state';
import { pageTheme, watchTheme } from '../sidebar/theme';
import { createSidebarController } from './sidebar-controller';

const collapsedKey = 'peerpost:sidebar-collapsed';

/** Each entrypoint passes its own adapters, so a bundle carries only the adapters it uses. */
export async function mountSidebar(ctx: ContentScriptContext, manager: AdapterManager) {
  let root: Root | undefined;
  const ui = await createShadowRootUi(ctx, {
    name: 'peerpost-sidebar',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    // Keys typed in the sidebar must not trigger the webmail's keyboard shortcuts.
    isolateEvents: true,
    onMount(container) {
      root = createRoot(container);
      return root;
    },
    onRemove(mounted) {
      mounted?.unmount();
    },
  });
  ui.mount();

  // Read once, and again whenever the tab comes back into view (the user may have changed them).
  let preferences = sendMessage('getPreferences');
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') preferences = sendMessage('getPreferences');
  });
  let collapsed = Boolean((await browser.storage.local.get(collapsedKey))[collapsedKey]);
  let current: SidebarState = { kind: 'hidden' };
  let adapter: WebmailAdapter | undefined;

  const actions: SidebarActions = {
    insertPrompt: (text) => {
      const target = adapter?.findCompose(document);
      return target ? insertPlainText(target, text) : false;
    },
    submitCheckIn: (checkInId, score) => sendMessage('submitCheckIn', { checkInId, score }),
    snoozeNudge: (matchId, days) => sendMessage('snoozeNudge', { matchId, days }),
    partnership: (action) => sendMessage('partnershipAction', action),
    coordinatorAction: (matchId, action, note) => sendMessage('coordinatorAction', { matchId, action, note }),
    openDashboard: (matchId) => sendMessage('openDashboard', { matchId }),
    matchHistory: (matchId) => sendMessage('getMatchHistory', { matchId }),
    retry: () => controller.retry(),
  };
  const render = (state: SidebarState) => {
    current = state;
    root?.render(
      <Sidebar
        state={state}
        actions={actions}
        collapsed={collapsed}
        theme={pageTheme(document)}
        onCollapsedChange={(next) => {
          collapsed = next;
          void browser.storage.local.set({ [collapsedKey]: next });
          render(current);
        }}
      />,
    );
  };
  const controller = createSidebarController({
    fetchContext: async (query) => {
      // Local analysis only when the user switched it on; only the counts go to the background.
      const { localAnalysis } = await preferences;
      const counts = localAnalysis
        ? (analyseMessage(adapter?.messageDocument?.(document) ?? document) ?? undefined)
        : undefined;
      return sendMessage('getContext', { query, counts });
    },
    render,
  });

  const stop = new AbortController();
  ctx.onInvalidated(() => stop.abort());
  // The webmail may switch between light and dark while a thread stays open.
  watchTheme(document, () => render(current), stop.signal);
  watchThread({
    manager,
    doc: document,
    currentUrl: () => location.href,
    onNavigation: (listener) => {
      // WXT removes the listener itself when the content script is invalidated.
      ctx.addEventListener(window, 'wxt:locationchange', listener);
      return () => {};
    },
    onState: (state: ThreadState, signal) => {
      adapter = state.kind === 'thread' ? state.adapter : undefined;
      void controller.show(state, signal);
    },
    signal: stop.signal,
  });
}
