import { describe, expect, it } from 'vitest';
import { loadFixture } from '../testing';
import { genericAdapter } from './adapter';
import { findGenericCompose, parsePageAddresses, readMessage } from './parsers';

const url = new URL('https://webmail.example.net/message/991?folder=inbox');

describe('generic adapter', () => {
  const message = loadFixture('generic/fixtures/message-2026-11.html');
  const settings = loadFixture('generic/fixtures/page-2026-11.html');

  it('reads the message text with Readability without touching the page', () => {
    const before = message.body.innerHTML.length;
    const readable = readMessage(message);
    expect(readable?.text).toContain('SQL query tuning');
    expect(message.body.innerHTML.length).toBe(before);
  });

  it('finds addresses in links', () => {
    expect(parsePageAddresses(message)).toEqual([
      'ben@example.org',
      'ana@example.org',
      'mentoring+p-k3x9q2@example.org',
    ]);
  });

  it('reports a low-confidence thread where there is a conversation', () => {
    expect(genericAdapter.isThreadOpen(message)).toBe(true);
    expect(genericAdapter.readThread(message, url)).toMatchObject({
      provider: 'generic',
      confidence: 'low',
      plusTokens: ['k3x9q2'],
      providerThreadId: '/message/991?folder=inbox',
    });
  });

  it('reports no thread on a page with a single address', () => {
    expect(genericAdapter.isThreadOpen(settings)).toBe(false);
    expect(genericAdapter.readThread(settings, url)).toBeNull();
  });

  it('finds a reply box', () => {
    expect(findGenericCompose(message)?.getAttribute('name')).toBe('reply_body');
  });
});
