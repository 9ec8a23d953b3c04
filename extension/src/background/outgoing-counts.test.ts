import { describe, expect, it } from 'vitest';
import { outgoingCounts } from './outgoing-counts';

describe('outgoingCounts', () => {
  it('sends nothing while local analysis is off, which is the default', () => {
    expect(outgoingCounts(false, { questionsAsked: 2, words: 40 })).toBeUndefined();
  });

  it('passes on only the known counts as whole numbers, never text', () => {
    const fromPage = {
      questionsAsked: 3,
      words: 'Dear Ana, my salary is…',
      body: 'the whole message',
      subject: 'private',
    };
    expect(outgoingCounts(true, fromPage)).toEqual({ questionsAsked: 3, words: 0 });
    expect(outgoingCounts(true, { questionsAsked: -1, words: 2.5 })).toEqual({ questionsAsked: 0, words: 0 });
    expect(outgoingCounts(true, 'text')).toBeUndefined();
  });
});
