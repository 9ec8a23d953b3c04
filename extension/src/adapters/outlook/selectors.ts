// Every Outlook on the web selector in one place. Outlook's class names are generated per build, so these
// rely on roles, ARIA labels and test ids, which survive redesigns far better.
export const outlookSelectors = {
  /** The reading pane that shows one conversation. */
  readingPane: '#ReadingPaneContainerId',
  /** The conversation subject inside the reading pane. */
  subject: '[role="heading"][aria-level="2"]',
  /** Attribute on the reading pane's conversation root that carries the conversation id. */
  conversation: '[data-convid]',
  /** One message of the conversation. */
  message: 'div[aria-label="Email message"]',
  /** The sender persona; its `title` holds "Name <address>" or the address. */
  sender: '[data-testid="SenderPersona"]',
  /** Recipient personas (To/Cc). */
  recipient: '[data-testid="RecipientPersona"]',
  /** Sent time; `title` holds the full date. */
  date: '[data-testid="SentReceivedSavedTime"]',
  /** The reply editor. */
  compose: ['div[role="textbox"][contenteditable="true"][aria-label="Message body"]'],
} as const;
