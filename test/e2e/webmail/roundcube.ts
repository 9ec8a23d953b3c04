// Roundcube-like pages (Elastic skin structure, as in extension/src/adapters/roundcube/fixtures): a mail
// view whose preview frame loads one message page per UID, and a plain-text compose page.
import { escapeHtml as e, type FixtureThread, type Person } from './thread';

const address = (p: Person) =>
  `<span class="adr"><a href="mailto:${e(p.address)}" class="rcmContactAddress" title="${e(p.address)}">${e(p.name)}</a></span>`;

export function roundcubeMailPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Roundcube Webmail :: Inbox</title></head>
<body class="task-mail action-none"><div id="layout"><div id="layout-content" role="main">
<iframe id="messagecontframe" name="messagecontframe" src="about:blank" style="width:900px;height:600px"></iframe></div></div>
<script>
const frame = document.getElementById('messagecontframe');
window.openThread = (uid) => { frame.src = './?_task=mail&_action=preview&_uid=' + encodeURIComponent(uid) + '&_mbox=INBOX&_framed=1'; };
frame.addEventListener('load', () => { window.__threadShownAt = performance.now(); });
</script></body></html>`;
}

export function roundcubePreviewPage(thread: FixtureThread | undefined): string {
  if (!thread)
    return '<!doctype html><html><body class="task-mail action-preview"><p>Message not found</p></body></html>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Roundcube Webmail :: ${e(thread.subject)}</title></head>
<body class="task-mail action-preview"><div id="layout-content"><div class="content frame-content" role="main">
<div id="message-header"><h2 class="subject"><span class="voice">Subject: </span>${e(thread.subject)}</h2>
<div class="header"><div class="header-content">
<div class="header-summary">${address(thread.from)} on <span class="text-nowrap">${e(thread.date)}</span></div>
<table class="header-headers"><tbody>
<tr><td class="header-title">From</td><td class="header from">${address(thread.from)}</td></tr>
<tr><td class="header-title">To</td><td class="header to">${thread.to.map(address).join(', ')}</td></tr>
<tr><td class="header-title">Cc</td><td class="header cc">${thread.cc.map(address).join(', ')}</td></tr>
</tbody></table></div></div></div>
<div id="message-content"><div id="messagebody"><div class="pre">${e(thread.body)}</div></div></div>
</div></div></body></html>`;
}

export function roundcubeComposePage(thread: FixtureThread): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Roundcube Webmail :: Compose</title></head>
<body class="task-mail action-compose"><div id="layout-content" role="main">
<div id="message-header"><h2 class="subject"><span class="voice">Subject: </span>Re: ${e(thread.subject)}</h2>
<div class="header-summary">${address(thread.from)} on <span class="text-nowrap">${e(thread.date)}</span></div>
<div class="header-headers">${[...thread.to, ...thread.cc].map(address).join(', ')}</div></div>
<textarea name="_message" id="composebody" rows="20"></textarea></div></body></html>`;
}
