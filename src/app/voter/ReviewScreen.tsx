/**
 * The voter checks their choices and casts. "Thank you" comes only once castBallot has resolved
 * ok — that is, once the ballot is committed to disk — never optimistically. A ballot in parts
 * lists each part under its title, with a button back to that part.
 */
import { useId, useRef, useState } from 'react';
import { sectionEvent } from '../../core/ballot-sections.ts';
import { validateChoice } from '../../core/ballot.ts';
import type { Bid, Choice, EventDefinition } from '../../core/schema.ts';
import { ballotArea } from '../../core/questions.ts';
import { castBallot } from '../../db/ballot-repo.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { useServices } from '../shared/services.tsx';
import { Screen } from '../shared/Screen.tsx';
import { useSession } from '../shared/session-context.ts';
import { answersOf, type BallotPart, type PartAnswer } from './ballot-parts.ts';
import { BidPicture } from './BidPicture.tsx';
import { CancelBallot } from './CancelBallot.tsx';
import { fill, Local, SLOT, useEventWords } from './event-words.tsx';
import { chosenTotal } from './methods/ChoiceTray.tsx';
import { METHOD_EDITORS } from './methods/registry.ts';
import { votingLanguageTag } from './voter-language.ts';
import styles from './ReviewScreen.module.css';
import sections from './Sections.module.css';

interface ReviewScreenProps {
  event: EventDefinition;
  parts: readonly BallotPart[];
  /** Every bid, in this ballot's shuffled order. */
  bids: Bid[];
  draft: Choice;
}

type Failure = 'station-not-set-up' | 'not-saved' | 'invalid';

export function ReviewScreen({ event, parts, bids, draft }: ReviewScreenProps) {
  const t = useT();
  const words = useEventWords(event);
  const { db, now } = useServices();
  const goTo = useSession((s) => s.goTo);
  const goToPart = useSession((s) => s.goToPart);
  const ballotCast = useSession((s) => s.ballotCast);
  const code = useSession((s) => s.code);
  const answeredArea = useSession((s) => s.area);
  const chosenLanguage = useSession((s) => s.language);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const idBase = useId();
  // A second tap before React re-renders must not cast a second ballot.
  const inFlight = useRef(false);
  const answers = answersOf(draft);
  const sectioned = draft.kind === 'sections';

  const cast = async () => {
    if (inFlight.current) return;
    // castBallot checks again as it stores; this check only keeps a bad ballot from being tried.
    if (!validateChoice(event, draft).ok) {
      setFailure('invalid');
      return;
    }
    inFlight.current = true;
    setSaving(true);
    setFailure(undefined);
    const area = ballotArea(event, draft, answeredArea);
    const result = await castBallot(db, {
      event,
      choice: draft,
      now: now(),
      ...(code !== null && { code }),
      ...(area !== undefined && { area }),
      language: votingLanguageTag(event, chosenLanguage),
    });
    inFlight.current = false;
    setSaving(false);
    if (result.ok) ballotCast();
    else
      setFailure(result.error.code === 'station-not-set-up' ? 'station-not-set-up' : 'not-saved');
  };

  return (
    <Screen title={t('voter.review.title')}>
      {sectioned ? (
        parts.map((part, i) => {
          const answer = answers[i];
          const title = words.section(part.section);
          const headingId = `${idBase}-${i}`;
          return (
            answer && (
              <section
                key={part.section.id}
                className={sections['part']}
                aria-labelledby={headingId}
              >
                <div className={sections['partHead']}>
                  <Local as="h2" id={headingId} text={title} />
                  <button
                    type="button"
                    className="button secondary"
                    disabled={saving}
                    onClick={() => goToPart(i)}
                  >
                    {t('voter.review.change-part')}{' '}
                    <span className="visually-hidden">{title.text}</span>
                  </button>
                </div>
                {answer.ward !== undefined && (
                  <p>
                    {fill(
                      t('voter.ward.yours', { ward: SLOT }),
                      <Local text={words.ward(answer.ward)} />,
                    )}
                  </p>
                )}
                <PartLines event={event} part={part} answer={answer} bids={bids} />
              </section>
            )
          );
        })
      ) : answers[0] && parts[0] ? (
        <PartLines event={event} part={parts[0]} answer={answers[0]} bids={bids} />
      ) : null}
      {failure && (
        <p role="alert" className="notice">
          {failure === 'invalid'
            ? t('voter.choose.problem.other')
            : t(`voter.review.problem.${failure}`)}
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
        {!sectioned && (
          <button
            type="button"
            className="button secondary"
            disabled={saving}
            onClick={() => goTo('choose')}
          >
            {t('voter.review.change')}
          </button>
        )}
        {!saving && <CancelBallot />}
      </div>
    </Screen>
  );
}

interface PartLinesProps {
  event: EventDefinition;
  part: BallotPart;
  answer: PartAnswer;
  bids: Bid[];
}

/** What the voter chose in one part: each project with its picture, and what they gave it. */
function PartLines({ event, part, answer, bids }: PartLinesProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const money = (minor: number) => f.money(minor, event.currency);
  const partEvent = sectionEvent(event, part.section, answer.ward);
  const { choice } = answer;
  const lines = METHOD_EDITORS[choice.kind].reviewLines(
    choice,
    new Map(partEvent.bids.map((b) => [b.id, b])),
    { t, f },
  );
  if (lines.length === 0) return <p className="lead">{t('voter.review.none')}</p>;
  return (
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
      {(choice.kind === 'approval' || choice.kind === 'knapsack') && (
        <p>{t('voter.review.together', { total: money(chosenTotal(choice.bids, bids)) })}</p>
      )}
    </>
  );
}
