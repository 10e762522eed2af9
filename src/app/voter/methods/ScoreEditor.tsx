/**
 * Score ballots: a card per project (a grid with pictures on a tablet, one column on a phone), each
 * with a row of radio buttons from the lowest score to the highest.
 */
import { useId } from 'react';
import type { Bid, BidId, MethodChoice } from '../../../core/schema.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { BidPicture } from '../BidPicture.tsx';
import cards from '../BidCard.module.css';
import { Local, useEventWords } from '../event-words.tsx';
import type { EditorProps, ReviewLine } from './registry.ts';
import type { Words } from './rules.ts';

type ScoreChoice = Extract<MethodChoice, { kind: 'score' }>;

function asScore(choice: MethodChoice): ScoreChoice {
  if (choice.kind === 'score') return choice;
  throw new Error(`ScoreEditor cannot edit a ${choice.kind} choice.`);
}

export function ScoreEditor({ event, bids, choice, onChange }: EditorProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const idBase = useId();
  const m = event.method;
  if (m.kind !== 'score') throw new Error('ScoreEditor needs a score event.');
  const current = new Map(asScore(choice).scores.map((s) => [s.bid, s.score]));
  const values = Array.from({ length: m.max - m.min + 1 }, (_, i) => m.min + i);

  const give = (bid: BidId, score: number | null) => {
    current.set(bid, score);
    onChange({ kind: 'score', scores: [...current].map(([b, s]) => ({ bid: b, score: s })) });
  };

  return (
    // eslint-disable-next-line jsx-a11y/no-redundant-roles -- Safari drops list semantics once bullets are styled away
    <ul className={cards['grid']} role="list">
      {bids.map((bid) => {
        const titleId = `${idBase}-${bid.id}`;
        return (
          <li key={bid.id} className={cards['cell']}>
            <div
              role="group"
              aria-labelledby={titleId}
              className={`${cards['card']} ${current.has(bid.id) ? cards['chosen'] : ''}`}
            >
              <BidPicture
                event={event}
                bid={bid}
                size="small"
                decorative
                className={cards['picture']}
              />
              <span id={titleId} className="choice-text">
                <Local className="choice-title" text={words.title(bid)} />{' '}
                <span className="amount">{f.money(bid.amount, event.currency)}</span>
              </span>
              <div className="score-options">
                {values.map((value) => (
                  <label key={value} className="score-option">
                    <input
                      type="radio"
                      name={`score-${bid.id}`}
                      checked={current.get(bid.id) === value}
                      onChange={() => give(bid.id, value)}
                    />
                    {f.number(value)}
                  </label>
                ))}
                {m.allowNoOpinion && (
                  <label className="score-option">
                    <input
                      type="radio"
                      name={`score-${bid.id}`}
                      checked={current.has(bid.id) && current.get(bid.id) === null}
                      onChange={() => give(bid.id, null)}
                    />
                    {t('voter.score.no-opinion')}
                  </label>
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function scoreReviewLines(
  choice: MethodChoice,
  bids: ReadonlyMap<BidId, Bid>,
  { t, f }: Words,
): ReviewLine[] {
  return asScore(choice).scores.flatMap(({ bid: id, score }) => {
    const bid = bids.get(id);
    if (!bid) return [];
    const detail =
      score === null
        ? t('voter.score.no-opinion')
        : t('voter.score.given', { score: f.number(score) });
    return [{ bid, detail }];
  });
}
