// The background's HTTP client for the Peerpost server. Only the background creates one: it holds the token.
import type { AuthVerifyResponse, Me } from '@peerpost/shared/api/auth';
import type { ContextQuery, ContextResponse } from '@peerpost/shared/api/context';
import type { TimelineEntry } from '@peerpost/shared/api/matches';
import type { PartnershipAction } from '../messaging/partnership-action';
import { apiRoutes } from './api-routes';

/** The server call behind one of the sidebar's partnership actions: path and JSON body. */
export function partnershipRequest(action: PartnershipAction): [string, unknown] {
  switch (action.kind) {
    case 'accept-agreement':
      return [apiRoutes.acceptAgreement(action.matchId), {}];
    case 'propose-cadence':
      return [apiRoutes.proposeCadence(action.matchId), { cadenceDays: action.cadenceDays }];
    case 'set-goals':
      return [apiRoutes.setGoals(action.matchId), { goals: action.goals }];
    case 'keep-going':
      return [apiRoutes.keepGoing(action.matchId), {}];
    case 'goal-progress':
      return [apiRoutes.goalProgress(action.goalId), { status: action.status }];
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The context query as URL parameters; lists repeat their key (participants=a&participants=b). */
export function contextSearchParams(query: ContextQuery, counts?: Record<string, number>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.provider) params.set('provider', query.provider);
  if (query.providerThreadId) params.set('providerThreadId', query.providerThreadId);
  if (query.subject) params.set('subject', query.subject);
  for (const address of query.participants ?? []) params.append('participants', address);
  for (const token of query.plusTokens ?? []) params.append('plusTokens', token);
  // Opt-in local analysis: counts only, never text.
  for (const [name, value] of Object.entries(counts ?? {})) params.set(name, String(value));
  return params;
}

export function createApiClient(options: ApiClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
    const response = await fetchImpl(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      credentials: 'omit',
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? `HTTP${response.status}`,
        error?.message ?? response.statusText,
      );
    }
    return json as T;
  }

  return {
    call,
    requestCode: (email: string) => call<unknown>('POST', apiRoutes.authRequest, { email }),
    verify: (email: string, code: string, tokenName?: string) =>
      call<AuthVerifyResponse>('POST', apiRoutes.authVerify, { email, code, tokenName }),
    me: () => call<Me>('GET', apiRoutes.me),
    context: (query: ContextQuery, counts?: Record<string, number>) =>
      call<ContextResponse>('GET', `${apiRoutes.context}?${contextSearchParams(query, counts)}`),
    submitCheckIn: (id: string, score: number) => call<unknown>('POST', apiRoutes.checkIn(id), { score }),
    timeline: (matchId: string) => call<TimelineEntry[]>('GET', apiRoutes.timeline(matchId)),
    snooze: (matchId: string, days: number) => call<unknown>('POST', apiRoutes.snooze(matchId), { days }),
    partnership: (action: PartnershipAction) => call<unknown>('POST', ...partnershipRequest(action)),
    coordinatorAction: (matchId: string, action: string, note?: string) =>
      call<unknown>('POST', apiRoutes.coordinatorAction(matchId, action), note ? { note } : {}),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
