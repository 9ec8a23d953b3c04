// Local analysis (opt-in, off by default): reads the open message with Readability in the browser and
// keeps only counts. The text itself never leaves this module.
import { readMessage } from './generic/parsers';

export interface LocalCounts {
  questionsAsked: number;
  words: number;
}

/** Counts from message text: questions are sentences ending in a question mark (any script's). */
export function countText(text: string): LocalCounts {
  const questionsAsked = (text.match(/[^.!?？¿\n]+[?？]/g) ?? []).length;
  const words = text.split(/\s+/).filter(Boolean).length;
  return { questionsAsked, words };
}

export function analyseMessage(doc: Document): LocalCounts | null {
  const message = readMessage(doc);
  return message ? countText(message.text) : null;
}
