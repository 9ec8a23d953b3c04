// Every adapter Peerpost ships, and which ones each content-script family registers (in order of trust).
import { genericAdapter } from './generic/adapter';
import { gmailAdapter } from './gmail/adapter';
import { AdapterManager } from './manager';
import { outlookAdapter } from './outlook/adapter';
import { roundcubeAdapter } from './roundcube/adapter';
import type { WebmailAdapter } from './types';

export const allAdapters: readonly WebmailAdapter[] = [
  gmailAdapter,
  outlookAdapter,
  roundcubeAdapter,
  genericAdapter,
];

export const adapterFamilies = {
  gmail: [gmailAdapter],
  outlook: [outlookAdapter],
  /** Hosts the user enabled: Roundcube when the page is Roundcube, else the generic fallback. */
  webmail: [roundcubeAdapter, genericAdapter],
} satisfies Record<string, WebmailAdapter[]>;

export function managerFor(family: keyof typeof adapterFamilies): AdapterManager {
  return new AdapterManager().register(...adapterFamilies[family]);
}
