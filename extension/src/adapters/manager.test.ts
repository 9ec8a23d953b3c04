import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gmailAdapter } from './gmail/adapter';
import { AdapterManager, stateKey } from './manager';
import { allAdapters, managerFor } from './registry';
import { loadFixture } from './testing';
import type { WebmailAdapter } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const gmailUrl = new URL('https://mail.google.com/mail/u/0/#inbox/abc');

const throwing: WebmailAdapter = {
  ...gmailAdapter,
  id: 'generic',
  label: 'Broken',
  readThread() {
    throw new TypeError('Cannot read properties of null');
  },
};

describe('AdapterManager', () => {
  it('returns the thread of the first adapter that recognises one', () => {
    const state = managerFor('gmail').inspect(loadFixture('gmail/fixtures/thread-2026-11.html'), gmailUrl);
    expect(state.kind).toBe('thread');
  });

  it('reports no thread when no adapter sees one', () => {
    expect(managerFor('gmail').inspect(loadFixture('gmail/fixtures/inbox-2026-11.html'), gmailUrl)).toEqual({
      kind: 'none',
    });
  });

  it('turns an adapter failure into a broken state tagged with the adapter', () => {
    const state = new AdapterManager().register(throwing).inspect(document, gmailUrl);
    expect(state).toEqual({
      kind: 'broken',
      provider: 'generic',
      label: 'Broken',
      reason: 'Cannot read properties of null',
    });
  });

  it('skips adapters for other hosts', () => {
    const state = managerFor('outlook').inspect(
      loadFixture('outlook/fixtures/thread-2026-11.html'),
      gmailUrl,
    );
    expect(state.kind).toBe('none');
  });

  it('refuses to register an adapter twice', () => {
    expect(() => new AdapterManager().register(gmailAdapter, gmailAdapter)).toThrow(/twice/);
  });

  it('gives equal states equal keys', () => {
    const doc = loadFixture('gmail/fixtures/thread-2026-11.html');
    const manager = managerFor('gmail');
    expect(stateKey(manager.inspect(doc, gmailUrl))).toBe(stateKey(manager.inspect(doc, gmailUrl)));
    expect(stateKey({ kind: 'none' })).toBe('none');
  });

  it('registers every adapter in exactly one family, each with fixtures and tests', async () => {
    const { adapterFamilies } = await import('./registry');
    const registered = Object.values(adapterFamilies).flat();
    expect(new Set(registered.map((adapter) => adapter.id))).toEqual(new Set(allAdapters.map((a) => a.id)));
    for (const adapter of allAdapters) {
      const files = readdirSync(path.join(here, adapter.id));
      expect(files, adapter.id).toEqual(
        expect.arrayContaining(['selectors.ts', 'adapter.ts', 'parsers.ts', 'adapter.test.ts', 'fixtures']),
      );
      expect(readdirSync(path.join(here, adapter.id, 'fixtures')).length).toBeGreaterThan(1);
    }
  });
});
