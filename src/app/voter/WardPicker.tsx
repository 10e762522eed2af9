/**
 * "Which ward or area do you live in?" before a part of the ballot over the voter's own ward: the
 * event's wards as large radio buttons. Nothing moves on until the voter presses Next, so arrowing
 * through the list never jumps to another screen.
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import { eventWards } from '../../core/ballot-sections.ts';
import type { EventDefinition } from '../../core/schema.ts';
import { useT } from '../i18n/react.tsx';
import { Screen } from '../shared/Screen.tsx';
import { Local, useEventWords } from './event-words.tsx';
import { PartActions, type Back } from './ChooseScreen.tsx';
import styles from './Sections.module.css';

interface WardPickerProps {
  event: EventDefinition;
  screen: { title: string; titleLang: string | undefined };
  header: ReactNode;
  back: Back;
  nextLabel: string;
  onChosen: (ward: string) => void;
}

export function WardPicker({ event, screen, header, back, nextLabel, onChosen }: WardPickerProps) {
  const t = useT();
  const words = useEventWords(event);
  const name = useId();
  const [ward, setWard] = useState<string>();
  const [missing, setMissing] = useState(false);
  const missingRef = useRef<HTMLParagraphElement>(null);
  const next = () => {
    if (ward !== undefined) {
      onChosen(ward);
      return;
    }
    setMissing(true);
    requestAnimationFrame(() => missingRef.current?.focus());
  };
  return (
    <Screen {...screen}>
      {header}
      <fieldset
        className={styles['wards']}
        aria-describedby={missing ? `${name}-missing` : undefined}
      >
        <legend className={styles['question']}>{t('voter.ward.question')}</legend>
        {eventWards(event).map((w) => (
          <label key={w} className={styles['option']}>
            <input
              type="radio"
              name={name}
              checked={ward === w}
              onChange={() => {
                setWard(w);
                setMissing(false);
              }}
            />
            <Local text={words.ward(w)} />
          </label>
        ))}
      </fieldset>
      {missing && (
        <p id={`${name}-missing`} ref={missingRef} tabIndex={-1} role="alert" className="notice">
          {t('voter.ward.missing')}
        </p>
      )}
      <PartActions back={back} nextLabel={nextLabel} onNext={next} />
    </Screen>
  );
}
