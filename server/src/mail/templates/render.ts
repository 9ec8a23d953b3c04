// A tiny template helper for mail: `html` escapes every interpolated value unless it is already SafeHtml,
// `plain` cleans text for the text/plain part, `headerText` makes a value safe for one header line.
// Every value a person supplied (names, skills, prompt answers) is hostile until escaped here.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return plain(value).replace(/[&<>"']/g, (char) => entities[char]!);
}

type HtmlValue = SafeHtml | string | number | null | undefined | HtmlValue[];

function renderValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === null || value === undefined) return '';
  return escapeHtml(value);
}

/**
 * HTML with escaped interpolations.
 * @example html`<p>Hello ${name}</p>` // name "<b>" becomes "&lt;b&gt;"
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(
    strings.reduce((out, part, i) => out + part + (i < values.length ? renderValue(values[i]!) : ''), ''),
  );
}

/** Text for the plain part: control characters other than newline and tab removed. */
export function plain(value: unknown): string {
  let out = '';
  for (const char of String(value ?? '').replace(/\r\n?/g, '\n')) {
    const code = char.charCodeAt(0);
    if (code >= 0x20 ? code !== 0x7f : char === '\n' || char === '\t') out += char;
  }
  return out;
}

/** One header line (Subject): no line breaks (header injection), whitespace collapsed, length capped. */
export function headerText(value: unknown, max = 200): string {
  const line = plain(value).replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Only http(s) links go into mail; anything else (javascript:, data:) is a programming error. */
export function safeUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`Refusing a ${url.protocol} link in mail`);
  return url.toString();
}
