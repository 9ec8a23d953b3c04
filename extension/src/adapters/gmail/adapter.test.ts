import { describe, expect, it } from 'vitest';
import { loadFixture } from '../testing';
import { AdapterError } from '../types';
import { gmailAdapter } from './adapter';
import { findGmailCompose, parseMessages, parseRecipients, parseSubject, parseThreadId } from './parsers';

const url = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTzKxLcFQ');

describe('Gmail adapter', () => {
  const thread = loadFixture('gmail/fixtures/thread-2026-11.html');
  const inbox = loadFixture('gmail/fixtures/inbox-2026-11.html');

  it('matches only mail.google.com', () => {
    expect(gmailAdapter.matchesUrl(url)).toBe(true);
    expect(gmailAdapter.matchesUrl(new URL('https://mail.google.com.evil.test/'))).toBe(false);
  });

  it('knows whether a conversation is open', () => {
    expect(gmailAdapter.isThreadOpen(thread)).toBe(true);
    expect(gmailAdapter.isThreadOpen(inbox)).toBe(false);
  });

  it('parses subject, thread id, senders, dates and recipients', () => {
    expect(parseSubject(thread)).toBe('Meet your Peerpost peer');
    expect(parseThreadId(thread, url)).toBe('thread-f:1817000000000000001');
    expect(parseMessages(thread)).toEqual([
      { from: 'mentoring+p-k3x9q2@example.org', date: 'Mon, 2 Nov 2026, 09:15' },
      { from: 'ben@example.org', date: 'Tue, 3 Nov 2026, 18:02' },
    ]);
    expect(parseRecipients(thread)).toContain('ana@example.org');
  });

  it('falls back to the URL for the thread id', () => {
    expect(parseThreadId(inbox, url)).toBe('FMfcgzQZTzKxLcFQ');
    expect(parseThreadId(inbox, new URL('https://mail.google.com/mail/u/0/#inbox'))).toBeNull();
  });

  it('reads the thread with participants and the plus-address token', () => {
    const view = gmailAdapter.readThread(thread, url);
    expect(view).toMatchObject({
      provider: 'gmail',
      subject: 'Meet your Peerpost peer',
      plusTokens: ['k3x9q2'],
      confidence: 'high',
    });
    expect(view?.participants.sort()).toEqual([
      'ana@example.org',
      'ben@example.org',
      'mentoring+p-k3x9q2@example.org',
    ]);
    expect(gmailAdapter.readThread(inbox, url)).toBeNull();
  });

  it('reports changed markup as an AdapterError', () => {
    expect(() => gmailAdapter.readThread(loadFixture('gmail/fixtures/changed-2026-11.html'), url)).toThrow(
      AdapterError,
    );
  });

  it('finds the reply box', () => {
    expect(findGmailCompose(thread)?.getAttribute('aria-label')).toBe('Message Body');
    expect(findGmailCompose(inbox)).toBeNull();
  });
});
