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
import { formatMoney } from '../../../core/money.ts';
import type { BallotMethod, Bid, BidId, Choice, EventDefinition } from '../../../core/schema.ts';
import type { EditorProps, MethodEditor, ReviewLine } from './registry.ts';

type CumulativeChoice = Extract<Choice, { kind: 'cumulative' }>;
type CumulativeMethod = Extract<BallotMethod, { kind: 'cumulative' }>;

function asCumulative(choice: Choice): CumulativeChoice {
  if (choice.kind === 'cumulative') return choice;
  throw new Error(`CumulativeEditor cannot edit a ${choice.kind} choice.`);
}

function methodOf(event: EventDefinition): CumulativeMethod {
  if (event.method.kind === 'cumulative') return event.method;
  throw new Error('CumulativeEditor needs a cumulative event.');
}

const pointsText = (n: number) => (n === 1 ? '1 point' : `${n} points`);

/** One tap per point: beyond this many, tapping "+" gets tiring and another editor is needed. */
const MAX_STEPPER_POINTS = 20;

export function CumulativeEditor({ event, bids, choice, onChange }: EditorProps) {
  const m = methodOf(event);
  const given = new Map(asCumulative(choice).points.map((p) => [p.bid, p.points]));
  const total = [...given.values()].reduce((sum, n) => sum + n, 0);
  const left = m.points - total;
  const [news, setNews] = useState('');
  const idBase = useId();
  const allGivenId = `${idBase}-all-given`;
  const money = (bid: Bid) => formatMoney(bid.amount, event.currency, event.locale);

  const status = `${total} of ${m.points} points given.`;
  const allGiven =
    left <= 0 ? 'You have given all your points. Take one off a project to give it elsewhere.' : '';

  /** Why this project cannot have another point, in words for the voter; '' if it can. */
  const whyNoMore = (bid: Bid) => {
    if ((given.get(bid.id) ?? 0) >= m.maxPerBid) {
      return `${bid.title} has ${pointsText(m.maxPerBid)}, the most one project can have.`;
    }
    return left <= 0 ? allGiven : '';
  };

  const step = (bid: Bid, by: 1 | -1) => {
    const now = given.get(bid.id) ?? 0;
    const refusal = by === 1 ? whyNoMore(bid) : now === 0 ? `${bid.title} has no points.` : '';
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
    setNews(`${bid.title}: ${pointsText(next)}.`);
  };

  return (
    <div className="cumulative-editor">
      <div className="meter">
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
      <ul className="points-list" role="list">
        {bids.map((bid) => {
          const points = given.get(bid.id) ?? 0;
          const whyNot = whyNoMore(bid);
          const titleId = `${idBase}-${bid.id}`;
          const capId = `${titleId}-cap`;
          const atCap = points >= m.maxPerBid;
          return (
            <li key={bid.id} className={points > 0 ? 'points-row chosen' : 'points-row'}>
              <div role="group" aria-labelledby={titleId} className="points-group">
                <span className="choice-text">
                  <span id={titleId} className="choice-title">
                    {bid.title}
                  </span>
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
                    <span className="visually-hidden">One point less for {bid.title}</span>
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
                    <span className="visually-hidden">One point more for {bid.title}</span>
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

export function cumulativeReviewLines(choice: Choice, bids: ReadonlyMap<BidId, Bid>): ReviewLine[] {
  return asCumulative(choice).points.flatMap(({ bid: id, points }) => {
    const bid = bids.get(id);
    return bid ? [{ bid, detail: pointsText(points) }] : [];
  });
}

export const CUMULATIVE_EDITOR: MethodEditor = {
  instructions: (event) => {
    const m = methodOf(event);
    const cap =
      m.maxPerBid < m.points ? ` No more than ${pointsText(m.maxPerBid)} on one project.` : '';
    return `You have ${pointsText(m.points)} to share between the projects you like. Give more points to the ones you like most.${cap}`;
  },
  emptyChoice: () => ({ kind: 'cumulative', points: [] }),
  Editor: CumulativeEditor,
  reviewLines: cumulativeReviewLines,
  supports: (method) => method.kind === 'cumulative' && method.points <= MAX_STEPPER_POINTS,
};
