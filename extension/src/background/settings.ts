// Non-secret settings in storage.local: server URL, who is signed in, enabled webmail origins, privacy switch.
import type { Me } from '@peerpost/shared/api/auth';
import { browser } from 'wxt/browser';

export interface Settings {
  serverUrl: string | null;
  me: Me | null;
  webmailOrigins: string[];
  /** Local Readability analysis: off unless the user turns it on. */
  localAnalysis: boolean;
}

const key = 'peerpost:settings';
const defaults: Settings = { serverUrl: null, me: null, webmailOrigins: [], localAnalysis: false };

export async function readSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(key))[key] as Partial<Settings> | undefined;
  return { ...defaults, ...stored };
}

export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings()), ...change };
  await browser.storage.local.set({ [key]: next });
  return next;
}

/** `https://mail.example.org:8443/path` → `https://mail.example.org:8443`; throws on anything but http(s). */
export function normaliseOrigin(input: string): string {
  const url = new URL(input.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('must be an http(s) address');
  return url.origin;
}

/** The host-permission match pattern for an origin (match patterns cannot name a port). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
