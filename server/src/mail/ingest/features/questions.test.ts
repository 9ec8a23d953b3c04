import { seededRandom } from '@peerpost/shared';
import { describe, expect, it } from 'vitest';
import { answersQuestion, countQuestions } from './questions';

/** The rule countQuestions implements, written the plain way: a string per sentence, trimmed. */
function countQuestionsPlainly(text: string): number {
  const withoutUrls = text.replace(/https?:\/\/\S+/g, ' ');
  let count = 0;
  let start = 0;
  for (const end of withoutUrls.matchAll(/[.!?？؟;\n]/g)) {
    const sentence = withoutUrls.slice(start, end.index);
    start = end.index + 1;
    if (!['?', '？', '؟', ';'].includes(end[0])) continue;
    const next = withoutUrls[end.index + 1];
    if (next !== undefined && !/\s/.test(next)) continue;
    if (end[0] === ';' ? /[\u0370-\u03ff]/.test(sentence) : sentence.trim().length >= 2) count++;
  }
  return count;
}

describe('countQuestions', () => {
  it('counts sentences ending in a question mark', () => {
    expect(countQuestions('How are you? I am fine. What do you work on?')).toBe(2);
  });
  it('ignores question marks inside URLs', () => {
    expect(countQuestions('See https://example.org/?q=1 for details.')).toBe(0);
  });
  it('counts full-width and Arabic question marks', () => {
    expect(countQuestions('元気ですか？ ok')).toBe(1);
    expect(countQuestions('كيف حالك؟')).toBe(1);
  });
  it('counts the Greek question mark only in Greek text', () => {
    expect(countQuestions('Τι κάνεις;')).toBe(1);
    expect(countQuestions('a; b; c')).toBe(0);
  });
  it('ignores a lone "?"', () => {
    expect(countQuestions('?')).toBe(0);
  });
  it('counts nothing in an empty text', () => {
    expect(countQuestions('')).toBe(0);
  });
  it('needs whitespace or the end after the mark', () => {
    expect(countQuestions('abc?def? ghi')).toBe(1);
    expect(countQuestions('x?y=1 and then? ok')).toBe(1);
  });
  it('agrees with the plain rule on generated text', () => {
    const random = seededRandom(7);
    const pieces = [
      'a',
      'Τι',
      '🙂',
      ' ',
      '\u00a0',
      '\u3000',
      '\t',
      '\n',
      '\r\n',
      '?',
      '？',
      '؟',
      ';',
      '.',
      '!',
    ];
    pieces.push('http://x.org/?a=1', 'https://', 'é', '\u0085', '\ufeff', 'ab');
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: random.int(0, 12) }, () => random.pick(pieces)).join('');
      expect(countQuestions(text), JSON.stringify(text)).toBe(countQuestionsPlainly(text));
    }
  });
  it('handles a megabyte line without sentence ends', () => {
    expect(countQuestions(`${'y'.repeat(1_000_000)} really?`)).toBe(1);
  });
});

describe('answersQuestion', () => {
  it('needs a reply, a question in the quoted message and some new text', () => {
    expect(answersQuestion({ isReply: true, quotedQuestions: 1, newTextChars: 40 })).toBe(true);
    expect(answersQuestion({ isReply: false, quotedQuestions: 1, newTextChars: 40 })).toBe(false);
    expect(answersQuestion({ isReply: true, quotedQuestions: 0, newTextChars: 40 })).toBe(false);
    expect(answersQuestion({ isReply: true, quotedQuestions: 2, newTextChars: 3 })).toBe(false);
  });
});
