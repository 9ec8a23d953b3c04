// Decides whether a message may be answered: only this extension's own contexts, and content scripts
// (running inside web pages) only for the sidebar's calls, never for session or settings calls.
import { contentScriptCalls, type ProtocolMap } from '../messaging/protocol';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

export function isAllowedSender(type: keyof ProtocolMap, sender: SenderInfo, extensionId: string): boolean {
  if (sender.id !== extensionId) return false;
  const url = sender.url ?? '';
  // Firefox extension origins use an internal UUID rather than the id, so also accept any extension page
  // that is not inside a tab's web page.
  const fromExtensionPage =
    url.startsWith(`chrome-extension://${extensionId}/`) ||
    url.startsWith(`moz-extension://${extensionId}/`) ||
    (url.startsWith('moz-extension://') && !sender.tab);
  if (fromExtensionPage) return true;
  return contentScriptCalls.has(type);
}
