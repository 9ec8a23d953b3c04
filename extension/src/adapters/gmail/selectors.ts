// Every Gmail selector in one place. Gmail's class names are short and generated but have been stable for
// years; each entry says what it is for, so a breaking change is a one-line fix here.
export const gmailSelectors = {
  /** The conversation view's subject heading. */
  subject: 'h2.hP',
  /** Attributes on the subject heading carrying the thread id (newest first). */
  threadIdAttributes: ['data-thread-perm-id', 'data-legacy-thread-id'],
  /** One expanded or collapsed message in the conversation. */
  message: 'div.adn',
  /** The sender of a message: a span with an `email` attribute. */
  sender: 'span.gD[email]',
  /** Recipients shown in a message header (to/cc), each with an `email` attribute. */
  recipient: 'span.g2[email]',
  /** The message date: a span whose `title` is the full date. */
  date: 'span.g3[title]',
  /** The reply editor (a contenteditable div). */
  compose: ['div[role="textbox"][contenteditable="true"][aria-label="Message Body"]', 'div.Am.Al.editable'],
} as const;
