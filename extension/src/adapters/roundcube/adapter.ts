// Roundcube (self-hosted, any origin the user enables): one message at a time, usually in a preview frame.
import { toThreadView } from '../thread-view';
import { AdapterError, type WebmailAdapter } from '../types';
import {
  findRoundcubeCompose,
  isRoundcubePage,
  messageDocument,
  parseAddresses,
  parseMessages,
  parseSubject,
  parseThreadId,
} from './parsers';

export const roundcubeAdapter: WebmailAdapter = {
  id: 'roundcube',
  label: 'Roundcube',
  // Self-hosted: the host is whatever the user enabled, so the page itself decides (see isRoundcubePage).
  matchesUrl: () => true,
  isThreadOpen: (doc) => parseSubject(messageDocument(doc).doc) !== null,
  readThread(doc, url) {
    if (!isRoundcubePage(doc)) return null;
    const message = messageDocument(doc);
    const subject = parseSubject(message.doc);
    if (subject === null) return null;
    const messages = parseMessages(message.doc);
    if (messages.length === 0) throw new AdapterError('roundcube', 'no sender in the message header');
    return toThreadView('roundcube', {
      providerThreadId: parseThreadId(message.url ? new URL(message.url, url) : url),
      subject,
      addresses: parseAddresses(message.doc),
      messages,
    });
  },
  messageDocument: (doc) => messageDocument(doc).doc,
  findCompose: findRoundcubeCompose,
};
