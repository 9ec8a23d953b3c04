// The one interface every webmail adapter implements. Adapters read a document passed in (never the global
// one), so they run unchanged on saved fixtures in unit tests and on the live page.

export type ProviderId = 'gmail' | 'outlook' | 'roundcube' | 'generic';

export interface ThreadMessage {
  /** Sender address, lower-cased; null when the page shows only a name. */
  from: string | null;
  /** Date as the page shows it (ISO when the page exposes one), or null. */
  date: string | null;
}

/** What the extension can see of the open thread. Only ids and addresses ever leave the browser. */
export interface ThreadView {
  provider: ProviderId;
  providerThreadId: string | null;
  subject: string;
  /** Every address seen in the thread's headers, lower-cased, de-duplicated. */
  participants: string[];
  /** Tokens of `…+p-<token>@…` recipients, which identify a Peerpost pair. */
  plusTokens: string[];
  messages: ThreadMessage[];
  /** `low` for the generic fallback, which guesses from page text. */
  confidence: 'high' | 'low';
}

export interface WebmailAdapter {
  id: ProviderId;
  /** A short label for the sidebar ("Gmail"). */
  label: string;
  /** Whether this adapter can read pages at this URL (host check only). */
  matchesUrl(url: URL): boolean;
  /** Whether a single thread (not a list) is open. */
  isThreadOpen(doc: Document): boolean;
  /** The open thread, or null when none is open. Throws AdapterError when the page no longer looks as expected. */
  readThread(doc: Document, url: URL): ThreadView | null;
  /** The document holding the message text, when it is not the page itself (Roundcube's preview frame). */
  messageDocument?(doc: Document): Document;
  /** The reply box the prompt can be inserted into, or null when no reply is being written. */
  findCompose(doc: Document): HTMLElement | null;
}

/** The page did not have the structure the adapter expects: the webmail changed its markup. */
export class AdapterError extends Error {
  constructor(
    readonly adapter: ProviderId,
    readonly what: string,
  ) {
    super(`${adapter}: ${what}`);
    this.name = 'AdapterError';
  }
}
