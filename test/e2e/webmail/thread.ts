// A thread as the fixture webmail pages show it, and HTML escaping for rendering it (the pages mimic how
// webmail shows email text: escaped, as text).
export interface Person {
  name: string;
  address: string;
}

export interface FixtureThread {
  id: string;
  subject: string;
  from: Person;
  to: Person[];
  cc: Person[];
  date: string;
  body: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe to embed in an inline <script>. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * A single-page-app shell: `window.openThread(id)` swaps the thread markup in synchronously (so the time it
 * did so is exact: `window.__threadShownAt`) and updates the URL the way the real webmail does.
 */
export function spaShell(options: {
  title: string;
  bodyClass?: string;
  layout: string;
  fragments: Record<string, string>;
  empty: string;
  urlFor: string;
  idFromUrl: string;
}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title></head>
<body class="${options.bodyClass ?? ''}">${options.layout}
<script>
const fragments = ${scriptJson(options.fragments)};
const empty = ${scriptJson(options.empty)};
function render() {
  const id = (${options.idFromUrl})(location);
  document.getElementById('thread-root').innerHTML = fragments[id] ?? empty;
  window.__threadShownAt = performance.now();
}
window.openThread = (id) => { history.pushState(null, '', (${options.urlFor})(id)); render(); };
window.addEventListener('popstate', render);
render();
</script></body></html>`;
}
