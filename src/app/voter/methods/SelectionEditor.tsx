/**
 * Approval and knapsack ballots: tick the projects you want. The two differ only in what stops
 * another tick (a number of projects, or the money available), so they share this screen.
 */
import { useId, useState } from 'react';
import { knapsackLimit } from '../../../core/ballot.ts';
import { formatMoney } from '../../../core/money.ts';
import type { Bid, BidId, Choice, EventDefinition } from '../../../core/schema.ts';
import { BidPicture } from '../BidPicture.tsx';
import type { EditorProps, ReviewLine } from './registry.ts';
import { chosenTotal, SpendMeter } from './SpendMeter.tsx';

type SelectionChoice = Extract<Choice, { kind: 'approval' | 'knapsack' }>;

function asSelection(choice: Choice): SelectionChoice {
  if (choice.kind === 'approval' || choice.kind === 'knapsack') return choice;
  throw new Error(`SelectionEditor cannot edit a ${choice.kind} choice.`);
}

/** Why this bid cannot be added now, in words for the voter; undefined if it can. */
function whyNotAdd(event: EventDefinition, bids: Bid[], choice: SelectionChoice, bid: Bid) {
  const m = event.method;
  if (m.kind === 'approval' && m.max !== null && choice.bids.length >= m.max) {
    return `You can choose up to ${m.max}. Untick one to choose “${bid.title}”.`;
  }
  if (m.kind === 'knapsack') {
    const limit = knapsackLimit(event);
    if (chosenTotal(choice.bids, bids) + bid.amount > limit) {
      const money = formatMoney(limit, event.currency, event.locale);
      return `“${bid.title}” would take you over the ${money} available. Untick something to make room.`;
    }
  }
  return undefined;
}

export function SelectionEditor({ event, bids, choice, onChange }: EditorProps) {
  const selection = asSelection(choice);
  const [refusal, setRefusal] = useState<string>();
  const idBase = useId();
  const chosen = new Set(selection.bids);

  const toggle = (bid: Bid, on: boolean) => {
    const why = on ? whyNotAdd(event, bids, selection, bid) : undefined;
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
        <legend className="visually-hidden">Projects</legend>
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
                  <BidPicture bid={bid} size="small" decorative />
                  <span className="choice-text">
                    <span className="choice-title">{bid.title}</span>
                    <span className="amount">
                      {formatMoney(bid.amount, event.currency, event.locale)}
                    </span>
                  </span>
                </label>
                <span id={groupId} className="visually-hidden">
                  by {bid.group}
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
