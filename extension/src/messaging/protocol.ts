// The typed messages between the extension's parts. Content scripts and pages never call the server: they
// send one of these to the background, which holds the token and checks who is asking (see sender-policy).
import type { Me } from '@peerpost/shared/api/auth';
import type { ContextQuery, ContextResponse } from '@peerpost/shared/api/context';
import type { TimelineEntry } from '@peerpost/shared/api/matches';
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { LocalCounts } from '../adapters/local-analysis';
import type { PartnershipAction } from './partnership-action';

/** What the sidebar gets for a thread. Failures are states to show, not exceptions. */
export type ContextResult =
  | { kind: 'match'; context: ContextResponse }
  | { kind: 'not-a-match' }
  | { kind: 'signed-out' }
  | { kind: 'error'; message: string };

export type ActionResult = { ok: true } | { ok: false; message: string };

/** A match's history for a coordinator's sidebar, newest first. */
export type HistoryResult = { ok: true; entries: TimelineEntry[] } | { ok: false; message: string };

export interface SessionInfo {
  serverUrl: string | null;
  me: Me | null;
  webmailOrigins: string[];
  localAnalysis: boolean;
}

export type CoordinatorAction = 'nudge' | 'note' | 'flag';

export type { PartnershipAction } from './partnership-action';

export interface ProtocolMap {
  // Calls a webmail content script may make (the sidebar's reads and its own actions).
  getContext(input: { query: ContextQuery; counts?: LocalCounts }): ContextResult;
  getPreferences(): { localAnalysis: boolean };
  submitCheckIn(input: { checkInId: string; score: number }): ActionResult;
  snoozeNudge(input: { matchId: string; days: number }): ActionResult;
  partnershipAction(input: PartnershipAction): ActionResult;
  coordinatorAction(input: { matchId: string; action: CoordinatorAction; note?: string }): ActionResult;
  openDashboard(input: { matchId?: string }): ActionResult;
  getMatchHistory(input: { matchId: string }): HistoryResult;
  // Calls only the extension's own pages (popup, options, dashboard) may make.
  getSession(): SessionInfo;
  setServerUrl(url: string): SessionInfo;
  requestCode(email: string): ActionResult;
  verifyCode(input: { email: string; code: string }): SessionInfo;
  signOut(): SessionInfo;
  setWebmailOrigins(origins: string[]): SessionInfo;
  setLocalAnalysis(enabled: boolean): SessionInfo;
  apiGet(path: string): { ok: true; data: unknown } | { ok: false; message: string };
  apiPost(input: {
    path: string;
    body: unknown;
  }): { ok: true; data: unknown } | { ok: false; message: string };
}

export const contentScriptCalls = new Set<keyof ProtocolMap>([
  'getContext',
  'getPreferences',
  'submitCheckIn',
  'snoozeNudge',
  'partnershipAction',
  'coordinatorAction',
  'openDashboard',
  'getMatchHistory',
]);

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
