import { ApiError, onUnauthorized, request, setCsrfToken } from './client';

function answer(status: number, body: unknown) {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

describe('api client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
    onUnauthorized(null);
  });

  it('sends the CSRF token on changes only, and the cookie by the same-origin rule', async () => {
    const fetch = vi.fn(() => answer(200, { ok: true }));
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('tok');
    await request('/containers');
    await request('/auth/api-keys', { method: 'POST', body: { name: 'x' } });
    const calls = fetch.mock.calls as unknown as [string, RequestInit][];
    expect((calls[0][1].headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect((calls[1][1].headers as Record<string, string>)['X-CSRF-Token']).toBe('tok');
    expect(calls[1][1].credentials).toBe('same-origin');
    expect(calls[1][1].body).toBe('{"name":"x"}');
  });

  it('turns the error body into an ApiError and reports a 401 as an ended session', async () => {
    vi.stubGlobal('fetch', vi.fn(() => answer(401, { error: 'Not authenticated', details: 'The token has expired' })));
    const ended = vi.fn();
    onUnauthorized(ended);
    await expect(request('/containers')).rejects.toEqual(new ApiError(401, 'Not authenticated', 'The token has expired'));
    expect(ended).toHaveBeenCalledOnce();
    await expect(request('/auth/login', { method: 'POST', body: {}, expectUnauthorized: true })).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledOnce();
  });

  it('says the server is unreachable when fetch fails', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(request('/health')).rejects.toMatchObject({ status: 0, error: 'Server unreachable' });
  });
});
