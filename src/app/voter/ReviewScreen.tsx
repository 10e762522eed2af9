/**
 * The voter checks their choices and casts. "Thank you" comes only once castBallot has resolved
 * ok — that is, once the ballot is committed to disk — never optimistically.
 */
import { useRef, useState } from 'react';
import { formatMoney } from '../../core/money.ts';
import type { Bid, Choice, EventDefinition } from '../../core/schema.ts';
import { castBallot } from '../../db/ballot-repo.ts';
import { useServices } from '../shared/services.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { CancelBallot } from './CancelBallot.tsx';
import type { MethodEditor } from './methods/registry.ts';
import { chosenTotal } from './methods/SpendMeter.tsx';

interface ReviewScreenProps {
  event: EventDefinition;
  bids: Bid[];
  editor: MethodEditor;
  draft: Choice;
}

export function ReviewScreen({ event, bids, editor, draft }: ReviewScreenProps) {
  const { db, now } = useServices();
  const goTo = useSession((s) => s.goTo);
  const ballotCast = useSession((s) => s.ballotCast);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  // A second tap before React re-renders must not cast a second ballot.
  const inFlight = useRef(false);
  const money = (minor: number) => formatMoney(minor, event.currency, event.locale);
  const lines = editor.reviewLines(draft, new Map(bids.map((b) => [b.id, b])));

  const cast = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSaving(true);
    setFailure(undefined);
    const result = await castBallot(db, { event, choice: draft, now: now() });
    inFlight.current = false;
    setSaving(false);
    if (result.ok) ballotCast();
    else setFailure(result.error.message);
  };

  return (
    <Screen title="Check your choices">
      {lines.length === 0 ? (
        <p className="lead">You have not chosen any projects.</p>
      ) : (
        <>
          <p className="lead">You chose:</p>
          <ul className="review-list">
            {lines.map(({ bid, detail }) => (
              <li key={bid.id}>
                <span className="choice-title">{bid.title}</span>{' '}
                <span className="amount">{money(bid.amount)}</span>
                {detail && <span className="detail"> — {detail}</span>}
              </li>
            ))}
          </ul>
          {(draft.kind === 'approval' || draft.kind === 'knapsack') && (
            <p>Together: {money(chosenTotal(draft.bids, bids))}</p>
          )}
        </>
      )}
      {failure && (
        <p role="alert" className="notice">
          {failure}
        </p>
      )}
      <p role="status" className="visually-hidden">
        {saving ? 'Saving your vote…' : ''}
      </p>
      <div className="actions sticky">
        <button
          type="button"
          className="button primary big"
          disabled={saving}
          onClick={() => void cast()}
        >
          {saving ? 'Saving your vote…' : failure ? 'Try again: cast my vote' : 'Cast my vote'}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={saving}
          onClick={() => goTo('choose')}
        >
          Change my choices
        </button>
        {!saving && <CancelBallot />}
      </div>
    </Screen>
  );
}
