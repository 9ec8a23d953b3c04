import { describe, expect, it } from 'vitest';
import { ApiError, contextSearchParams, createApiClient } from './api-client';

function fakeFetch(status: number, body: unknown, seen: Request[] = []): typeof fetch {
  return async (input, init) => {
    seen.push(new Request(input as string, init));
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
}

describe('api client', () => {
  it('sends the token and the context query as repeated parameters', async () => {
    const seen: Request[] = [];
    const api = createApiClient({
      baseUrl: 'https://pp.example.org/',
      token: 'secret',
      fetch: fakeFetch(200, { ok: 1 }, seen),
    });
    await api.context({ provider: 'gmail', participants: ['a@x.org', 'b@x.org'], plusTokens: ['abcd'] });
    const url = new URL(seen[0]!.url);
    expect(url.pathname).toBe('/api/context');
    expect(url.searchParams.getAll('participants')).toEqual(['a@x.org', 'b@x.org']);
    expect(url.searchParams.get('plusTokens')).toBe('abcd');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer secret');
  });

  it('turns error bodies into ApiError with status and code', async () => {
    const api = createApiClient({
      baseUrl: 'https://pp.example.org',
      fetch: fakeFetch(404, { error: { code: 'ENOTFOUND', message: 'No match for this thread' } }),
    });
    await expect(api.me()).rejects.toMatchObject({
      status: 404,
      code: 'ENOTFOUND',
      message: 'No match for this thread',
    });
    const broken = createApiClient({
      baseUrl: 'https://pp.example.org',
      fetch: fakeFetch(502, '<html>bad gateway'),
    });
    await expect(broken.me()).rejects.toBeInstanceOf(ApiError);
  });

  it('adds only the counts it is given', () => {
    expect(contextSearchParams({ participants: [], plusTokens: [] }, { questionsAsked: 2 }).toString()).toBe(
      'questionsAsked=2',
    );
  });
});
