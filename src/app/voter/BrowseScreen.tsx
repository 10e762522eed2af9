/** Every project as a card, in this ballot's random order, before any choosing. */
import { useState } from 'react';
import { formatMoney } from '../../core/money.ts';
import type { Bid, EventDefinition } from '../../core/schema.ts';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { BidDetails } from './BidDetails.tsx';
import { BidPicture } from './BidPicture.tsx';
import { CancelBallot } from './CancelBallot.tsx';

export function BrowseScreen({ event, bids }: { event: EventDefinition; bids: Bid[] }) {
  const goTo = useSession((s) => s.goTo);
  const [open, setOpen] = useState<Bid>();
  const categories = new Map(event.categories.map((c) => [c.id, c.name]));
  return (
    <Screen title="The projects">
      <p className="lead">Read about the projects. Then choose the ones you want.</p>
      <ul className="cards">
        {bids.map((bid) => (
          <li key={bid.id}>
            <article className="card">
              <BidPicture bid={bid} size="small" />
              <div className="card-body">
                <h2>{bid.title}</h2>
                <p className="amount">{formatMoney(bid.amount, event.currency, event.locale)}</p>
                <p className="group">
                  From {bid.group}
                  {bid.category && categories.has(bid.category) && (
                    <> · {categories.get(bid.category)}</>
                  )}
                </p>
                <p>{bid.summary}</p>
                <button type="button" className="button secondary" onClick={() => setOpen(bid)}>
                  Read more<span className="visually-hidden"> about {bid.title}</span>
                </button>
              </div>
            </article>
          </li>
        ))}
      </ul>
      <div className="actions sticky">
        <button type="button" className="button primary" onClick={() => goTo('choose')}>
          Next: choose projects
        </button>
        <CancelBallot />
      </div>
      {open && <BidDetails event={event} bid={open} onClose={() => setOpen(undefined)} />}
    </Screen>
  );
}
