// Gmail (mail.google.com): a single-page app; the conversation view is a subject heading plus messages.
import { toThreadView } from '../thread-view';
import { AdapterError, type WebmailAdapter } from '../types';
import { findGmailCompose, parseMessages, parseRecipients, parseSubject, parseThreadId } from './parsers';

export const gmailAdapter: WebmailAdapter = {
  id: 'gmail',
  label: 'Gmail',
  matchesUrl: (url) => url.hostname === 'mail.google.com',
  isThreadOpen: (doc) => parseSubject(doc) !== null,
  readThread(doc, url) {
    const subject = parseSubject(doc);
    if (subject === null) return null;
    const messages = parseMessages(doc);
    // A subject without any readable sender means Gmail's message markup changed.
    if (!messages.some((message) => message.from))
      throw new AdapterError('gmail', 'no message senders found');
    return toThreadView('gmail', {
      providerThreadId: parseThreadId(doc, url),
      subject,
      addresses: parseRecipients(doc),
      messages,
    });
  },
  findCompose: findGmailCompose,
};
