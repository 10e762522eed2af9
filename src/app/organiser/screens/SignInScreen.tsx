/** The organiser signs in with the password the tally server printed (or ORGANISER_PASSWORD). */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiProblem, OrganiserApi } from '../api.ts';
import { ProblemText } from '../components/problem-text.tsx';
import { Button, Callout, ScreenHeading } from '../components/ui.tsx';
import { problemOf, useSignIn } from '../session/queries.ts';
import { useT } from '../../i18n/react.tsx';
import styles from './SignInScreen.module.css';

interface Props {
  api: OrganiserApi;
  onSignedIn: (token: string) => void;
  /** The organiser is here again because the server ended the session. */
  expired: boolean;
}

export function SignInScreen({ api, onSignedIn, expired }: Props) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | 'empty' | null>(null);
  const signIn = useSignIn(api);
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (signIn.isPending) return;
    if (password === '') {
      setProblem('empty');
      inputRef.current?.focus();
      return;
    }
    signIn.mutate(password, {
      onSuccess: ({ token }) => onSignedIn(token),
      onError: (error) => {
        setProblem(problemOf(error));
        inputRef.current?.focus();
      },
    });
  }

  return (
    <main className={styles['main']}>
      <ScreenHeading title={t('organiser.sign-in.title')}>
        {t('organiser.sign-in.title')}
      </ScreenHeading>
      {expired && <Callout>{t('organiser.sign-in.expired')}</Callout>}
      <form className={styles['form']} onSubmit={submit} noValidate>
        <label htmlFor="org-password">{t('organiser.sign-in.password')}</label>
        <input
          id="org-password"
          ref={inputRef}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? errorId : undefined}
        />
        {problem !== null && (
          <Callout kind="error" id={errorId} role="alert">
            {problem === 'empty' ? t('organiser.sign-in.empty') : <ProblemText problem={problem} />}
          </Callout>
        )}
        <Button
          type="submit"
          primary
          busy={signIn.isPending}
          busyLabel={t('organiser.sign-in.busy')}
        >
          {t('organiser.sign-in.submit')}
        </Button>
      </form>
    </main>
  );
}
