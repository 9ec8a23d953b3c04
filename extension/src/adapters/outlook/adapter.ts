// Outlook on the web (outlook.office.com, outlook.live.com): the reading pane shows one conversation.
import { toThreadView } from '../thread-view';
import { AdapterError, type WebmailAdapter } from '../types';
import { findOutlookCompose, parseMessages, parseRecipients, parseSubject, parseThreadId } from './parsers';

const hosts = new Set(['outlook.office.com', 'outlook.live.com', 'outlook.office365.com']);

export const outlookAdapter: WebmailAdapter = {
  id: 'outlook',
  label: 'Outlook',
  matchesUrl: (url) => hosts.has(url.hostname),
  isThreadOpen: (doc) => parseSubject(doc) !== null,
  readThread(doc, url) {
    const subject = parseSubject(doc);
    if (subject === null) return null;
    const messages = parseMessages(doc);
    if (!messages.some((message) => message.from))
      throw new AdapterError('outlook', 'no message senders found');
    return toThreadView('outlook', {
      providerThreadId: parseThreadId(doc, url),
      subject,
      addresses: parseRecipients(doc),
      messages,
    });
  },
  findCompose: findOutlookCompose,
};
