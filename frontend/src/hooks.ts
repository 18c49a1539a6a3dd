// Data loading and event streams for screens: each request is aborted and each stream closed on unmount.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs {@code load} on mount and whenever {@code deps} change; {@code reload} runs it again. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    load(ctl.signal).then(
      (d) => {
        if (ctl.signal.aborted) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
        setLoading(false);
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}

export type StreamState = 'connecting' | 'open' | 'closed';

/**
 * One EventSource for the lifetime of the component (or until {@code url} changes). {@code handlers} maps event
 * names to callbacks; a handler returning {@code 'close'} ends the stream (the server's last event), so the
 * browser does not reconnect and replay it. On a failed connection the browser's own retry is allowed for a
 * dropped stream, but a refused one (closed by the browser) is reported through {@code onFailure}.
 */
export function useEventStream(
  url: string | null,
  handlers: Record<string, (data: unknown, id: string) => void | 'close'>,
  onFailure?: () => void,
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const latest = useRef({ handlers, onFailure });
  latest.current = { handlers, onFailure };
  useEffect(() => {
    if (!url) {
      setState('closed');
      return;
    }
    const source = new EventSource(url);
    setState('connecting');
    source.onopen = () => setState('open');
    for (const name of Object.keys(latest.current.handlers)) {
      source.addEventListener(name, (e) => {
        if (!(e instanceof MessageEvent)) return; // the stream's own error event, handled below
        let data: unknown;
        try {
          data = JSON.parse(e.data as string);
        } catch {
          return;
        }
        if (latest.current.handlers[name]?.(data, e.lastEventId) === 'close') {
          source.close();
          setState('closed');
        }
      });
    }
    source.onerror = (e) => {
      if (e instanceof MessageEvent) return; // a server event named "error", delivered to its handler
      if (source.readyState === EventSource.CLOSED) {
        setState('closed');
        latest.current.onFailure?.();
      } else {
        setState('connecting');
      }
    };
    return () => source.close();
  }, [url]);
  return state;
}

/** The value after it stopped changing for {@code ms}: search boxes ask the server (or filter) once per pause. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
