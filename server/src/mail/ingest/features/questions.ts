// Questions asked and answered: the "who asks, who answers" part of reciprocity.

const greekQuestionMark = 0x3b; // ";", a question mark only in Greek text
const otherWhitespace = /\s/;

/** What `/\s/` matches, for one UTF-16 code unit; ASCII and Latin-1 without a regular expression. */
export function isWhitespace(code: number): boolean {
  if (code < 0xa0) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return otherWhitespace.test(String.fromCharCode(code));
}

/** Whether `text[from, to)` trimmed is at least two characters long: two of them are not whitespace. */
function hasTwoVisible(text: string, from: number, to: number): boolean {
  let visible = 0;
  for (let i = from; i < to; i++) if (!isWhitespace(text.charCodeAt(i)) && ++visible === 2) return true;
  return false;
}

function hasGreek(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x0370 && code <= 0x03ff) return true;
  }
  return false;
}

/**
 * Sentences ending in a question mark (ASCII, full-width, Arabic, Greek question marks) followed by
 * whitespace or the end. One linear pass over character codes: hostile mail with megabyte-long lines must
 * not backtrack, and no string or match is made per sentence; only sentences that end in a question mark
 * are looked at again.
 */
export function countQuestions(text: string): number {
  const withoutUrls = text.includes('http') ? text.replace(/https?:\/\/\S+/g, ' ') : text;
  const length = withoutUrls.length;
  let count = 0;
  // Where the current sentence started: after the last . ! ? ？ ؟ ; or line break.
  let start = 0;
  for (let at = 0; at < length; at++) {
    const code = withoutUrls.charCodeAt(at);
    if (code === 0x2e || code === 0x21 || code === 0x0a) {
      start = at + 1;
      continue;
    }
    if (code !== 0x3f && code !== 0xff1f && code !== 0x061f && code !== greekQuestionMark) continue;
    const from = start;
    start = at + 1;
    if (at + 1 < length && !isWhitespace(withoutUrls.charCodeAt(at + 1))) continue;
    if (code === greekQuestionMark ? hasGreek(withoutUrls, from, at) : hasTwoVisible(withoutUrls, from, at))
      count++;
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
