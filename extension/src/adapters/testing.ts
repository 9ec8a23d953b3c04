// Loads a saved fixture page into a document at a given URL, for adapter unit tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function loadFixture(relativePath: string): Document {
  const html = readFileSync(path.join(here, relativePath), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}
