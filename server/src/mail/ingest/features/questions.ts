// Questions asked and answered: the "who asks, who answers" part of reciprocity.

const questionMark = 0x3f;
const fullWidthQuestionMark = 0xff1f;
const arabicQuestionMark = 0x061f;
const greekQuestionMark = 0x3b; // ";", a question mark only in Greek text
const otherSentenceEnds = new Set([0x2e, 0x21, 0x0a]); // . ! and a line break
const otherWhitespace = /\s/;

/** What `/\s/` matches, for one UTF-16 code unit; ASCII and Latin-1 without a regular expression. */
function isWhitespace(code: number): boolean {
  if (code < 0xa0) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return otherWhitespace.test(String.fromCharCode(code));
}

const isGreek = (code: number) => code >= 0x0370 && code <= 0x03ff;

/**
 * Sentences ending in a question mark (ASCII, full-width, Arabic, Greek question marks) followed by
 * whitespace or the end; a sentence needs two characters besides whitespace. One linear pass over the
 * characters, with no string made per sentence: hostile mail with megabyte-long lines must not
 * backtrack, and every message is counted twice.
 */
export function countQuestions(text: string): number {
  const withoutUrls = text.includes('http') ? text.replace(/https?:\/\/\S+/g, ' ') : text;
  let count = 0;
  // Of the sentence so far: characters besides whitespace (up to 2), and whether one is Greek.
  let visible = 0;
  let greek = false;
  for (let at = 0; at < withoutUrls.length; at++) {
    const code = withoutUrls.charCodeAt(at);
    const question =
      code === questionMark ||
      code === fullWidthQuestionMark ||
      code === arabicQuestionMark ||
      code === greekQuestionMark;
    if (!question && !otherSentenceEnds.has(code)) {
      if (visible < 2 && !isWhitespace(code)) visible++;
      if (!greek && isGreek(code)) greek = true;
      continue;
    }
    const asked = code === greekQuestionMark ? greek : visible >= 2;
    visible = 0;
    greek = false;
    if (!question || !asked) continue;
    if (at + 1 === withoutUrls.length || isWhitespace(withoutUrls.charCodeAt(at + 1))) count++;
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
