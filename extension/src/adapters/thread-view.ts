// Builds a ThreadView from what an adapter parsed, so every adapter normalises addresses the same way.
import { plusTokens, unique } from './addresses';
import type { ProviderId, ThreadMessage, ThreadView } from './types';

export interface ParsedThread {
  providerThreadId: string | null;
  subject: string;
  addresses: Array<string | null>;
  messages: ThreadMessage[];
}

export function toThreadView(
  provider: ProviderId,
  parsed: ParsedThread,
  confidence: ThreadView['confidence'] = 'high',
): ThreadView {
  const participants = unique(
    [...parsed.addresses, ...parsed.messages.map((message) => message.from)]
      .filter((address): address is string => Boolean(address))
      .map((address) => address.toLowerCase()),
  ).slice(0, 50);
  return {
    provider,
    providerThreadId: parsed.providerThreadId,
    // Collapse whitespace and strip bidi/zero-width controls: the subject is only ever shown as text.
    subject: cleanText(parsed.subject).slice(0, 1000),
    participants,
    plusTokens: plusTokens(participants).slice(0, 10),
    messages: parsed.messages,
    confidence,
  };
}

/** Text with invisible formatting characters removed and whitespace collapsed. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
