import { describe, expect, it } from 'vitest';
import { cleanText, toThreadView } from './thread-view';

describe('toThreadView', () => {
  it('normalises addresses and strips invisible characters from the subject', () => {
    const view = toThreadView('gmail', {
      providerThreadId: 't1',
      subject: '  Hi\u202E there\u200B\n friend ',
      addresses: ['A@x.org', null, 'p+p-tok1@x.org'],
      messages: [{ from: 'a@x.org', date: null }],
    });
    expect(view.subject).toBe('Hi there friend');
    expect(view.participants).toEqual(['a@x.org', 'p+p-tok1@x.org']);
    expect(view.plusTokens).toEqual(['tok1']);
  });

  it('keeps ordinary text', () => {
    expect(cleanText('שלום world')).toBe('שלום world');
  });
});
