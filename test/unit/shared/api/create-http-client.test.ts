import { describe, expect, it } from 'vitest';
import { companionMethods, companionRoutes } from '#shared/api/companion-api.js';
import { createHttpClient, fillPath, type FetchLike } from '#shared/api/create-http-client.js';
import { parseCompanionEvent } from '#shared/api/parse-companion-event.js';

type Seen = { url: string; method: string; headers: Record<string, string>; body?: string };

function recordingFetch(reply: unknown, status = 200): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    seen.push({
      url,
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    return { status, json: async () => reply };
  };
  return { fetch, seen };
}

describe('companionRoutes', () => {
  it('never changes state over GET: every GET route only reads', () => {
    const gets = companionMethods.filter((m) => companionRoutes[m].verb === 'GET');
    expect(gets.every((m) => /^(get|list|poll)[A-Z]/.test(m))).toBe(true);
  });
});

describe('createHttpClient', () => {
  it('puts path fields in the path, the rest in the query of a GET, with the bearer token', async () => {
    const { fetch, seen } = recordingFetch({ ok: true, value: { items: [], nextBefore: null } });
    const api = createHttpClient({ baseUrl: 'https://localhost:47806', fetch, token: () => 'secret' });
    const reply = await api.listResults({ limit: 5, status: 'rejected', q: 'a b' });
    expect(reply).toEqual({ ok: true, value: { items: [], nextBefore: null } });
    expect(seen[0]).toMatchObject({
      url: 'https://localhost:47806/api/v1/results?limit=5&status=rejected&q=a%20b',
      method: 'GET',
      headers: { authorization: 'Bearer secret' },
    });
  });

  it('sends a JSON body for POST and fills :id', async () => {
    const { fetch, seen } = recordingFetch({ ok: true, value: { removed: true } });
    const api = createHttpClient({ baseUrl: '', fetch });
    await api.forgetResult({ id: 12 });
    expect(seen[0]).toMatchObject({ url: '/api/v1/results/12/forget', method: 'POST', body: '{}' });
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('returns a reply that breaks the contract as an error, never as data', async () => {
    const { fetch } = recordingFetch({ ok: true, value: { removed: 'yes' } });
    const reply = await createHttpClient({ baseUrl: '', fetch }).forgetResult({ id: 1 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('returns an unreachable companion as UNAVAILABLE', async () => {
    const fetch: FetchLike = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    const reply = await createHttpClient({ baseUrl: '', fetch }).getStatus({});
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('passes the server error envelope through', async () => {
    const error = { code: 'AUTH.INVALID', message: 'The token is wrong.' };
    const { fetch } = recordingFetch({ ok: false, error }, 401);
    expect(await createHttpClient({ baseUrl: '', fetch }).getMe({})).toEqual({ ok: false, error });
  });
});

describe('fillPath', () => {
  it('encodes path values', () => {
    expect(fillPath('pair/requests/:requestId', { requestId: 'a/b', x: 1 })).toEqual({
      path: 'pair/requests/a%2Fb',
      rest: { x: 1 },
    });
  });
});

describe('parseCompanionEvent', () => {
  it('accepts a contract event and refuses anything else', () => {
    const job = {
      id: 'j1',
      path: '/tmp/x',
      state: 'running',
      done: 1,
      total: 10,
      counts: { logged: 1, skipped: 0, rejected: 0, duplicate: 0 },
      error: null,
    };
    expect(parseCompanionEvent(JSON.stringify({ type: 'import', job }))).toEqual({ type: 'import', job });
    expect(parseCompanionEvent('{"type":"import"}')).toBeNull();
    expect(parseCompanionEvent('not json')).toBeNull();
  });
});
