import type { Bid } from '../../core/schema.ts';

interface BidPictureProps {
  bid: Bid;
  size: 'small' | 'large';
  /** Inside a checkbox's label the alt text would be read as part of its name: leave it out. */
  decorative?: boolean;
}

/** Bid pictures ship with the app (public/images), so they work offline; paths are app-relative. */
export function BidPicture({ bid, size, decorative = false }: BidPictureProps) {
  if (!bid.image) return null;
  const px = size === 'small' ? 72 : 240;
  return (
    <img
      className={`bid-picture bid-picture-${size}`}
      src={`${import.meta.env.BASE_URL}${bid.image}`}
      alt={decorative ? '' : (bid.imageAlt ?? '')}
      width={px}
      height={px}
    />
  );
}
