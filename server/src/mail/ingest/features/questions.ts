// Questions asked and answered: the "who asks, who answers" part of reciprocity.

/** Sentences ending in a question mark (ASCII, full-width, Arabic, Greek question marks). */
export function countQuestions(text: string): number {
  const withoutUrls = text.replace(/https?:\/\/\S+/g, ' ');
  const matches = withoutUrls.match(/[^.!?？؟;\n]*[?？؟;](?=\s|$)/g) ?? [];
  // A Greek question mark is ";" — only count it when the sentence contains Greek letters.
  return matches.filter((sentence) => {
    const mark = sentence.trim().slice(-1);
    if (mark === ';') return /[\u0370-\u03ff]/.test(sentence);
    return sentence.replace(/[?？؟]/g, '').trim().length >= 2;
  }).length;
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
