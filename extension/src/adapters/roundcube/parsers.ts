// Reads Roundcube's message view from a document (the preview frame's or the page's own).
import { parseAddress } from '../addresses';
import { cleanText } from '../thread-view';
import type { ThreadMessage } from '../types';
import { roundcubeSelectors as s } from './selectors';

/** The document showing the message: the preview frame's when it has loaded one, else the page. */
export function messageDocument(doc: Document): { doc: Document; url: string | null } {
  const frame = doc.querySelector<HTMLIFrameElement>(s.previewFrame);
  const inner = frame?.contentDocument;
  if (frame && inner?.querySelector(s.header)) {
    return { doc: inner, url: frame.contentWindow?.location.href ?? frame.src };
  }
  return { doc, url: null };
}

export function isRoundcubePage(doc: Document): boolean {
  return doc.querySelector(s.page) !== null || doc.querySelector(s.previewFrame) !== null;
}

export function parseSubject(doc: Document): string | null {
  const heading = doc.querySelector(`${s.header} ${s.subject}`);
  if (!heading) return null;
  const copy = heading.cloneNode(true) as Element;
  for (const noise of copy.querySelectorAll(s.subjectNoise)) noise.remove();
  return cleanText(copy.textContent ?? '');
}

/** Roundcube identifies a message by folder and UID (`_mbox`, `_uid` in the URL). */
export function parseThreadId(url: URL): string | null {
  const uid = url.searchParams.get('_uid');
  if (!uid) return null;
  return `${url.searchParams.get('_mbox') ?? 'INBOX'}/${uid}`;
}

function addressOf(link: Element): string | null {
  return parseAddress(link.getAttribute('title')) ?? parseAddress(link.getAttribute('href'));
}

export function parseAddresses(doc: Document): Array<string | null> {
  return [...doc.querySelectorAll(`${s.header} :is(${s.address})`)].map(addressOf);
}

/** Roundcube shows one message at a time: its sender is the first address of the summary line. */
export function parseMessages(doc: Document): ThreadMessage[] {
  const sender = doc.querySelector(`${s.summary} :is(${s.address})`);
  if (!sender) return [];
  return [{ from: addressOf(sender), date: doc.querySelector(s.date)?.textContent?.trim() ?? null }];
}

export function findRoundcubeCompose(doc: Document): HTMLElement | null {
  for (const selector of s.compose) {
    const element = doc.querySelector<HTMLElement>(selector);
    if (element) return element;
  }
  return null;
}
