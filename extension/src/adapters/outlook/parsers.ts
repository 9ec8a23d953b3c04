// Reads Outlook on the web's reading pane from a document.
import { parseAddress } from '../addresses';
import type { ThreadMessage } from '../types';
import { outlookSelectors as s } from './selectors';

function readingPane(doc: Document): Element | null {
  return doc.querySelector(s.readingPane);
}

export function parseSubject(doc: Document): string | null {
  return readingPane(doc)?.querySelector(s.subject)?.textContent ?? null;
}

/** The conversation id from the pane, falling back to the URL (/mail/inbox/id/<id>). */
export function parseThreadId(doc: Document, url: URL): string | null {
  const fromPane = readingPane(doc)?.querySelector(s.conversation)?.getAttribute('data-convid');
  if (fromPane) return fromPane;
  const match = /\/id\/([^/?#]+)/.exec(url.pathname);
  return match ? decodeURIComponent(match[1]!) : null;
}

function personaAddress(element: Element | null): string | null {
  return parseAddress(element?.getAttribute('title')) ?? parseAddress(element?.textContent);
}

export function parseMessages(doc: Document): ThreadMessage[] {
  return [...(readingPane(doc)?.querySelectorAll(s.message) ?? [])].map((message) => ({
    from: personaAddress(message.querySelector(s.sender)),
    date: message.querySelector(s.date)?.getAttribute('title') ?? null,
  }));
}

export function parseRecipients(doc: Document): Array<string | null> {
  return [...(readingPane(doc)?.querySelectorAll(s.recipient) ?? [])].map(personaAddress);
}

export function findOutlookCompose(doc: Document): HTMLElement | null {
  for (const selector of s.compose) {
    const element = doc.querySelector<HTMLElement>(selector);
    if (element) return element;
  }
  return null;
}
