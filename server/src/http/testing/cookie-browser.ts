// A browser's cookie jar for tests that walk through server-rendered pages: keeps what responses set,
// sends it back, and reads the CSRF field of a page's form. Only tests import this.
export type Fetcher = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** A browser's cookies, enough for these tests: name → value, updated from every response. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: Fetcher) {}

  async fetch(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await this.app.request(path, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** GETs a page and returns its HTML and the CSRF field of its form. */
  async open(path: string) {
    const response = await this.fetch(path);
    const html = await response.text();
    return { response, html, csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' };
  }

  post(path: string, fields: Record<string, string>) {
    return this.fetch(path, { method: 'POST', body: new URLSearchParams(fields) });
  }
}
