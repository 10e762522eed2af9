/**
 * Approval and knapsack ballots: choose projects by tapping their cards. The two differ only in
 * what stops another choice (a number of projects, or the money available), so they share this
 * screen. The meter and a tray of what is chosen stay in view above the cards; a refused choice is
 * explained beside the card that was tapped (WCAG 3.3.1), not somewhere off screen.
 */
import { useId, useState } from 'react';
import { knapsackLimit } from '../../../core/knapsack-limit.ts';
import type { Bid, BidId, MethodChoice } from '../../../core/schema.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { BidPicture } from '../BidPicture.tsx';
import { Local, useEventWords, type EventWords } from '../event-words.tsx';
import cards from '../BidCard.module.css';
import type { EditorProps, ReviewLine } from './registry.ts';
import type { PartEvent, Words } from './rules.ts';
import styles from './SelectionEditor.module.css';
import { ChoiceTray, chosenTotal } from './ChoiceTray.tsx';

type SelectionChoice = Extract<MethodChoice, { kind: 'approval' | 'knapsack' }>;

function asSelection(choice: MethodChoice): SelectionChoice {
  if (choice.kind === 'approval' || choice.kind === 'knapsack') return choice;
  throw new Error(`SelectionEditor cannot edit a ${choice.kind} choice.`);
}

/** Why this bid cannot be added now, in words for the voter; undefined if it can. */
function whyNotAdd(
  event: PartEvent,
  bids: Bid[],
  choice: SelectionChoice,
  bid: Bid,
  { t, f }: Words,
  words: EventWords,
) {
  const m = event.method;
  const title = words.title(bid).text;
  if (m.kind === 'approval' && m.max !== null && choice.bids.length >= m.max) {
    return t('voter.choose.refused.approval', { max: f.number(m.max), title });
  }
  if (m.kind === 'knapsack') {
    const limit = knapsackLimit(event);
    if (chosenTotal(choice.bids, bids) + bid.amount > limit) {
      return t('voter.choose.refused.knapsack', { title, limit: f.money(limit, event.currency) });
    }
  }
  return undefined;
}

/** Above this many projects, and with two or more categories, the ballot offers a filter. */
const FILTER_FROM = 8;

export function SelectionEditor({ event, bids, choice, onChange }: EditorProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const selection = asSelection(choice);
  const [refusal, setRefusal] = useState<{ bid: BidId; why: string }>();
  const [category, setCategory] = useState<string>();
  const idBase = useId();
  const chosen = new Set(selection.bids);

  const toggle = (bid: Bid, on: boolean) => {
    const why = on ? whyNotAdd(event, bids, selection, bid, { t, f }, words) : undefined;
    setRefusal(why ? { bid: bid.id, why } : undefined);
    if (why) return;
    const next = on ? [...selection.bids, bid.id] : selection.bids.filter((id) => id !== bid.id);
    onChange({ kind: selection.kind, bids: next });
  };

  const used = event.categories.filter((c) => bids.some((b) => b.category === c.id));
  const offerFilter = bids.length > FILTER_FROM && used.length > 1;
  const shown = category ? bids.filter((b) => b.category === category) : bids;

  return (
    <>
      <ChoiceTray event={event} bids={bids} chosen={selection.bids} />
      {offerFilter && (
        <div role="group" aria-labelledby={`${idBase}-filter`} className={styles['filter']}>
          <span id={`${idBase}-filter`} className={styles['filterLabel']}>
            {t('voter.filter.label')}
          </span>
          <button
            type="button"
            className="button secondary"
            aria-pressed={category === undefined}
            onClick={() => setCategory(undefined)}
          >
            {t('voter.filter.all')}
          </button>
          {used.map((c) => {
            const name = words.categoryById(c.id);
            return (
              <button
                key={c.id}
                type="button"
                className="button secondary"
                aria-pressed={category === c.id}
                onClick={() => setCategory(c.id)}
              >
                {name ? <Local text={name} /> : c.name}
              </button>
            );
          })}
        </div>
      )}
      <fieldset className={styles['fieldset']}>
        <legend className="visually-hidden">{t('voter.choose.legend')}</legend>
        {/* eslint-disable-next-line jsx-a11y/no-redundant-roles -- Safari drops list semantics once bullets are styled away */}
        <ul className={cards['grid']} role="list">
          {shown.map((bid) => {
            const groupId = `${idBase}-${bid.id}`;
            const refusedId = `${groupId}-refused`;
            const isChosen = chosen.has(bid.id);
            const refused = refusal?.bid === bid.id ? refusal.why : undefined;
            return (
              <li key={bid.id} className={cards['cell']}>
                <label
                  className={`${cards['card']} ${styles['choice']} ${isChosen ? `${cards['chosen']} chosen` : ''}`}
                >
                  <BidPicture
                    event={event}
                    bid={bid}
                    size="small"
                    decorative
                    className={cards['picture']}
                  />
                  <span className={styles['check']}>
                    <input
                      type="checkbox"
                      checked={isChosen}
                      onChange={(e) => toggle(bid, e.currentTarget.checked)}
                      aria-describedby={refused ? `${groupId} ${refusedId}` : groupId}
                    />
                    <span className={styles['text']}>
                      <Local className="choice-title" text={words.title(bid)} />
                      <span className="amount">{f.money(bid.amount, event.currency)}</span>
                    </span>
                  </span>
                  <span className={styles['state']} aria-hidden="true">
                    {isChosen ? t('voter.card.chosen') : t('voter.card.choose')}
                  </span>
                </label>
                <span id={groupId} className="visually-hidden">
                  {t('voter.bid.by', { group: bid.group })}
                </span>
                {refused && (
                  <p id={refusedId} role="alert" className={`notice ${styles['refused']}`}>
                    {refused}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
    </>
  );
}

export function selectionReviewLines(
  choice: MethodChoice,
  bids: ReadonlyMap<BidId, Bid>,
): ReviewLine[] {
  return asSelection(choice).bids.flatMap((id) => {
    const bid = bids.get(id);
    return bid ? [{ bid }] : [];
  });
}
