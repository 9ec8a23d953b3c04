// Every Roundcube selector in one place (Elastic skin, Roundcube 1.5–1.6). Roundcube shows the selected
// message in a same-origin preview frame, or in the page itself when a message is opened full-size.
export const roundcubeSelectors = {
  /** Markers that say a page is Roundcube at all (body classes set by every Roundcube page). */
  page: 'body.task-mail, body.task-login, #layout-content',
  /** The preview frame in the mail view. */
  previewFrame: 'iframe#messagecontframe',
  /** The message header block. */
  header: '#message-header',
  /** The subject heading. */
  subject: 'h2.subject',
  /** Inside the subject: the screen-reader label ("Subject:") and the "open in new window" button. */
  subjectNoise: '.voice, a.extwin',
  /** Address links in the header: `title` or `href="mailto:…"` carry the address. */
  address: 'a.rcmContactAddress, a[href^="mailto:"]',
  /** The summary line with the sender and the date. */
  summary: '.header-summary',
  date: '.header-summary .text-nowrap, td.header.date',
  /** The plain-text compose body (the HTML editor replaces it with TinyMCE, which keeps it in sync). */
  compose: ['textarea#composebody'],
} as const;
