/**
 * Ranking ballots: the voter adds projects to a numbered list, favourite first, then puts them in
 * order with "Move up" / "Move down" buttons. No dragging: buttons work the same by touch, mouse,
 * keyboard and screen reader. Every change is announced politely ("… is now number 2").
 *
 * Buttons a voter cannot use right now (the first project's "Move up", "Add" with every place
 * filled) are aria-disabled rather than disabled: they keep keyboard focus where the voter was,
 * and pressing one says why nothing happened instead of doing nothing in silence.
 */
import { useId, useState } from 'react';
import type { Bid, BidId, MethodChoice } from '../../../core/schema.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { BidPicture } from '../BidPicture.tsx';
import cards from '../BidCard.module.css';
import { Local, useEventWords } from '../event-words.tsx';
import { useFocusAfterRender } from './focus-after-render.ts';
import type { EditorProps, ReviewLine } from './registry.ts';
import { rankingPlaces, type PartEvent, type Words } from './rules.ts';

type RankingChoice = Extract<MethodChoice, { kind: 'ranking' }>;

function asRanking(choice: MethodChoice): RankingChoice {
  if (choice.kind === 'ranking') return choice;
  throw new Error(`RankingEditor cannot edit a ${choice.kind} choice.`);
}

function maxRanksOf(event: PartEvent): number {
  if (event.method.kind !== 'ranking') throw new Error('RankingEditor needs a ranking event.');
  return event.method.maxRanks;
}

/** `list` with the item at `from` moved to `to`. */
function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function RankingEditor({ event, bids, choice, onChange }: EditorProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const title = (bid: Bid) => words.title(bid).text;
  const maxRanks = maxRanksOf(event);
  const places = rankingPlaces(event);
  const ranking = asRanking(choice).ranking;
  const byId = new Map(bids.map((b) => [b.id, b]));
  const ranked = ranking.flatMap((id) => byId.get(id) ?? []);
  const pool = bids.filter((b) => !ranking.includes(b.id));
  const full = ranking.length >= maxRanks;
  const [news, setNews] = useState('');
  const { focusable, focusAfterRender } = useFocusAfterRender();
  const ids = { ranking: useId(), pool: useId(), count: useId() };
  const money = (bid: Bid) => f.money(bid.amount, event.currency);

  const countText = (n: number) =>
    n >= maxRanks
      ? t('voter.ranking.full', { count: maxRanks })
      : t('voter.ranking.count', { filled: f.number(n), count: places });

  const change = (next: BidId[], message: string, focusKey: string) => {
    onChange({ kind: 'ranking', ranking: next });
    setNews(message);
    focusAfterRender(focusKey);
  };

  const add = (bid: Bid) => {
    if (full) {
      setNews(t('voter.ranking.refused', { count: maxRanks, title: title(bid) }));
      return;
    }
    const next = [...ranking, bid.id];
    const at = pool.indexOf(bid);
    const rest = pool.filter((b) => b !== bid);
    // Stay in the list being worked through; once it is done, go to the new place in the ranking.
    const stay = next.length < maxRanks ? (rest[at] ?? rest[at - 1]) : undefined;
    change(
      next,
      `${t('voter.ranking.now', { title: title(bid), place: f.number(next.length) })} ${countText(next.length)}`,
      stay ? `add:${stay.id}` : `up:${bid.id}`,
    );
  };

  const move = (bid: Bid, from: number, direction: 'up' | 'down') => {
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= ranking.length) {
      setNews(
        direction === 'up'
          ? t('voter.ranking.already-first', { title: title(bid), place: f.number(1) })
          : t('voter.ranking.already-last', { title: title(bid) }),
      );
      return;
    }
    change(
      moved(ranking, from, to),
      t('voter.ranking.now', { title: title(bid), place: f.number(to + 1) }),
      `${direction}:${bid.id}`,
    );
  };

  const remove = (bid: Bid, from: number) => {
    const next = ranking.filter((id) => id !== bid.id);
    const neighbour = next[from] ?? next[from - 1];
    change(
      next,
      `${t('voter.ranking.removed', { title: title(bid) })} ${countText(next.length)}`,
      neighbour ? `remove:${neighbour}` : 'heading',
    );
  };

  return (
    <div className="ranking-editor">
      <p role="status" className="visually-hidden">
        {news}
      </p>
      <section aria-labelledby={ids.ranking} className="ranking">
        <h2 id={ids.ranking} ref={focusable('heading')} tabIndex={-1}>
          {t('voter.ranking.title')}
        </h2>
        <p id={ids.count} className="ranking-count">
          {countText(ranking.length)}
        </p>
        {ranked.length === 0 ? (
          <p className="ranking-empty">{t('voter.ranking.empty')}</p>
        ) : (
          // role="list" because Safari drops list semantics once the bullets are styled away.
          // eslint-disable-next-line jsx-a11y/no-redundant-roles
          <ol className="ranking-list" role="list">
            {ranked.map((bid, index) => (
              <li key={bid.id} className="ranked">
                <span className="rank-number">
                  <span className="visually-hidden">{t('voter.ranking.number')} </span>
                  {f.number(index + 1)}
                </span>
                <span className="choice-text">
                  <Local className="choice-title" text={words.title(bid)} />
                  <span className="amount">{money(bid)}</span>
                </span>
                <span className="ranking-buttons">
                  <RankButton
                    label={t('voter.ranking.up')}
                    title={title(bid)}
                    unavailable={index === 0}
                    buttonRef={focusable(`up:${bid.id}`)}
                    onPress={() => move(bid, index, 'up')}
                  />
                  <RankButton
                    label={t('voter.ranking.down')}
                    title={title(bid)}
                    unavailable={index === ranked.length - 1}
                    buttonRef={focusable(`down:${bid.id}`)}
                    onPress={() => move(bid, index, 'down')}
                  />
                  <RankButton
                    label={t('voter.ranking.remove')}
                    title={title(bid)}
                    buttonRef={focusable(`remove:${bid.id}`)}
                    onPress={() => remove(bid, index)}
                  />
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby={ids.pool} className="ranking-pool">
        <h2 id={ids.pool}>{t('voter.ranking.pool')}</h2>
        {pool.length === 0 ? (
          <p>{t('voter.ranking.all-added')}</p>
        ) : (
          // eslint-disable-next-line jsx-a11y/no-redundant-roles
          <ul className={cards['grid']} role="list">
            {pool.map((bid) => (
              <li key={bid.id} className={`${cards['cell']} ${cards['card']} pool-card`}>
                <BidPicture
                  event={event}
                  bid={bid}
                  size="small"
                  decorative
                  className={cards['picture']}
                />
                <span className="choice-text">
                  <Local className="choice-title" text={words.title(bid)} />
                  <span className="amount">{money(bid)}</span>
                  <span className="group">{t('voter.bid.by', { group: bid.group })}</span>
                </span>
                <RankButton
                  label={t('voter.ranking.add')}
                  title={title(bid)}
                  unavailable={full}
                  describedBy={full ? ids.count : undefined}
                  buttonRef={focusable(`add:${bid.id}`)}
                  onPress={() => add(bid)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

interface RankButtonProps {
  label: string;
  /** The project's title in the voter's language. */
  title: string;
  unavailable?: boolean;
  describedBy?: string | undefined;
  buttonRef: (element: HTMLElement | null) => void;
  onPress: () => void;
}

/**
 * The visible words come first in the accessible name ("Move up: Youth cooking club"), so a
 * voice-control user can say what they see (WCAG 2.5.3), and a screen-reader user hears which
 * project each of the many "Move up" buttons belongs to.
 */
function RankButton({
  label,
  title,
  unavailable,
  describedBy,
  buttonRef,
  onPress,
}: RankButtonProps) {
  const t = useT();
  return (
    <button
      type="button"
      ref={buttonRef}
      className="button rank-button"
      aria-disabled={unavailable ? true : undefined}
      aria-describedby={describedBy}
      onClick={onPress}
    >
      {label}
      <span className="visually-hidden">{t('voter.ranking.button-for', { title })}</span>
    </button>
  );
}

export function rankingReviewLines(
  choice: MethodChoice,
  bids: ReadonlyMap<BidId, Bid>,
  { t, f }: Words,
): ReviewLine[] {
  return asRanking(choice).ranking.flatMap((id, index) => {
    const bid = bids.get(id);
    return bid ? [{ bid, detail: t('voter.ranking.place', { place: f.number(index + 1) }) }] : [];
  });
}
