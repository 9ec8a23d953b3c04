// Every variable the configuration reads is documented in .env.example, and nothing there is unknown.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables } from './config';

describe('.env.example', () => {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const documented = new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));

  it('documents every configuration variable', () => {
    for (const variable of configVariables) expect(documented, variable).toContain(variable);
  });

  it('mentions no variable the configuration ignores', () => {
    for (const variable of documented) expect(configVariables, variable).toContain(variable);
  });
});
