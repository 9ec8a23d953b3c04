// Reads "something that looks like an open email" from any page, using Readability on a clone of the
// document (it mutates what it parses) and addresses found in links and attributes.
import { Readability } from '@mozilla/readability';
import { parseAddress } from '../addresses';
import { genericSelectors as s } from './selectors';

export interface ReadableMessage {
  title: string;
  text: string;
}

export function readMessage(doc: Document): ReadableMessage | null {
  const clone = doc.cloneNode(true) as Document;
  const article = new Readability(clone, { charThreshold: 100 }).parse();
  if (!article?.textContent) return null;
  return { title: article.title ?? doc.title, text: article.textContent };
}

export function parsePageAddresses(doc: Document): Array<string | null> {
  const fromLinks = [...doc.querySelectorAll(s.mailto)].map((link) =>
    parseAddress(link.getAttribute('href')),
  );
  const attributeSelector = s.addressAttributes.map((name) => `[${name}*="@"]`).join(',');
  const fromAttributes = [...doc.querySelectorAll(attributeSelector)].flatMap((element) =>
    s.addressAttributes.map((name) => parseAddress(element.getAttribute(name))),
  );
  return [...fromLinks, ...fromAttributes];
}

export function findGenericCompose(doc: Document): HTMLElement | null {
  for (const selector of s.compose) {
    const element = doc.querySelector<HTMLElement>(selector);
    if (element) return element;
  }
  return null;
}
