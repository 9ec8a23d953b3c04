import { describe, expect, it } from 'vitest';
import { loadFixture } from '../testing';
import { AdapterError } from '../types';
import { outlookAdapter } from './adapter';
import { findOutlookCompose, parseMessages, parseRecipients, parseSubject, parseThreadId } from './parsers';

const url = new URL(
  'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS1hZjk5LTAwAi0wMAoAEABuX2k%3D',
);

describe('Outlook adapter', () => {
  const thread = loadFixture('outlook/fixtures/thread-2026-11.html');
  const inbox = loadFixture('outlook/fixtures/inbox-2026-11.html');

  it('matches the Outlook on the web hosts only', () => {
    expect(outlookAdapter.matchesUrl(url)).toBe(true);
    expect(outlookAdapter.matchesUrl(new URL('https://outlook.live.com/mail/0/'))).toBe(true);
    expect(outlookAdapter.matchesUrl(new URL('https://mail.google.com/'))).toBe(false);
  });

  it('knows whether a conversation is open', () => {
    expect(outlookAdapter.isThreadOpen(thread)).toBe(true);
    expect(outlookAdapter.isThreadOpen(inbox)).toBe(false);
  });

  it('parses subject, conversation id, senders, dates and recipients', () => {
    expect(parseSubject(thread)).toBe('Meet your Peerpost peer');
    expect(parseThreadId(thread, url)).toBe('AAQkADAwATM3ZmYAZS1hZjk5LTAwAi0wMAoAEABuX2k=');
    expect(parseThreadId(inbox, url)).toBe('AAQkADAwATM3ZmYAZS1hZjk5LTAwAi0wMAoAEABuX2k=');
    expect(parseMessages(thread)).toEqual([
      { from: 'mentoring+p-k3x9q2@example.org', date: 'Mon 02/11/2026 09:15' },
      { from: 'ben@example.org', date: 'Tue 03/11/2026 18:02' },
    ]);
    expect(parseRecipients(thread)).toEqual([
      'ana@example.org',
      'ben@example.org',
      'ana@example.org',
      'mentoring+p-k3x9q2@example.org',
    ]);
  });

  it('reads the thread with the plus-address token', () => {
    expect(outlookAdapter.readThread(thread, url)).toMatchObject({
      provider: 'outlook',
      plusTokens: ['k3x9q2'],
      participants: ['ana@example.org', 'ben@example.org', 'mentoring+p-k3x9q2@example.org'],
    });
    expect(outlookAdapter.readThread(inbox, url)).toBeNull();
  });

  it('reports changed markup as an AdapterError', () => {
    expect(() =>
      outlookAdapter.readThread(loadFixture('outlook/fixtures/changed-2026-11.html'), url),
    ).toThrow(AdapterError);
  });

  it('finds the reply box', () => {
    expect(findOutlookCompose(thread)).not.toBeNull();
    expect(findOutlookCompose(inbox)).toBeNull();
  });
});
