/**
 * A ballot's choice in words, compact: per part (its title when the ballot has sections), each
 * chosen bid's title with what it was given (a score, a rank, points). Used to show a volunteer
 * what was keyed, both entries of a mismatch side by side, and the organiser's list of ballots.
 */
import { sectionEvent } from '../../../core/ballot-sections.ts';
import type { Choice, EventDefinition } from '../../../core/schema.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { ballotParts, answersOf } from '../../voter/ballot-parts.ts';
import { Local, useEventWords } from '../../voter/event-words.tsx';
import { METHOD_EDITORS } from '../../voter/methods/registry.ts';
import styles from './paper.module.css';

export function ChoiceSummary({ event, choice }: { event: EventDefinition; choice: Choice }) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const parts = ballotParts(event);
  const answers = answersOf(choice);
  const sectioned = event.sections !== undefined;
  return (
    <div className={styles['summary']}>
      {answers.map((answer, i) => {
        const section = parts[i]?.section;
        if (section === undefined) return null;
        const partEvent = sectionEvent(event, section, answer.ward);
        const lines = METHOD_EDITORS[answer.choice.kind].reviewLines(
          answer.choice,
          new Map(partEvent.bids.map((b) => [b.id, b])),
          { t, f },
        );
        return (
          <div key={section.id}>
            {sectioned && (
              <p className={styles['part']}>
                <Local text={words.section(section)} />
                {answer.ward !== undefined && (
                  <>
                    {' · '}
                    <Local text={words.ward(answer.ward)} />
                  </>
                )}
              </p>
            )}
            {lines.length === 0 ? (
              <p>{t('station.paper.none-chosen')}</p>
            ) : (
              <ul className={styles['lines']}>
                {lines.map(({ bid, detail }) => (
                  <li key={bid.id}>
                    <Local text={words.title(bid)} />
                    {detail !== undefined && <span> — {detail}</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
