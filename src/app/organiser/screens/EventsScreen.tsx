/** After sign-in: the events this tally server holds, each opening its own screens. */
import { Link } from 'wouter';
import { LoadProblem, ScreenHeading } from '../components/ui.tsx';
import { MainArea } from '../layout/MainArea.tsx';
import { eventPath, NEW_EVENT_PATH } from '../routes.ts';
import { firstEventScreenFor } from '../session/access.tsx';
import { usePermission, useSession } from '../session/session.tsx';
import { useEvents, useUnavailableEvents } from '../session/queries.ts';
import { useProblemText } from '../../i18n/problems.ts';
import { useT } from '../../i18n/react.tsx';
import styles from './EventsScreen.module.css';

export function EventsScreen() {
  const t = useT();
  const events = useEvents();
  const unavailable = useUnavailableEvents();
  const say = useProblemText();
  const { account } = useSession();
  const can = usePermission();

  return (
    <MainArea busy={events.isFetching}>
      <ScreenHeading title={t('organiser.events.title')}>
        {t('organiser.events.title')}
      </ScreenHeading>
      {can('events') === 'allowed' && (
        <p>
          <Link href={NEW_EVENT_PATH}>{t('editor.new.title')}</Link>
        </p>
      )}
      {events.isPending && <p role="status">{t('organiser.events.loading')}</p>}
      {events.isError && <LoadProblem error={events.error} onRetry={() => void events.refetch()} />}
      {events.isSuccess && events.data.length === 0 && (unavailable.data?.length ?? 0) === 0 && (
        <>
          <h2>{t('organiser.events.none.title')}</h2>
          <p>{t('organiser.events.none.body')}</p>
        </>
      )}
      {events.isSuccess && events.data.length > 0 && (
        <ul className={styles['list']}>
          {events.data.map((event) => (
            <li key={event.id} className={styles['event']}>
              <h2 className={styles['name']}>
                <Link
                  href={eventPath(
                    event.id,
                    firstEventScreenFor(account.role, event.state === 'final'),
                  )}
                >
                  {event.name}
                </Link>
              </h2>
              <p>{t('organiser.events.ballots', { count: event.ballots })}</p>
              <p>
                {t('organiser.events.join-code')} <span dir="ltr">{event.joinCode}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {unavailable.isSuccess && unavailable.data.length > 0 && (
        <section aria-labelledby="unavailable-events">
          <h2 id="unavailable-events">{t('organiser.events.unavailable.title')}</h2>
          <p>{t('organiser.events.unavailable.body')}</p>
          <ul className={styles['list']}>
            {unavailable.data.map((event) => (
              <li key={event.id} className={`${styles['event']} ${styles['damaged']}`}>
                <h3 className={styles['name']}>{event.name ?? event.id}</h3>
                <p>
                  {t('organiser.events.unavailable.id')} <span dir="ltr">{event.id}</span>
                </p>
                <p>
                  {event.problem === undefined
                    ? t('organiser.events.unavailable.unreadable')
                    : say('tally-file', event.problem)}
                </p>
              </li>
            ))}
          </ul>
          <p>{t('organiser.events.unavailable.fix')}</p>
        </section>
      )}
    </MainArea>
  );
}
