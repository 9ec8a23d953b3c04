// Registers the webmail content script for the self-hosted origins the user enabled (and granted), at run
// time, so the manifest never asks for access to every site.
import { browser } from 'wxt/browser';
import { originPattern } from './settings';

const scriptId = 'peerpost-webmail';
const scriptFile = 'content-scripts/webmail.js';

async function grantedPatterns(origins: string[]): Promise<string[]> {
  const patterns = [...new Set(origins.map(originPattern))];
  const granted = await Promise.all(
    patterns.map((pattern) => browser.permissions.contains({ origins: [pattern] })),
  );
  return patterns.filter((_, index) => granted[index]);
}

export async function syncWebmailScripts(origins: string[]): Promise<string[]> {
  const patterns = await grantedPatterns(origins);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [scriptId] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [scriptId] });
  if (patterns.length > 0) {
    await browser.scripting.registerContentScripts([
      {
        id: scriptId,
        matches: patterns,
        js: [scriptFile],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }
  return patterns;
}
