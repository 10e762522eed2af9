/** Every project as a card, in this ballot's random order, before any choosing. */
import { useState } from 'react';
import type { Bid, EventDefinition } from '../../core/schema.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { BidDetails } from './BidDetails.tsx';
import { BidPicture } from './BidPicture.tsx';
import cards from './BidCard.module.css';
import { CancelBallot } from './CancelBallot.tsx';
import { fill, Local, SLOT, useEventWords } from './event-words.tsx';
import { ReadAloud } from './ReadAloud.tsx';

export function BrowseScreen({ event, bids }: { event: EventDefinition; bids: Bid[] }) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const goTo = useSession((s) => s.goTo);
  const easyRead = useSession((s) => s.display.easyRead);
  const [open, setOpen] = useState<Bid>();
  return (
    <Screen title={t('voter.browse.title')}>
      <p className="lead">{t('voter.browse.lead')}</p>
      {/* eslint-disable-next-line jsx-a11y/no-redundant-roles -- Safari drops list semantics once bullets are styled away */}
      <ul className={cards['grid']} role="list">
        {bids.map((bid) => {
          const title = words.title(bid);
          const category = words.category(bid);
          const easy = easyRead ? words.bid(bid, 'easyRead') : undefined;
          const text = easy ?? words.bid(bid, 'summary');
          const amount = f.money(bid.amount, event.currency);
          return (
            <li key={bid.id} className={cards['cell']}>
              <article className={`${cards['card']} ${easy ? cards['easy'] : ''}`}>
                <BidPicture event={event} bid={bid} size="large" className={cards['picture']} />
                <div className={cards['body']}>
                  <Local as="h2" text={title} />
                  <p className="amount">{amount}</p>
                  <p className="group">
                    {fill(t('voter.bid.from', { group: SLOT }), <Local text={words.group(bid)} />)}
                    {category && (
                      <>
                        {' · '}
                        <Local text={category} />
                      </>
                    )}
                  </p>
                  {text && (
                    <Local as="p" text={text} className={easy ? cards['easyText'] : undefined} />
                  )}
                  <div className={cards['buttons']}>
                    <button
                      type="button"
                      className="button secondary"
                      aria-label={t('voter.browse.read-more-about', { title: title.text })}
                      onClick={() => setOpen(bid)}
                    >
                      {t('voter.browse.read-more')}
                    </button>
                    <ReadAloud
                      text={[title.text, amount, text?.text ?? ''].join('. ')}
                      lang={text?.lang ?? title.lang}
                      what={title.text}
                    />
                  </div>
                </div>
              </article>
            </li>
          );
        })}
      </ul>
      <div className="actions sticky sticky-bottom">
        <button type="button" className="button primary" onClick={() => goTo('choose')}>
          {t('voter.browse.next')}
        </button>
        <CancelBallot />
      </div>
      {open && <BidDetails event={event} bid={open} onClose={() => setOpen(undefined)} />}
    </Screen>
  );
}
