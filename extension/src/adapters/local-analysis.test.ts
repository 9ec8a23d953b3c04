import { describe, expect, it } from 'vitest';
import { analyseMessage, countText } from './local-analysis';
import { loadFixture } from './testing';

describe('local analysis', () => {
  it('counts questions and words, nothing else', () => {
    expect(countText('Hi Ana! Could we meet on Thursday? What time zone are you in?\nThanks.')).toEqual({
      questionsAsked: 2,
      words: 14,
    });
    expect(countText('¿Nos vemos el jueves？')).toEqual({ questionsAsked: 1, words: 4 });
  });

  it('reads the message of a page with Readability', () => {
    expect(analyseMessage(loadFixture('generic/fixtures/message-2026-11.html'))).toMatchObject({
      questionsAsked: 2,
    });
  });
});
