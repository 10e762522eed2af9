import { useEffect } from 'react';
import type { EventDefinition } from '../../core/schema.ts';
import { useT } from '../i18n/react.tsx';
import { useServices } from '../shared/services.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { EqualitiesOffer } from './questions/EqualitiesOffer.tsx';

/** Shown only after the ballot is stored; returns to the start by itself for the next voter. */
export function ThanksScreen({ event }: { event?: EventDefinition }) {
  const t = useT();
  const { timings } = useServices();
  const backToWelcome = useSession((s) => s.backToWelcome);
  useEffect(() => {
    const timer = setTimeout(backToWelcome, timings.thanksMs);
    return () => clearTimeout(timer);
  }, [backToWelcome, timings.thanksMs]);
  return (
    <Screen title={t('voter.thanks.title')} className="thanks">
      <p className="lead">{t('voter.thanks.lead')}</p>
      <div className="actions">
        <button type="button" className="button primary" onClick={backToWelcome}>
          {t('voter.thanks.finish')}
        </button>
      </div>
      {event && <EqualitiesOffer event={event} />}
    </Screen>
  );
}
