/** Every project as a card, in this ballot's random order, before any choosing. */
import { useState } from 'react';
import type { Bid, EventDefinition } from '../../core/schema.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { BidDetails } from './BidDetails.tsx';
import { BidPicture } from './BidPicture.tsx';
import { CancelBallot } from './CancelBallot.tsx';
import { fill, Local, SLOT, useEventWords } from './event-words.tsx';

export function BrowseScreen({ event, bids }: { event: EventDefinition; bids: Bid[] }) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const goTo = useSession((s) => s.goTo);
  const [open, setOpen] = useState<Bid>();
  return (
    <Screen title={t('voter.browse.title')}>
      <p className="lead">{t('voter.browse.lead')}</p>
      <ul className="cards">
        {bids.map((bid) => {
          const title = words.title(bid);
          const category = words.category(bid);
          const summary = words.bid(bid, 'summary');
          return (
            <li key={bid.id}>
              <article className="card">
                <BidPicture event={event} bid={bid} size="small" />
                <div className="card-body">
                  <Local as="h2" text={title} />
                  <p className="amount">{f.money(bid.amount, event.currency)}</p>
                  <p className="group">
                    {fill(t('voter.bid.from', { group: SLOT }), <Local text={words.group(bid)} />)}
                    {category && (
                      <>
                        {' · '}
                        <Local text={category} />
                      </>
                    )}
                  </p>
                  {summary && <Local as="p" text={summary} />}
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={t('voter.browse.read-more-about', { title: title.text })}
                    onClick={() => setOpen(bid)}
                  >
                    {t('voter.browse.read-more')}
                  </button>
                </div>
              </article>
            </li>
          );
        })}
      </ul>
      <div className="actions sticky">
        <button type="button" className="button primary" onClick={() => goTo('choose')}>
          {t('voter.browse.next')}
        </button>
        <CancelBallot />
      </div>
      {open && <BidDetails event={event} bid={open} onClose={() => setOpen(undefined)} />}
    </Screen>
  );
}
