/**
 * The organiser's area, loaded lazily at /organiser so stations never download it (charts, CSV,
 * QR, Pabulib, the router and the query cache live only in this chunk). A small application:
 * routes under /organiser (wouter), a session context, and TanStack Query for the server's data.
 *
 * The session token lives in memory only: a reload or a closed tab asks for the password again,
 * and nothing secret is left in the browser. After signing in (again) the organiser stays on the
 * screen they asked for.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Route, Router, Switch } from 'wouter';
import { createHttpOrganiserApi, type OrganiserApi } from './api.ts';
import { downloadFile, type SaveFile } from './download.ts';
import { NewEventScreen } from './editor/NewEventScreen.tsx';
import { EventArea } from './layout/EventArea.tsx';
import { OrganiserLanguage } from './layout/language.tsx';
import { OrganiserHeader } from './layout/OrganiserHeader.tsx';
import { PREVIEW_PAGE_PATH } from './preview/messages.ts';
import { VoterPreviewPage } from './preview/VoterPreviewPage.tsx';
import { ACTIVITY_PATH, ORGANISER_BASE } from './routes.ts';
import { ActivityScreen } from './screens/ActivityScreen.tsx';
import { EventsScreen } from './screens/EventsScreen.tsx';
import { NotFoundScreen } from './screens/NotFoundScreen.tsx';
import { SignInScreen } from './screens/SignInScreen.tsx';
import { isExpiredError, organiserQueryDefaults } from './session/queries.ts';
import { SessionProvider, type Session } from './session/session.tsx';
import { StationLock } from './StationLock.tsx';
import type { StationDatabase } from '../../db/database.ts';
import { CatalogueProvider } from '../i18n/react.tsx';

export interface OrganiserAppProps {
  /** Defaults to the tally server this page came from. */
  api?: OrganiserApi;
  /** Defaults to a browser download; tests read the file instead. */
  saveFile?: SaveFile;
  /** This device's station database (the browser's own by default): a voting station is locked. */
  stationDb?: StationDatabase;
}

export default function OrganiserApp(props: OrganiserAppProps) {
  // The Preview screen's frame: the voter's screens only, in a document of their own.
  if (window.location.pathname === PREVIEW_PAGE_PATH) {
    return (
      <CatalogueProvider>
        <VoterPreviewPage />
      </CatalogueProvider>
    );
  }
  return (
    <CatalogueProvider>
      <OrganiserLanguage>
        <StationLock db={props.stationDb}>
          <Organiser {...props} />
        </StationLock>
      </OrganiserLanguage>
    </CatalogueProvider>
  );
}

function Organiser({ api, saveFile = downloadFile }: OrganiserAppProps) {
  const client = useMemo(() => api ?? createHttpOrganiserApi(), [api]);
  const [token, setToken] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);

  const [queryClient] = useState(() => organiserQueryDefaults(new QueryClient()));
  // Any read or write answered "401" means the server no longer knows this session.
  useEffect(() => {
    const expireOn = (event: { type: string; action?: { type: string; error?: unknown } }) => {
      if (event.action?.type === 'error' && isExpiredError(event.action.error)) {
        setExpired(true);
        setToken(null);
      }
    };
    const stopQueries = queryClient.getQueryCache().subscribe(expireOn);
    const stopMutations = queryClient.getMutationCache().subscribe(expireOn);
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient]);
  // Signed out: nothing of the last session's data stays in memory.
  useEffect(() => {
    if (token === null) queryClient.clear();
  }, [token, queryClient]);

  const session = useMemo<Session | null>(
    () =>
      token === null
        ? null
        : {
            api: client,
            token,
            saveFile,
            signOut: () => {
              setExpired(false);
              setToken(null);
            },
            expire: () => {
              setExpired(true);
              setToken(null);
            },
          },
    [client, token, saveFile],
  );

  return (
    <QueryClientProvider client={queryClient}>
      <Router base={ORGANISER_BASE}>
        {session === null ? (
          <>
            <OrganiserHeader />
            <SignInScreen
              api={client}
              expired={expired}
              onSignedIn={(t) => {
                setExpired(false);
                setToken(t);
              }}
            />
          </>
        ) : (
          <SessionProvider session={session}>
            <OrganiserHeader onSignOut={session.signOut} />
            <Switch>
              <Route path="/" component={EventsScreen} />
              <Route path="/new" component={NewEventScreen} />
              <Route path={ACTIVITY_PATH} component={ActivityScreen} />
              <Route path="/events/:eventId" nest>
                {(params) => <EventArea key={params.eventId} eventId={params.eventId} />}
              </Route>
              <Route>
                <NotFoundScreen />
              </Route>
            </Switch>
          </SessionProvider>
        )}
      </Router>
    </QueryClientProvider>
  );
}
