// The dashboard's calls, through the background (which holds the token). Paths are the server's API routes.
import { sendMessage } from '../messaging/protocol';

export async function apiGet<T>(path: string): Promise<T> {
  const result = await sendMessage('apiGet', path);
  if (!result.ok) throw new Error(result.message);
  return result.data as T;
}

export async function apiPost<T>(path: string, body: unknown): Promise<T> {
  const result = await sendMessage('apiPost', { path, body });
  if (!result.ok) throw new Error(result.message);
  return result.data as T;
}
