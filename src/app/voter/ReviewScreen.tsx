/**
 * The voter checks their choices and casts. "Thank you" comes only once castBallot has resolved
 * ok — that is, once the ballot is committed to disk — never optimistically.
 */
import { useRef, useState } from 'react';
import type { Bid, Choice, EventDefinition } from '../../core/schema.ts';
import { castBallot } from '../../db/ballot-repo.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { useServices } from '../shared/services.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { BidPicture } from './BidPicture.tsx';
import { CancelBallot } from './CancelBallot.tsx';
import { Local, useEventWords } from './event-words.tsx';
import type { MethodEditor } from './methods/registry.ts';
import { chosenTotal } from './methods/ChoiceTray.tsx';
import styles from './ReviewScreen.module.css';

interface ReviewScreenProps {
  event: EventDefinition;
  bids: Bid[];
  editor: MethodEditor;
  draft: Choice;
}

type Failure = 'station-not-set-up' | 'not-saved';

export function ReviewScreen({ event, bids, editor, draft }: ReviewScreenProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const { db, now } = useServices();
  const goTo = useSession((s) => s.goTo);
  const ballotCast = useSession((s) => s.ballotCast);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  // A second tap before React re-renders must not cast a second ballot.
  const inFlight = useRef(false);
  const money = (minor: number) => f.money(minor, event.currency);
  const lines = editor.reviewLines(draft, new Map(bids.map((b) => [b.id, b])), { t, f });

  const cast = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSaving(true);
    setFailure(undefined);
    const result = await castBallot(db, { event, choice: draft, now: now() });
    inFlight.current = false;
    setSaving(false);
    if (result.ok) ballotCast();
    else
      setFailure(result.error.code === 'station-not-set-up' ? 'station-not-set-up' : 'not-saved');
  };

  return (
    <Screen title={t('voter.review.title')}>
      {lines.length === 0 ? (
        <p className="lead">{t('voter.review.none')}</p>
      ) : (
        <>
          <p className="lead">{t('voter.review.chose')}</p>
          {/* eslint-disable-next-line jsx-a11y/no-redundant-roles -- Safari drops list semantics once bullets are styled away */}
          <ul className={styles['list']} role="list">
            {lines.map(({ bid, detail }) => (
              <li key={bid.id} className={styles['line']}>
                <BidPicture
                  event={event}
                  bid={bid}
                  size="small"
                  decorative
                  className={styles['picture']}
                />
                <span className={styles['text']}>
                  <Local className="choice-title" text={words.title(bid)} />{' '}
                  <span className="amount">{money(bid.amount)}</span>
                  {detail && <span className="detail"> — {detail}</span>}
                </span>
              </li>
            ))}
          </ul>
          {(draft.kind === 'approval' || draft.kind === 'knapsack') && (
            <p>{t('voter.review.together', { total: money(chosenTotal(draft.bids, bids)) })}</p>
          )}
        </>
      )}
      {failure && (
        <p role="alert" className="notice">
          {t(`voter.review.problem.${failure}`)}
        </p>
      )}
      <p role="status" className="visually-hidden">
        {saving ? t('voter.review.saving') : ''}
      </p>
      <div className="actions sticky sticky-bottom">
        <button
          type="button"
          className="button primary big"
          disabled={saving}
          onClick={() => void cast()}
        >
          {saving
            ? t('voter.review.saving')
            : failure
              ? t('voter.review.retry')
              : t('voter.review.cast')}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={saving}
          onClick={() => goTo('choose')}
        >
          {t('voter.review.change')}
        </button>
        {!saving && <CancelBallot />}
      </div>
    </Screen>
  );
}
