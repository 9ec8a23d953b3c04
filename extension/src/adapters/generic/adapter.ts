// Fallback for other webmail the user enables: low confidence, built from readable text and visible addresses.
import { toThreadView } from '../thread-view';
import type { WebmailAdapter } from '../types';
import { findGenericCompose, parsePageAddresses, readMessage } from './parsers';

/** Fewer addresses than this and the page is probably not a conversation. */
const minimumAddresses = 2;

/** Readability is costly and the watcher re-reads on every DOM change: reuse its title while the page's
 * URL and addresses stay the same. */
const titles = new WeakMap<Document, { key: string; title: string }>();

function messageTitle(doc: Document, key: string): string {
  const cached = titles.get(doc);
  if (cached?.key === key) return cached.title;
  const title = readMessage(doc)?.title ?? doc.title;
  titles.set(doc, { key, title });
  return title;
}

export const genericAdapter: WebmailAdapter = {
  id: 'generic',
  label: 'Webmail',
  matchesUrl: () => true,
  isThreadOpen: (doc) => new Set(parsePageAddresses(doc).filter(Boolean)).size >= minimumAddresses,
  readThread(doc, url) {
    // Only addresses the page marks up as addresses count: text runs together in Readability's output.
    const addresses = [...new Set(parsePageAddresses(doc).filter(Boolean))];
    if (addresses.length < minimumAddresses) return null;
    return toThreadView(
      'generic',
      {
        providerThreadId: `${url.pathname}${url.search}${url.hash}`.slice(0, 500),
        subject: messageTitle(doc, `${url.href}\n${addresses.join(',')}`),
        addresses,
        messages: [],
      },
      'low',
    );
  },
  findCompose: findGenericCompose,
};
