/**
 * Bid titles (and pot names) in the organiser's language when the organiser gave a translation, else in the
 * event's own language, marked with `lang` so a screen reader reads them with the right voice.
 */
import { useLingui } from '@lingui/react';
import { bidText, potName, type LocalText } from '../../../core/event-text.ts';
import type { EventDefinition } from '../../../core/schema.ts';

export function useBidTitle(event: EventDefinition): (bidId: string) => LocalText {
  const { i18n } = useLingui();
  const bids = new Map(event.bids.map((b) => [b.id, b]));
  return (bidId) => {
    const bid = bids.get(bidId);
    const text = bid === undefined ? undefined : bidText(event, bid, 'title', i18n.locale);
    // An id the event does not have (a bug elsewhere) is shown as it is rather than hidden.
    return text ?? { text: bidId, lang: i18n.locale };
  };
}

/** Pot names the same way: the translation for the organiser's language, or the pot's own name. */
export function usePotName(event: EventDefinition): (potId: string) => LocalText {
  const { i18n } = useLingui();
  const pots = new Map(event.pots.map((p) => [p.id, p]));
  return (potId) => {
    const pot = pots.get(potId);
    return pot === undefined
      ? { text: potId, lang: i18n.locale }
      : potName(event, pot, i18n.locale);
  };
}

/** A bid's title, marked with its language when that is not the page's. */
export function BidTitle({ title }: { title: LocalText }) {
  const { i18n } = useLingui();
  return title.lang === i18n.locale ? (
    <>{title.text}</>
  ) : (
    <span lang={title.lang}>{title.text}</span>
  );
}
