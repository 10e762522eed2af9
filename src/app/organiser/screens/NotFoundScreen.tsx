/** An address inside /organiser that names no screen or no event (an old bookmark, a typo). */
import { Link } from 'wouter';
import { ScreenHeading } from '../components/ui.tsx';
import { MainArea } from '../layout/MainArea.tsx';
import { EVENTS_PATH, ORGANISER_BASE } from '../routes.ts';
import { useT } from '../../i18n/react.tsx';

export function NotFoundScreen({ inEvent = false }: { inEvent?: boolean }) {
  const t = useT();
  const body = (
    <>
      <ScreenHeading title={t('organiser.not-found.title')}>
        {t('organiser.not-found.title')}
      </ScreenHeading>
      <p>{t('organiser.not-found.body')}</p>
      <p>
        <Link href={`~${ORGANISER_BASE}${EVENTS_PATH}`}>{t('organiser.not-found.events')}</Link>
      </p>
    </>
  );
  // Inside an event the event's own <main> is already there.
  return inEvent ? body : <MainArea>{body}</MainArea>;
}
