// The one way the dashboard talks to the server: same-origin fetch with the session cookie, the CSRF header on
// changes, and a single place that notices an ended session.
import type { ApiErrorBody } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly details: string,
  ) {
    super(details ? `${error}: ${details}` : error);
  }
}

let csrfToken: string | null = null;
let onSessionEnded: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called once by the session provider: a 401 on a signed-in page means the session ended (expired or revoked). */
export function onUnauthorized(handler: (() => void) | null): void {
  onSessionEnded = handler;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** The sign-in form reads its own 401 ("wrong password"); it must not be taken for an ended session. */
  expectUnauthorized?: boolean;
  /** Matches index.html's preload of /auth/me (credentials "include"), so the browser reuses that answer. */
  preloaded?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: options.preloaded ? 'include' : 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Server unreachable', 'The HomelabARR server did not answer. Check that it is running.');
  }
  if (res.status === 401 && !options.expectUnauthorized) onSessionEnded?.();
  const text = await res.text();
  const parsed = text ? safeParse(text) : undefined;
  if (!res.ok) {
    const body = parsed as Partial<ApiErrorBody> | undefined;
    throw new ApiError(res.status, body?.error ?? `HTTP ${res.status}`, body?.details ?? '');
  }
  return parsed as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Builds a query string from defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
