// Questions asked and answered: the "who asks, who answers" part of reciprocity.

const sentenceEnd = /[.!?？؟;\n]/g;
const questionMarks = new Set(['?', '？', '؟', ';']);

/**
 * Sentences ending in a question mark (ASCII, full-width, Arabic, Greek question marks) followed by
 * whitespace or the end. One linear pass: hostile mail with megabyte-long lines must not backtrack.
 */
export function countQuestions(text: string): number {
  const withoutUrls = text.replace(/https?:\/\/\S+/g, ' ');
  let count = 0;
  let start = 0;
  for (const end of withoutUrls.matchAll(sentenceEnd)) {
    const mark = end[0];
    const at = end.index;
    const sentence = withoutUrls.slice(start, at);
    start = at + 1;
    if (!questionMarks.has(mark)) continue;
    const next = withoutUrls[at + 1];
    if (next !== undefined && !/\s/.test(next)) continue;
    // A Greek question mark is ";" — only count it when the sentence contains Greek letters.
    if (mark === ';' ? /[\u0370-\u03ff]/.test(sentence) : sentence.trim().length >= 2) count++;
  }
  return count;
}

/**
 * Whether a message answers a question: it replies to something and the quoted message asked one,
 * and the reply itself has new text (a bare "+1" is not an answer).
 */
export function answersQuestion(input: {
  isReply: boolean;
  quotedQuestions: number;
  newTextChars: number;
}): boolean {
  return input.isReply && input.quotedQuestions > 0 && input.newTextChars >= 20;
}
