/**
 * One event's screens: its name (and, with the event builder, its lifecycle state) above every
 * screen, the event's navigation, then the screen chosen by the address. The screens come from
 * one table (EVENT_SCREEN_VIEWS): a new screen is a route in routes.ts and a line here.
 */
import { createContext, useContext, useState, type ComponentType } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import type { EventSummary } from '../api.ts';
import { NarrowFold } from '../components/NarrowFold.tsx';
import { LoadProblem, ui } from '../components/ui.tsx';
import {
  EVENT_SCREEN_CAPABILITY,
  EVENT_SCREEN_NAME_KEYS,
  EVENT_SCREENS,
  EVENTS_PATH,
  ORGANISER_BASE,
  type EventScreen,
} from '../routes.ts';
import { Allowed, eventScreensFor, firstEventScreenFor } from '../session/access.tsx';
import { usePermission, useSession } from '../session/session.tsx';
import { EventLifecycle } from '../editor/EventLifecycle.tsx';
import { BallotRoute, BidsRoute, CheckInRoute, PotsRoute, SetUpRoute } from '../editor/routes.tsx';
import { BallotsScreen } from '../screens/BallotsScreen.tsx';
import { CodesScreen } from '../screens/CodesScreen.tsx';
import { EqualitiesScreen } from '../screens/EqualitiesScreen.tsx';
import { InclusionScreen } from '../screens/InclusionScreen.tsx';
import { ExportsScreen } from '../screens/ExportsScreen.tsx';
import { ImportScreen } from '../screens/ImportScreen.tsx';
import { NotFoundScreen } from '../screens/NotFoundScreen.tsx';
import { PreviewScreen } from '../screens/PreviewScreen.tsx';
import { PublishScreen } from '../screens/PublishScreen.tsx';
import { RegisterScreen } from '../screens/RegisterScreen.tsx';
import { ResultsScreen } from '../screens/ResultsScreen.tsx';
import { StationsScreen } from '../screens/StationsScreen.tsx';
import { useEvents } from '../session/queries.ts';
import { MainArea } from './MainArea.tsx';
import { useT } from '../../i18n/react.tsx';
import type { Rule } from '../../../core/schema.ts';
import styles from './EventArea.module.css';

const EVENT_SCREEN_VIEWS: Record<EventScreen, ComponentType> = {
  setup: SetUpRoute,
  bids: BidsRoute,
  pots: PotsRoute,
  ballot: BallotRoute,
  checkin: CheckInRoute,
  preview: PreviewScreen,
  stations: StationsScreen,
  ballots: BallotsScreen,
  codes: CodesScreen,
  register: RegisterScreen,
  equalities: EqualitiesScreen,
  inclusion: InclusionScreen,
  results: ResultsScreen,
  publish: PublishScreen,
  exports: ExportsScreen,
  import: ImportScreen,
};

export interface OpenEvent {
  summary: EventSummary;
  /** The rule results and exports are shown with; null until chosen (the event's own rule). */
  rule: Rule | null;
  setRule: (rule: Rule) => void;
}

const EventContext = createContext<OpenEvent | null>(null);

export function useOpenEvent(): OpenEvent {
  const open = useContext(EventContext);
  if (open === null) throw new Error('useOpenEvent() outside an event’s screens');
  return open;
}

export function EventArea({ eventId }: { eventId: string }) {
  const t = useT();
  const { account } = useSession();
  const can = usePermission();
  // Polled so "ballots in the central file" stays current on every screen of the event.
  const events = useEvents({ poll: true });
  const [rule, setRule] = useState<Rule | null>(null);

  if (events.data === undefined) {
    return (
      <MainArea>
        {events.isError ? (
          <LoadProblem error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <p role="status">{t('organiser.event.loading')}</p>
        )}
      </MainArea>
    );
  }
  const summary = events.data.find((e) => e.id === eventId);
  if (summary === undefined) return <NotFoundScreen />;
  const final = summary.state === 'final';

  return (
    <EventContext.Provider value={{ summary, rule, setRule }}>
      <MainArea>
        <div className={styles['bar']}>
          <p className={styles['name']}>{summary.name}</p>
          <EventNav screens={eventScreensFor(account.role, final)} />
        </div>
        {can('events') === 'allowed' && <EventLifecycle eventId={summary.id} />}
        <Switch>
          {EVENT_SCREENS.map((screen) => {
            const View = EVENT_SCREEN_VIEWS[screen];
            return (
              <Route key={screen} path={`/${screen}`}>
                <Allowed capability={EVENT_SCREEN_CAPABILITY[screen]} final={final} inEvent>
                  <View />
                </Allowed>
              </Route>
            );
          })}
          <Route path="/">
            <Redirect to={`/${firstEventScreenFor(account.role, final)}`} replace />
          </Route>
          <Route>
            <NotFoundScreen inEvent />
          </Route>
        </Switch>
      </MainArea>
    </EventContext.Provider>
  );
}

/**
 * The event's screens the signed-in role may open, and the way back to all events. On a narrow
 * screen they fold behind one button that names the screen open now (NarrowFold).
 */
function EventNav({ screens }: { screens: readonly EventScreen[] }) {
  const t = useT();
  const [location] = useLocation();
  const current = screens.find((screen) => location === `/${screen}`);
  return (
    <nav aria-label={t('organiser.nav.label')} className={ui.noPrint}>
      <NarrowFold
        label={
          // At an address in the event that is none of its screens, the button names no screen.
          current === undefined
            ? t('organiser.nav.label')
            : t('organiser.nav.menu', { screen: t(EVENT_SCREEN_NAME_KEYS[current]) })
        }
        panelClassName={styles['links']}
      >
        <ul className={styles['nav']}>
          <li>
            <Link href={`~${ORGANISER_BASE}${EVENTS_PATH}`}>{t('organiser.nav.events')}</Link>
          </li>
          {screens.map((screen) => {
            const href = `/${screen}`;
            return (
              <li key={screen}>
                <Link href={href} aria-current={location === href ? 'page' : undefined}>
                  {t(EVENT_SCREEN_NAME_KEYS[screen])}
                </Link>
              </li>
            );
          })}
        </ul>
      </NarrowFold>
    </nav>
  );
}
