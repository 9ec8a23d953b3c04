// The test's own API session (same sign-in routes as the extension), to compare what the sidebar shows
// with what the server answers for the same thread.
import type { ContextQuery, ContextResponse } from '@peerpost/shared/api/context';
import { contextSearchParams } from '../../../extension/src/services/api-client';

export async function apiToken(
  serverUrl: string,
  email: string,
  nextCode: () => Promise<() => Promise<string>>,
): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${serverUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const readCode = await nextCode();
  const requested = await post('/api/auth/request', { email });
  if (!requested.ok) throw new Error(`auth request failed: ${requested.status} ${await requested.text()}`);
  const verified = await post('/api/auth/verify', { email, code: await readCode(), tokenName: 'e2e check' });
  if (!verified.ok) throw new Error(`auth verify failed: ${verified.status} ${await verified.text()}`);
  return ((await verified.json()) as { token: string }).token;
}

export async function apiContext(
  serverUrl: string,
  token: string,
  query: ContextQuery,
): Promise<ContextResponse> {
  const response = await fetch(`${serverUrl}/api/context?${contextSearchParams(query)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`context failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as ContextResponse;
}
