import type { Bid, EventDefinition } from '../../core/schema.ts';
import { useFormat } from '../i18n/react.tsx';
import { useEventWords } from './event-words.tsx';

interface BidPictureProps {
  event: EventDefinition;
  bid: Bid;
  size: 'small' | 'large';
  /** Inside a checkbox's label the alt text would be read as part of its name: leave it out. */
  decorative?: boolean;
  className?: string | undefined;
}

/** Bid pictures ship with the app (public/images), so they work offline; paths are app-relative. */
export function BidPicture({ event, bid, size, decorative = false, className }: BidPictureProps) {
  const words = useEventWords(event);
  const { locale } = useFormat();
  if (!bid.image) return null;
  const px = size === 'small' ? 96 : 320;
  const alt = decorative ? undefined : words.bid(bid, 'imageAlt');
  return (
    <img
      // A caller's own class sizes the picture (a card, the tray); otherwise the size's default.
      className={className ? `bid-picture ${className}` : `bid-picture bid-picture-${size}`}
      src={`${import.meta.env.BASE_URL}${bid.image}`}
      alt={alt?.text ?? ''}
      lang={alt && alt.lang !== locale ? alt.lang : undefined}
      width={px}
      height={px}
    />
  );
}
