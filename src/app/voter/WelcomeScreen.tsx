import type { ReactNode } from 'react';
import { knapsackLimit } from '../../core/ballot.ts';
import type { EventDefinition } from '../../core/schema.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { Screen } from '../shared/Screen.tsx';
import { Local, useEventWords } from './event-words.tsx';
import type { MethodEditor } from './methods/registry.ts';

interface WelcomeScreenProps {
  event: EventDefinition;
  editor: MethodEditor | null;
  onStart: () => void;
  /** The volunteer's way in; small, at the bottom, out of the voter's path. */
  volunteerEntry: ReactNode;
}

export function WelcomeScreen({ event, editor, onStart, volunteerEntry }: WelcomeScreenProps) {
  const t = useT();
  const f = useFormat();
  const words = useEventWords(event);
  const name = words.name();
  const welcome = words.event('welcome');
  const total = f.money(knapsackLimit(event), event.currency);
  return (
    <Screen
      title={name.text}
      titleLang={name.lang === f.locale ? undefined : name.lang}
      className="welcome"
    >
      <p className="lead">{t('voter.welcome.lead', { total })}</p>
      {welcome && <Local as="p" text={welcome} />}
      {editor ? (
        <>
          <p>
            {editor.instructions(event, { t, f })} {t('voter.welcome.secret')}
          </p>
          <div className="actions">
            <button type="button" className="button primary big" onClick={onStart}>
              {t('voter.welcome.start')}
            </button>
          </div>
        </>
      ) : (
        <p role="alert" className="notice">
          {t('voter.welcome.unsupported', { kind: event.method.kind })}
        </p>
      )}
      <footer className="welcome-footer">{volunteerEntry}</footer>
    </Screen>
  );
}
