/**
 * Cumulative ballots: the voter shares a handful of points between projects, one point at a time,
 * with a "−" and a "+" beside each project. A running "N of M points given" is announced politely
 * after every tap, with the project and its new points first so the voter hears what changed.
 *
 * A "+" that cannot be used (the project has the most one project may have, or every point is
 * given) is aria-disabled rather than disabled: focus stays on it, the reason is written on the
 * screen, and pressing it says the reason again instead of silently doing nothing.
 */
import { useId, useState } from 'react';
import type { BallotMethod, Bid, BidId, MethodChoice } from '../../../core/schema.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { BidPicture } from '../BidPicture.tsx';
import cards from '../BidCard.module.css';
import { Local, useEventWords } from '../event-words.tsx';
import type { EditorProps, ReviewLine } from './registry.ts';
import type { PartEvent, Words } from './rules.ts';

type CumulativeChoice = Extract<MethodChoice, { kind: 'cumulative' }>;
type CumulativeMethod = Extract<BallotMethod, { kind: 'cumulative' }>;

function asCumulative(choice: MethodChoice): CumulativeChoice {
  if (choice.kind === 'cumulative') return choice;
  throw new Error(`CumulativeEditor cannot edit a ${choice.kind} choice.`);
}

function methodOf(event: PartEvent): CumulativeMethod {
  if (event.method.kind === 'cumulative') return event.method;
  throw new Error('CumulativeEditor needs a cumulative event.');
}

export function CumulativeEditor({ event, bids, choice, onChange }: EditorProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const title = (bid: Bid) => words.title(bid).text;
  const pointsText = (n: number) => t('voter.points.count', { count: n });
  const m = methodOf(event);
  const given = new Map(asCumulative(choice).points.map((p) => [p.bid, p.points]));
  const total = [...given.values()].reduce((sum, n) => sum + n, 0);
  const left = m.points - total;
  const [news, setNews] = useState('');
  const idBase = useId();
  const allGivenId = `${idBase}-all-given`;
  const money = (bid: Bid) => f.money(bid.amount, event.currency);

  const status = t('voter.points.status', { given: f.number(total), count: m.points });
  const allGiven = left <= 0 ? t('voter.points.all-given') : '';

  /** Why this project cannot have another point, in words for the voter; '' if it can. */
  const whyNoMore = (bid: Bid) => {
    if ((given.get(bid.id) ?? 0) >= m.maxPerBid) {
      return t('voter.points.at-cap', { title: title(bid), count: m.maxPerBid });
    }
    return left <= 0 ? allGiven : '';
  };

  const step = (bid: Bid, by: 1 | -1) => {
    const now = given.get(bid.id) ?? 0;
    const refusal =
      by === 1 ? whyNoMore(bid) : now === 0 ? t('voter.points.none', { title: title(bid) }) : '';
    if (refusal) {
      setNews(refusal);
      return;
    }
    const next = now + by;
    // Kept in the ballot's display order, and only projects with points: the ballot format
    // has no "0 points" entry.
    const points = bids.flatMap((b) => {
      const n = b.id === bid.id ? next : (given.get(b.id) ?? 0);
      return n > 0 ? [{ bid: b.id, points: n }] : [];
    });
    onChange({ kind: 'cumulative', points });
    setNews(t('voter.points.news', { title: title(bid), count: next }));
  };

  return (
    <div className="cumulative-editor">
      <div className="meter sticky-top">
        {/* Atomic, so the change and the new total are read together after every tap. */}
        <p role="status" aria-atomic="true" className="meter-text meter-money">
          {news && <span className="visually-hidden">{news} </span>}
          {status}
        </p>
        {allGiven && (
          <p id={allGivenId} className="points-note">
            {allGiven}
          </p>
        )}
      </div>
      {/* eslint-disable-next-line jsx-a11y/no-redundant-roles -- Safari drops list semantics once bullets are styled away */}
      <ul className={cards['grid']} role="list">
        {bids.map((bid) => {
          const points = given.get(bid.id) ?? 0;
          const whyNot = whyNoMore(bid);
          const titleId = `${idBase}-${bid.id}`;
          const capId = `${titleId}-cap`;
          const atCap = points >= m.maxPerBid;
          return (
            <li key={bid.id} className={cards['cell']}>
              <div
                role="group"
                aria-labelledby={titleId}
                className={`${cards['card']} points-group ${points > 0 ? `${cards['chosen']} chosen` : ''}`}
              >
                <BidPicture
                  event={event}
                  bid={bid}
                  size="small"
                  decorative
                  className={cards['picture']}
                />
                <span className="choice-text">
                  <Local id={titleId} className="choice-title" text={words.title(bid)} />
                  <span className="amount">{money(bid)}</span>
                </span>
                <span className="stepper">
                  <button
                    type="button"
                    className="button stepper-button"
                    aria-disabled={points === 0 ? true : undefined}
                    onClick={() => step(bid, -1)}
                  >
                    <span aria-hidden="true">−</span>
                    <span className="visually-hidden">
                      {t('voter.points.less', { title: title(bid) })}
                    </span>
                  </button>
                  <span className="points-value">{pointsText(points)}</span>
                  <button
                    type="button"
                    className="button stepper-button"
                    aria-disabled={whyNot ? true : undefined}
                    aria-describedby={whyNot ? (atCap ? capId : allGivenId) : undefined}
                    onClick={() => step(bid, 1)}
                  >
                    <span aria-hidden="true">+</span>
                    <span className="visually-hidden">
                      {t('voter.points.more', { title: title(bid) })}
                    </span>
                  </button>
                </span>
                {atCap && (
                  <p id={capId} className="points-note">
                    {whyNot}
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function cumulativeReviewLines(
  choice: MethodChoice,
  bids: ReadonlyMap<BidId, Bid>,
  { t }: Words,
): ReviewLine[] {
  return asCumulative(choice).points.flatMap(({ bid: id, points }) => {
    const bid = bids.get(id);
    return bid ? [{ bid, detail: t('voter.points.count', { count: points }) }] : [];
  });
}
