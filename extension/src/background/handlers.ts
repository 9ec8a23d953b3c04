// Answers the typed messages: the sidebar's reads and actions, and the extension pages' session calls.
// Every handler checks the sender first; every server failure becomes a state or a message, never a throw.
import { contextQuerySchema, contextResponseSchema } from '@peerpost/shared/api/context';
import { timelineSchema } from '@peerpost/shared/api/matches';
import { browser } from 'wxt/browser';
import type { LocalCounts } from '../adapters/local-analysis';
import {
  type ActionResult,
  type ContextResult,
  type HistoryResult,
  onMessage,
  type ProtocolMap,
  type SessionInfo,
} from '../messaging/protocol';
import { ApiError, createApiClient } from '../services/api-client';
import { outgoingCounts } from './outgoing-counts';
import { secretStore } from './secret-store';
import { isAllowedSender } from './sender-policy';
import { normaliseOrigin, readSettings, type Settings, updateSettings } from './settings';
import { syncWebmailScripts } from './webmail-scripts';

const tokenKey = 'api-token';

class NotSignedIn extends Error {}

async function client() {
  const settings = await readSettings();
  const token = await secretStore.get(tokenKey);
  if (!settings.serverUrl || !token) throw new NotSignedIn('Sign in to Peerpost from the toolbar button');
  return createApiClient({ baseUrl: settings.serverUrl, token });
}

function session(settings: Settings): SessionInfo {
  return {
    serverUrl: settings.serverUrl,
    me: settings.me,
    webmailOrigins: settings.webmailOrigins,
    localAnalysis: settings.localAnalysis,
  };
}

function describe(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  if (error instanceof Error)
    return error.name === 'TimeoutError' ? 'The Peerpost server did not answer' : error.message;
  return String(error);
}

async function action(work: () => Promise<unknown>): Promise<ActionResult> {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    return { ok: false, message: describe(error) };
  }
}

export async function fetchContext(input: { query: unknown; counts?: LocalCounts }): Promise<ContextResult> {
  const query = contextQuerySchema.safeParse(input.query);
  if (!query.success) return { kind: 'error', message: 'The thread could not be read' };
  try {
    const api = await client();
    const { localAnalysis } = await readSettings();
    const counts = outgoingCounts(localAnalysis, input.counts);
    const response = contextResponseSchema.safeParse(await api.context(query.data, counts));
    if (!response.success) return { kind: 'error', message: 'The server sent an unexpected answer' };
    return { kind: 'match', context: response.data };
  } catch (error) {
    if (error instanceof NotSignedIn) return { kind: 'signed-out' };
    if (error instanceof ApiError && error.status === 404) return { kind: 'not-a-match' };
    if (error instanceof ApiError && error.status === 401) return { kind: 'signed-out' };
    return { kind: 'error', message: describe(error) };
  }
}

/** How many history entries the sidebar shows; the dashboard has the full timeline. */
const historyLength = 8;

export async function fetchMatchHistory(matchId: string): Promise<HistoryResult> {
  try {
    const timeline = timelineSchema.safeParse(await (await client()).timeline(matchId));
    if (!timeline.success) return { ok: false, message: 'The server sent an unexpected answer' };
    return { ok: true, entries: timeline.data.slice(-historyLength).reverse() };
  } catch (error) {
    return { ok: false, message: describe(error) };
  }
}

type Handler<K extends keyof ProtocolMap> = (
  data: Parameters<ProtocolMap[K]>[0],
) => Promise<ReturnType<ProtocolMap[K]>>;

function handle<K extends keyof ProtocolMap>(type: K, handler: Handler<K>) {
  onMessage(type, (message) => {
    if (!isAllowedSender(type, message.sender, browser.runtime.id)) {
      throw new Error(`${String(type)} is not allowed from ${message.sender.url ?? 'this sender'}`);
    }
    return handler(message.data as Parameters<ProtocolMap[K]>[0]) as never;
  });
}

export function registerHandlers(): void {
  handle('getContext', fetchContext);
  handle('getPreferences', async () => ({ localAnalysis: (await readSettings()).localAnalysis }));
  handle('submitCheckIn', ({ checkInId, score }) =>
    action(async () => (await client()).submitCheckIn(checkInId, score)),
  );
  handle('partnershipAction', (input) => action(async () => (await client()).partnership(input)));
  handle('snoozeNudge', ({ matchId, days }) => action(async () => (await client()).snooze(matchId, days)));
  handle('coordinatorAction', ({ matchId, action: kind, note }) =>
    action(async () => (await client()).coordinatorAction(matchId, kind, note)),
  );
  handle('openDashboard', ({ matchId }) =>
    action(() =>
      browser.tabs.create({
        url: browser.runtime.getURL(`/dashboard.html${matchId ? `#match=${matchId}` : ''}`),
      }),
    ),
  );

  handle('getMatchHistory', ({ matchId }) => fetchMatchHistory(matchId));

  handle('getSession', async () => session(await readSettings()));
  handle('setServerUrl', async (url) => {
    const serverUrl = normaliseOrigin(url);
    const previous = await readSettings();
    if (previous.serverUrl !== serverUrl) await secretStore.delete(tokenKey);
    return session(
      await updateSettings({ serverUrl, me: previous.serverUrl === serverUrl ? previous.me : null }),
    );
  });
  handle('requestCode', (email) =>
    action(async () => {
      const { serverUrl } = await readSettings();
      if (!serverUrl) throw new Error('Set the server address first');
      await createApiClient({ baseUrl: serverUrl }).requestCode(email);
    }),
  );
  handle('verifyCode', async ({ email, code }) => {
    const { serverUrl } = await readSettings();
    if (!serverUrl) throw new Error('Set the server address first');
    const result = await createApiClient({ baseUrl: serverUrl })
      .verify(email, code, `${navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chromium'} extension`)
      .catch((error: unknown) => {
        throw new Error(describe(error));
      });
    await secretStore.set(tokenKey, result.token);
    return session(await updateSettings({ me: result.me }));
  });
  handle('signOut', async () => {
    await secretStore.delete(tokenKey);
    return session(await updateSettings({ me: null }));
  });
  handle('setWebmailOrigins', async (origins) => {
    const normalised = [...new Set(origins.map(normaliseOrigin))];
    await syncWebmailScripts(normalised);
    return session(await updateSettings({ webmailOrigins: normalised }));
  });
  handle('setLocalAnalysis', async (enabled) => session(await updateSettings({ localAnalysis: enabled })));
  handle('apiGet', async (path) => {
    try {
      return { ok: true, data: await (await client()).call('GET', checkedPath(path)) };
    } catch (error) {
      return { ok: false, message: describe(error) };
    }
  });
  handle('apiPost', async ({ path, body }) => {
    try {
      return { ok: true, data: await (await client()).call('POST', checkedPath(path), body) };
    } catch (error) {
      return { ok: false, message: describe(error) };
    }
  });
}

/** The dashboard may call API paths only, never an arbitrary URL with the token attached. */
function checkedPath(path: string): string {
  if (!/^\/api\/[A-Za-z0-9/_\-.?=&%]*$/.test(path) || path.includes('..')) throw new Error('not an API path');
  return path;
}
