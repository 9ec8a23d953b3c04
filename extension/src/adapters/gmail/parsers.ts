// Reads Gmail's conversation view from a document.
import { parseAddress } from '../addresses';
import type { ThreadMessage } from '../types';
import { gmailSelectors as s } from './selectors';

export function parseSubject(doc: Document): string | null {
  return doc.querySelector(s.subject)?.textContent ?? null;
}

/** The thread id from the subject heading, falling back to the last segment of the URL hash (#inbox/<id>). */
export function parseThreadId(doc: Document, url: URL): string | null {
  const heading = doc.querySelector(s.subject);
  for (const attribute of s.threadIdAttributes) {
    const value = heading?.getAttribute(attribute);
    if (value) return value.replace(/^#/, '');
  }
  const segment = url.hash.split('/').pop() ?? '';
  return /^[A-Za-z0-9]{10,}$/.test(segment) ? segment : null;
}

export function parseMessages(doc: Document): ThreadMessage[] {
  return [...doc.querySelectorAll(s.message)].map((message) => ({
    from: parseAddress(message.querySelector(s.sender)?.getAttribute('email')),
    date: message.querySelector(s.date)?.getAttribute('title') ?? null,
  }));
}

export function parseRecipients(doc: Document): Array<string | null> {
  return [...doc.querySelectorAll(s.recipient)].map((element) => parseAddress(element.getAttribute('email')));
}

export function findGmailCompose(doc: Document): HTMLElement | null {
  for (const selector of s.compose) {
    const element = doc.querySelector<HTMLElement>(selector);
    if (element) return element;
  }
  return null;
}
