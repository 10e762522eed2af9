import type { Bid, EventDefinition } from '../../core/schema.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { Modal } from '../shared/Modal.tsx';
import { BidPicture } from './BidPicture.tsx';
import { Local, useEventWords } from './event-words.tsx';

interface BidDetailsProps {
  event: EventDefinition;
  bid: Bid;
  onClose: () => void;
}

export function BidDetails({ event, bid, onClose }: BidDetailsProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const category = words.category(bid);
  const summary = words.bid(bid, 'summary');
  const details = words.bid(bid, 'details');
  const title = words.title(bid);
  return (
    <Modal
      title={title.text}
      titleLang={title.lang === f.locale ? undefined : title.lang}
      onClose={onClose}
    >
      <BidPicture event={event} bid={bid} size="large" />
      <dl className="facts">
        <dt>{t('voter.details.asking')}</dt>
        <dd className="amount">{f.money(bid.amount, event.currency)}</dd>
        <dt>{t('voter.details.from')}</dt>
        <dd>
          <Local text={words.group(bid)} />
        </dd>
        {category && (
          <>
            <dt>{t('voter.details.area')}</dt>
            <dd>
              <Local text={category} />
            </dd>
          </>
        )}
      </dl>
      {summary && <Local as="p" text={summary} />}
      {details && <Local as="p" text={details} />}
      <div className="actions">
        <button type="button" className="button primary" data-autofocus onClick={onClose}>
          {t('voter.details.close')}
        </button>
      </div>
    </Modal>
  );
}
