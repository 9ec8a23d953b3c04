// An unknown webmail's message page (no provider markup), for the generic Readability fallback.
import { escapeHtml as e, type FixtureThread, type Person } from './thread';

const link = (p: Person) => `<a href="mailto:${e(p.address)}">${e(p.name)}</a>`;

export function genericMessagePage(thread: FixtureThread): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(thread.subject)} — Example Mail</title></head>
<body><header><nav><a href="/inbox">Inbox</a></nav></header><main><article><h1>${e(thread.subject)}</h1>
<p>From: ${link(thread.from)}</p><p>To: ${[...thread.to, ...thread.cc].map(link).join(', ')}</p>
<div><p>${e(thread.body)}</p><p>${e(thread.body)}</p></div></article></main>
<textarea name="reply_body" aria-label="Reply"></textarea></body></html>`;
}
