/**
 * The thank-you screen's offer to answer the equalities questions, when the event asks them. Kept
 * apart from EqualitiesSteps so the thank-you screen does not load the questions themselves.
 */
import type { EventDefinition } from '../../../core/schema.ts';
import { useT } from '../../i18n/react.tsx';
import { useSession } from '../../shared/session-context.ts';

/** On the thank-you screen: the offer to answer, when the event asks equalities questions. */
export function EqualitiesOffer({ event }: { event: EventDefinition }) {
  const t = useT();
  const goTo = useSession((s) => s.goTo);
  const count = event.checkIn?.equalities?.length ?? 0;
  if (count === 0) return null;
  return (
    <section className="actions" aria-labelledby="equalities-offer">
      <p id="equalities-offer">{t('questions.equalities.offer.hint')}</p>
      <button type="button" className="button secondary" onClick={() => goTo('equalities')}>
        {t('questions.equalities.offer', { count })}
      </button>
    </section>
  );
}
