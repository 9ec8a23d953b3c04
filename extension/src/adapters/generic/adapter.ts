// Fallback for other webmail the user enables: low confidence, built from readable text and visible addresses.
import { toThreadView } from '../thread-view';
import type { WebmailAdapter } from '../types';
import { findGenericCompose, parsePageAddresses, readMessage } from './parsers';

/** Fewer addresses than this and the page is probably not a conversation. */
const minimumAddresses = 2;

export const genericAdapter: WebmailAdapter = {
  id: 'generic',
  label: 'Webmail',
  matchesUrl: () => true,
  isThreadOpen: (doc) => new Set(parsePageAddresses(doc).filter(Boolean)).size >= minimumAddresses,
  readThread(doc, url) {
    // Only addresses the page marks up as addresses count: text runs together in Readability's output.
    const addresses = [...new Set(parsePageAddresses(doc).filter(Boolean))];
    if (addresses.length < minimumAddresses) return null;
    const message = readMessage(doc);
    return toThreadView(
      'generic',
      {
        providerThreadId: `${url.pathname}${url.search}${url.hash}`.slice(0, 500),
        subject: message?.title ?? doc.title,
        addresses,
        messages: [],
      },
      'low',
    );
  },
  findCompose: findGenericCompose,
};
