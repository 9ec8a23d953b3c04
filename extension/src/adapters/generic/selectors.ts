// The generic fallback knows no provider markup; it only needs these few universal hooks.
export const genericSelectors = {
  /** Links that carry an address. */
  mailto: 'a[href^="mailto:"]',
  /** Anything that shows an address in a title or data attribute. */
  addressAttributes: ['title', 'data-email', 'email', 'data-hovercard-id'],
  /** A likely reply box. */
  compose: ['textarea[name*="body" i]', 'div[role="textbox"][contenteditable="true"]', 'textarea'],
} as const;
