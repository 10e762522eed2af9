/**
 * The organiser's words (event, bids, categories) in the voter's language. Each comes with the
 * language it is really written in: where the organiser gave no translation, the event's own text
 * shows, and `<Local>` marks it with `lang` so a screen reader reads it with the right voice.
 */
import { Fragment, useMemo, type ReactNode } from 'react';
import {
  bidText,
  categoryName,
  eventLanguage,
  eventText,
  sectionText,
  type LocalText,
} from '../../core/event-text.ts';
import type { BallotSection, Bid, EventDefinition } from '../../core/schema.ts';
import { useFormat } from '../i18n/react.tsx';

export type { LocalText };

export function useEventWords(event: EventDefinition) {
  const { locale } = useFormat();
  return useMemo(() => {
    const own = eventLanguage(event);
    const categories = new Map(event.categories.map((c) => [c.id, c]));
    return {
      language: locale,
      /** The bid's title; a title is required, so there is always one. */
      title: (bid: Bid): LocalText =>
        bidText(event, bid, 'title', locale) ?? { text: bid.title, lang: own },
      bid: (bid: Bid, field: 'summary' | 'details' | 'easyRead' | 'imageAlt') =>
        bidText(event, bid, field, locale),
      /** Group names are proper names: never translated, always in the event's language. */
      group: (bid: Bid): LocalText => ({ text: bid.group, lang: own }),
      category: (bid: Bid): LocalText | undefined => {
        const category = bid.category ? categories.get(bid.category) : undefined;
        return category ? categoryName(event, category, locale) : undefined;
      },
      categoryById: (id: string): LocalText | undefined => {
        const category = categories.get(id);
        return category ? categoryName(event, category, locale) : undefined;
      },
      event: (field: 'name' | 'welcome' | 'eligibility'): LocalText | undefined =>
        eventText(event, field, locale),
      name: (): LocalText => eventText(event, 'name', locale) ?? { text: event.name, lang: own },
      /** A ballot section's title (always given) or intro. */
      section: (section: BallotSection): LocalText =>
        sectionText(event, section, 'title', locale) ?? { text: section.title, lang: own },
      sectionIntro: (section: BallotSection) => sectionText(event, section, 'intro', locale),
      /** Ward names are the organiser's, never translated. */
      ward: (ward: string): LocalText => ({ text: ward, lang: own }),
    };
  }, [event, locale]);
}

export type EventWords = ReturnType<typeof useEventWords>;

type LocalTag = 'span' | 'p' | 'h2' | 'h3' | 'strong';

interface LocalProps {
  text: LocalText;
  as?: LocalTag;
  className?: string | undefined;
  id?: string | undefined;
}

/** An organiser's text, marked with its language where that differs from the screen's. */
export function Local({ text, as: Tag = 'span', className, id }: LocalProps) {
  const { locale } = useFormat();
  return (
    <Tag className={className} id={id} lang={text.lang === locale ? undefined : text.lang}>
      {text.text}
    </Tag>
  );
}

/**
 * A placeholder value for `t()` that marks where an element goes in the worded sentence, so each
 * language keeps its own word order: `fill(t('voter.bid.from', { group: SLOT }), <Local … />)`.
 */
export const SLOT = '\u2063';

export function fill(message: string, ...parts: ReactNode[]): ReactNode {
  const pieces = message.split(SLOT);
  return pieces.map((piece, i) => (
    <Fragment key={i}>
      {piece}
      {i < parts.length && i < pieces.length - 1 ? parts[i] : null}
    </Fragment>
  ));
}
