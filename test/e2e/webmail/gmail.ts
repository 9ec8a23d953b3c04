// Gmail-like pages (same structure as extension/src/adapters/gmail/fixtures) for the end-to-end tests.
import { escapeHtml as e, type FixtureThread, type Person, spaShell } from './thread';

const person = (cls: string, p: Person) =>
  `<span class="${cls}" email="${e(p.address)}" name="${e(p.name)}">${e(p.name)}</span>`;

function conversation(thread: FixtureThread, sender: string): string {
  return `<div class="ha"><h2 class="hP" data-thread-perm-id="thread-f:${e(thread.id)}">${e(thread.subject)}</h2></div>
<div class="adn ads"><div class="gE iv gt"><span class="qu">${person(sender, thread.from)}</span>
<span class="g3" title="${e(thread.date)}">${e(thread.date)}</span>
<div class="iw ajw">to ${[...thread.to, ...thread.cc].map((p) => person('g2', p)).join(', ')}</div></div>
<div class="a3s aiL"><div dir="ltr">${e(thread.body)}</div></div></div>
<div class="ip iq"><div class="Am Al editable" role="textbox" contenteditable="true" aria-label="Message Body" tabindex="1"></div></div>`;
}

/** `changed` renames the sender markup, as a Gmail redesign would. */
export function gmailPage(threads: FixtureThread[], options: { changed?: boolean } = {}): string {
  const sender = options.changed ? 'gD-redesigned' : 'gD';
  return spaShell({
    title: 'Inbox - Gmail',
    layout:
      '<div class="nH"><div role="navigation"><a href="#inbox">Inbox</a></div><div role="main" class="nH bkK" id="thread-root"></div></div>',
    fragments: Object.fromEntries(threads.map((thread) => [thread.id, conversation(thread, sender)])),
    empty: '<table class="F cf zt"><tbody><tr class="zA"><td>Inbox</td></tr></tbody></table>',
    urlFor: '(id) => "#inbox/" + id',
    idFromUrl: '(l) => l.hash.split("/")[1]',
  });
}
