/**
 * Loading server data into a screen: one small hook so every panel shows loading, the value, or
 * the server's human error the same way, and so an expired session is handled in one place.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isSessionExpired, type ApiProblem, type ApiResult } from './api.ts';

export type Loaded<T> =
  { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: ApiProblem };

export interface UseLoad<T> {
  loaded: Loaded<T>;
  /** True while a reload runs with a previous answer still on screen. */
  refreshing: boolean;
  reload: () => Promise<void>;
}

/**
 * Runs `load` on mount and on `reload()`. A failed reload keeps nothing stale on screen: the
 * organiser sees the error rather than old numbers that look current.
 */
export function useLoad<T>(
  load: () => Promise<ApiResult<T>>,
  onSessionExpired: () => void,
): UseLoad<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  // Only the newest request may update the screen, so a slow old answer cannot overwrite a new one.
  const latest = useRef(0);
  const loadRef = useRef(load);
  const expiredRef = useRef(onSessionExpired);
  useEffect(() => {
    loadRef.current = load;
    expiredRef.current = onSessionExpired;
  });

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setRefreshing(true);
    const result = await loadRef.current();
    if (request !== latest.current) return;
    setRefreshing(false);
    if (result.ok) setLoaded({ state: 'ok', value: result.value });
    else if (isSessionExpired(result.error)) expiredRef.current();
    else setLoaded({ state: 'error', error: result.error });
  }, []);

  useEffect(() => {
    void reload();
    return () => {
      // Answers arriving after unmount are dropped.
      latest.current++;
    };
  }, [reload]);

  return { loaded, refreshing, reload };
}

/** Calls `tick` every `ms` while mounted (the stations table stays current on its own). */
export function useInterval(tick: () => void, ms: number): void {
  const tickRef = useRef(tick);
  useEffect(() => {
    tickRef.current = tick;
  });
  useEffect(() => {
    const id = setInterval(() => tickRef.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}
