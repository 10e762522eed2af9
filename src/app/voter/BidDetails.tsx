import { formatMoney } from '../../core/money.ts';
import type { Bid, EventDefinition } from '../../core/schema.ts';
import { Modal } from '../shared/Modal.tsx';
import { BidPicture } from './BidPicture.tsx';

interface BidDetailsProps {
  event: EventDefinition;
  bid: Bid;
  onClose: () => void;
}

export function BidDetails({ event, bid, onClose }: BidDetailsProps) {
  const category = event.categories.find((c) => c.id === bid.category);
  return (
    <Modal title={bid.title} onClose={onClose}>
      <BidPicture bid={bid} size="large" />
      <dl className="facts">
        <dt>Asking for</dt>
        <dd className="amount">{formatMoney(bid.amount, event.currency, event.locale)}</dd>
        <dt>From</dt>
        <dd>{bid.group}</dd>
        {category && (
          <>
            <dt>Area</dt>
            <dd>{category.name}</dd>
          </>
        )}
      </dl>
      <p>{bid.summary}</p>
      {bid.details && <p>{bid.details}</p>}
      <div className="actions">
        <button type="button" className="button primary" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
