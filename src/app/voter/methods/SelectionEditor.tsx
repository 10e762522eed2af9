/**
 * Approval and knapsack ballots: tick the projects you want. The two differ only in what stops
 * another tick (a number of projects, or the money available), so they share this screen.
 */
import { useId, useState } from 'react';
import { knapsackLimit } from '../../../core/ballot.ts';
import type { Bid, BidId, Choice, EventDefinition } from '../../../core/schema.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { BidPicture } from '../BidPicture.tsx';
import { Local, useEventWords, type EventWords } from '../event-words.tsx';
import type { EditorProps, ReviewLine, Words } from './registry.ts';
import { chosenTotal, SpendMeter } from './SpendMeter.tsx';

type SelectionChoice = Extract<Choice, { kind: 'approval' | 'knapsack' }>;

function asSelection(choice: Choice): SelectionChoice {
  if (choice.kind === 'approval' || choice.kind === 'knapsack') return choice;
  throw new Error(`SelectionEditor cannot edit a ${choice.kind} choice.`);
}

/** Why this bid cannot be added now, in words for the voter; undefined if it can. */
function whyNotAdd(
  event: EventDefinition,
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

export function SelectionEditor({ event, bids, choice, onChange }: EditorProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const selection = asSelection(choice);
  const [refusal, setRefusal] = useState<string>();
  const idBase = useId();
  const chosen = new Set(selection.bids);

  const toggle = (bid: Bid, on: boolean) => {
    const why = on ? whyNotAdd(event, bids, selection, bid, { t, f }, words) : undefined;
    setRefusal(why);
    if (why) return;
    const next = on ? [...selection.bids, bid.id] : selection.bids.filter((id) => id !== bid.id);
    onChange({ kind: selection.kind, bids: next });
  };

  return (
    <>
      <SpendMeter event={event} chosen={selection.bids} bids={bids} />
      {refusal && (
        <p role="alert" className="notice">
          {refusal}
        </p>
      )}
      <fieldset className="choice-list">
        <legend className="visually-hidden">{t('voter.choose.legend')}</legend>
        <ul>
          {bids.map((bid) => {
            const groupId = `${idBase}-${bid.id}`;
            return (
              <li key={bid.id}>
                <label className={chosen.has(bid.id) ? 'choice chosen' : 'choice'}>
                  <input
                    type="checkbox"
                    checked={chosen.has(bid.id)}
                    onChange={(e) => toggle(bid, e.currentTarget.checked)}
                    aria-describedby={groupId}
                  />
                  <BidPicture event={event} bid={bid} size="small" decorative />
                  <span className="choice-text">
                    <Local className="choice-title" text={words.title(bid)} />
                    <span className="amount">{f.money(bid.amount, event.currency)}</span>
                  </span>
                </label>
                <span id={groupId} className="visually-hidden">
                  {t('voter.bid.by', { group: bid.group })}
                </span>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </>
  );
}

export function selectionReviewLines(choice: Choice, bids: ReadonlyMap<BidId, Bid>): ReviewLine[] {
  return asSelection(choice).bids.flatMap((id) => {
    const bid = bids.get(id);
    return bid ? [{ bid }] : [];
  });
}
