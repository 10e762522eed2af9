/**
 * The organiser's area, loaded lazily at /organiser so stations never download it (charts, CSV,
 * QR, Pabulib, the router and the query cache live only in this chunk). A small application:
 * routes under /organiser (wouter), a session context, and TanStack Query for the server's data.
 *
 * The session is an HttpOnly cookie the page never reads; the page holds only who is signed in
 * and the session's CSRF token, in memory. On load it asks the server whether the cookie still
 * holds a live session, so a reload keeps the organiser signed in (until the session's idle or
 * absolute expiry) without leaving anything readable in the browser. After signing in (again)
 * the organiser stays on the screen they asked for. An invite link (/organiser/invite#…) opens
 * with or without a session.
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
import {
  ACCOUNTS_PATH,
  ACTIVITY_PATH,
  HALL_PATH,
  INVITE_PATH,
  NEW_EVENT_PATH,
  ORGANISER_BASE,
} from './routes.ts';
import { AccountsScreen } from './screens/AccountsScreen.tsx';
import { ActivityScreen } from './screens/ActivityScreen.tsx';
import { EventsScreen } from './screens/EventsScreen.tsx';
import { HallScreen } from './screens/HallScreen.tsx';
import { InviteScreen } from './screens/InviteScreen.tsx';
import { NotFoundScreen } from './screens/NotFoundScreen.tsx';
import { SignInScreen } from './screens/SignInScreen.tsx';
import { Allowed } from './session/access.tsx';
import { isExpiredError, organiserQueryDefaults } from './session/queries.ts';
import { SessionProvider, type Session } from './session/session.tsx';
import type { SessionResponse } from './api.ts';
import { StationLock } from './StationLock.tsx';
import type { StationDatabase } from '../../db/database.ts';
import { CatalogueProvider, useT } from '../i18n/react.tsx';

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
  const t = useT();
  const client = useMemo(() => api ?? createHttpOrganiserApi(), [api]);
  const [signedIn, setSignedIn] = useState<SessionResponse | null>(null);
  const [expired, setExpired] = useState(false);
  // Until the server says whether the cookie holds a session, show neither sign-in nor screens.
  const [restoring, setRestoring] = useState(client.session !== undefined);
  const token = signedIn?.csrfToken ?? null;

  useEffect(() => {
    if (client.session === undefined) return;
    let live = true;
    void client.session().then((answer) => {
      if (!live) return;
      // No session (401), or the server out of reach: the sign-in form says what it can.
      if (answer.ok) setSignedIn(answer.value);
      setRestoring(false);
    });
    return () => {
      live = false;
    };
  }, [client]);

  const [queryClient] = useState(() => organiserQueryDefaults(new QueryClient()));
  // Any read or write answered "401" means the server no longer knows this session.
  useEffect(() => {
    const expireOn = (event: { type: string; action?: { type: string; error?: unknown } }) => {
      if (event.action?.type === 'error' && isExpiredError(event.action.error)) {
        setExpired(true);
        setSignedIn(null);
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
      signedIn === null
        ? null
        : {
            api: client,
            account: signedIn.account,
            token: signedIn.csrfToken,
            saveFile,
            signOut: (everywhere = false) => {
              // The server ends the session (or all of them) and clears the cookie; the page
              // forgets it whatever the answer, and a reload asks the server again.
              void (client.signOut?.(signedIn.csrfToken, everywhere) ?? Promise.resolve()).then(
                () => {
                  setExpired(false);
                  setSignedIn(null);
                },
              );
            },
            expire: () => {
              setExpired(true);
              setSignedIn(null);
            },
          },
    [client, signedIn, saveFile],
  );
  const onSignedIn = (answer: SessionResponse) => {
    setExpired(false);
    setSignedIn(answer);
  };

  return (
    <QueryClientProvider client={queryClient}>
      <Router base={ORGANISER_BASE}>
        <Switch>
          <Route path={INVITE_PATH}>
            <OrganiserHeader />
            <InviteScreen api={client} onSignedIn={onSignedIn} />
          </Route>
          <Route>
            {restoring ? (
              <>
                <OrganiserHeader />
                <p role="status" className="loading">
                  {t('app.loading')}
                </p>
              </>
            ) : session === null ? (
              <>
                <OrganiserHeader />
                <SignInScreen api={client} expired={expired} onSignedIn={onSignedIn} />
              </>
            ) : (
              <SessionProvider session={session}>
                <OrganiserHeader account={session.account} onSignOut={session.signOut} />
                <Switch>
                  <Route path="/" component={EventsScreen} />
                  <Route path={NEW_EVENT_PATH}>
                    <Allowed capability="events">
                      <NewEventScreen />
                    </Allowed>
                  </Route>
                  <Route path={ACTIVITY_PATH}>
                    <Allowed capability="accounts">
                      <ActivityScreen />
                    </Allowed>
                  </Route>
                  <Route path={HALL_PATH} component={HallScreen} />
                  <Route path={ACCOUNTS_PATH}>
                    <Allowed capability="accounts">
                      <AccountsScreen />
                    </Allowed>
                  </Route>
                  <Route path="/events/:eventId" nest>
                    {(params) => <EventArea key={params.eventId} eventId={params.eventId} />}
                  </Route>
                  <Route>
                    <NotFoundScreen />
                  </Route>
                </Switch>
              </SessionProvider>
            )}
          </Route>
        </Switch>
      </Router>
    </QueryClientProvider>
  );
}
