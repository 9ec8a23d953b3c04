// Outlook-on-the-web-like pages (same structure as extension/src/adapters/outlook/fixtures).
import { escapeHtml as e, type FixtureThread, type Person, spaShell } from './thread';

const persona = (testId: string, p: Person) =>
  `<span data-testid="${testId}" title="${e(p.name)} &lt;${e(p.address)}&gt;">${e(p.name)}</span>`;

function readingPane(thread: FixtureThread): string {
  return `<div data-convid="${e(thread.id)}"><div role="heading" aria-level="2"><span>${e(thread.subject)}</span></div>
<div aria-label="Email message"><div>${persona('SenderPersona', thread.from)}</div>
<div>To: ${[...thread.to, ...thread.cc].map((p) => persona('RecipientPersona', p)).join('; ')}</div>
<div data-testid="SentReceivedSavedTime" title="${e(thread.date)}">${e(thread.date)}</div>
<div role="document" aria-label="Message body">${e(thread.body)}</div></div>
<div role="textbox" contenteditable="true" aria-label="Message body" aria-multiline="true"></div></div>`;
}

export function outlookPage(threads: FixtureThread[]): string {
  return spaShell({
    title: 'Mail - Outlook',
    layout:
      '<div id="app"><div role="main" id="MainModule"><div id="ReadingPaneContainerId"><div id="thread-root"></div></div></div></div>',
    fragments: Object.fromEntries(threads.map((thread) => [thread.id, readingPane(thread)])),
    empty: '<div>Select an item to read</div>',
    urlFor: '(id) => "/mail/inbox/id/" + encodeURIComponent(id)',
    idFromUrl: '(l) => decodeURIComponent((l.pathname.match(/\\/id\\/([^/]+)/) || [])[1] || "")',
  });
}
