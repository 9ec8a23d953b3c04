// Light or dark, following the page: the webmail's own background decides, then the system preference.

/** Relative luminance (0–1) of a CSS rgb()/rgba() colour, or null when it is transparent or unknown. */
export function luminance(color: string): number | null {
  const match = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)/.exec(color);
  if (!match) return null;
  const alpha = match[4] === undefined ? 1 : Number.parseFloat(match[4]) / (match[4].endsWith('%') ? 100 : 1);
  if (alpha < 0.5) return null;
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => {
    const c = Number(part) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function pageTheme(doc: Document): 'light' | 'dark' {
  const view = doc.defaultView;
  for (const element of [doc.body, doc.documentElement]) {
    if (!element || !view) continue;
    const value = luminance(view.getComputedStyle(element).backgroundColor);
    if (value !== null) return value < 0.4 ? 'dark' : 'light';
  }
  return view?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * Calls `onChange` when the page's theme changes without a navigation: the webmail switching its own theme
 * (a class or style on <html> or <body>) or the system preference changing.
 */
export function watchTheme(
  doc: Document,
  onChange: (theme: 'light' | 'dark') => void,
  signal: AbortSignal,
): void {
  const view = doc.defaultView;
  let theme = pageTheme(doc);
  const check = () => {
    const next = pageTheme(doc);
    if (next === theme) return;
    theme = next;
    onChange(next);
  };
  const observer = new (view?.MutationObserver ?? MutationObserver)(check);
  for (const element of [doc.documentElement, doc.body]) {
    if (element) observer.observe(element, { attributes: true, attributeFilter: ['class', 'style'] });
  }
  const scheme = view?.matchMedia?.('(prefers-color-scheme: dark)');
  scheme?.addEventListener('change', check);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    scheme?.removeEventListener('change', check);
  });
}
