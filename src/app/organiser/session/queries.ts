/**
 * Every read and write of the tally server, through TanStack Query: one cache per signed-in
 * session, polling by `refetchInterval`, and invalidation after a change, instead of hand-rolled
 * timers. An `ApiResult` error becomes a thrown `ApiError` here, because that is how a query fails;
 * the screens read `query.error.problem` and word it with problem-text.ts.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { isSessionExpired, UNREACHABLE, type ApiProblem, type ApiResult } from '../api.ts';
import { CountFailed, countResults, DownloadLost } from '../results/count-in-worker.ts';
import { useSession } from './session.tsx';
import { permission } from '../../../core/roles.ts';

/** Often enough to watch stations catch up, rarely enough not to load a busy server. */
export const STATION_POLL_MS = 10_000;

export class ApiError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.message ?? problem.code);
    this.name = 'ApiError';
  }
}

/** The problem behind a failed query or mutation (anything unexpected counts as unreachable). */
export function problemOf(error: unknown): ApiProblem {
  return error instanceof ApiError ? error.problem : { code: 'unreachable' };
}

export const isExpiredError = (error: unknown): boolean =>
  error instanceof ApiError && isSessionExpired(error.problem);

async function unwrap<T>(answer: Promise<ApiResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export const queryKeys = {
  events: ['events'] as const,
  unavailable: ['events', 'unavailable'] as const,
  event: (eventId: string) => ['event', eventId] as const,
  stations: (eventId: string) => ['event', eventId, 'stations'] as const,
  results: (eventId: string) => ['event', eventId, 'results'] as const,
  rejected: (eventId: string) => ['event', eventId, 'rejected'] as const,
};

/**
 * Failures are shown at once (no silent retries: the organiser sees "Try again"), and nothing is
 * refetched behind the organiser's back on focus: results change only when they ask.
 */
export function organiserQueryDefaults(client: QueryClient): QueryClient {
  client.setDefaultOptions({
    queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
    mutations: { retry: false },
  });
  return client;
}

/** The server's events. `poll` keeps the ballot count current (stations and results screens). */
export function useEvents({ poll = false }: { poll?: boolean } = {}) {
  const { api, token } = useSession();
  return useQuery({
    queryKey: queryKeys.events,
    queryFn: () => unwrap(api.events(token)),
    refetchInterval: poll ? STATION_POLL_MS : false,
  });
}

/** Events the server could not open (a damaged tally file): none when the API cannot say. */
export function useUnavailableEvents() {
  const { api, token } = useSession();
  return useQuery({
    queryKey: queryKeys.unavailable,
    queryFn: () =>
      api.unavailableEvents === undefined
        ? Promise.resolve([])
        : unwrap(api.unavailableEvents(token)),
  });
}

export function useStations(eventId: string) {
  const { api, token } = useSession();
  return useQuery({
    queryKey: queryKeys.stations(eventId),
    queryFn: () => unwrap(api.stations(token, eventId)),
    refetchInterval: STATION_POLL_MS,
  });
}

/**
 * The central tally file, counted with both rules as the CLI counts it. Counting is the expensive
 * step, so it runs once per fetch, in a Web Worker so the page never freezes
 * (results/count-in-worker.ts), and the result is shared by the results and exports screens. It
 * is never stale by time: results change only on "Refresh results" or after an import, never in
 * the middle of a reveal. A worker that fails is the 'count-failed' problem.
 */
export function useResults(eventId: string) {
  const { api, token } = useSession();
  return useQuery({
    queryKey: queryKeys.results(eventId),
    queryFn: async ({ signal }) => {
      // Counted as it downloads where the API can give the download (the real server).
      const file =
        api.tallyFileBody === undefined
          ? await unwrap(api.tallyFile(token, eventId))
          : await unwrap(api.tallyFileBody(token, eventId));
      try {
        return await countResults(file, signal);
      } catch (error) {
        if (error instanceof DownloadLost) throw new ApiError(UNREACHABLE);
        if (!(error instanceof CountFailed)) throw error;
        throw new ApiError({ code: 'count-failed', message: error.message });
      }
    },
    staleTime: Infinity,
    // A new count is never partly equal to the last one worth keeping, and comparing 100,000
    // ballots deeply with the last count's would block the page the worker has kept free.
    structuralSharing: false,
  });
}

/** Quarantined ballots: asked for only when the signed-in role may see them (organisers). */
export function useRejected(eventId: string) {
  const { api, token, account } = useSession();
  return useQuery({
    queryKey: queryKeys.rejected(eventId),
    queryFn: () => unwrap(api.rejected(token, eventId)),
    enabled: permission(account.role, 'rejected', false) === 'allowed',
  });
}

/** Re-reads everything about an event (and the events list, for its ballot count). */
export function useRefreshEvent(eventId: string): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.event(eventId) }),
        client.invalidateQueries({ queryKey: queryKeys.events }),
      ]).then(() => undefined),
    [client, eventId],
  );
}

/** Uploads a station's exported tally file; the server merges it by ballot id. */
export function useImportFile(eventId: string) {
  const { api, token } = useSession();
  const refresh = useRefreshEvent(eventId);
  return useMutation({
    mutationFn: ({ text }: { text: string; fileName: string }) =>
      unwrap(api.importFile(token, eventId, text)),
    onSuccess: refresh,
  });
}

export function useSignIn(api: ReturnType<typeof useSession>['api']) {
  return useMutation({
    mutationFn: ({ name, password }: { name: string; password: string }) =>
      unwrap(api.login(name, password)),
  });
}
