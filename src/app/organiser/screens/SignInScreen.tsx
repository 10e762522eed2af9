/**
 * Signing in with an account's name and password (the first account, "organiser", has the
 * password the tally server printed at first start, or ORGANISER_PASSWORD). The server sets the
 * session cookie; the page keeps only what the answer says: who is signed in, and the CSRF token.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiProblem, OrganiserApi, SessionResponse } from '../api.ts';
import { ProblemText } from '../components/problem-text.tsx';
import { Button, Callout, ScreenHeading } from '../components/ui.tsx';
import { problemOf, useSignIn } from '../session/queries.ts';
import { useT } from '../../i18n/react.tsx';
import styles from './SignInScreen.module.css';

interface Props {
  api: OrganiserApi;
  onSignedIn: (session: SessionResponse) => void;
  /** The organiser is here again because the server ended the session. */
  expired: boolean;
}

/** The sign-in's own refusals, worded here; anything else is worded as every screen words it. */
const SIGN_IN_PROBLEM_KEYS: Partial<Record<string, string>> = {
  'wrong-credentials': 'organiser.sign-in.wrong-credentials',
  'login-throttled': 'organiser.sign-in.throttled',
  'account-disabled': 'organiser.sign-in.disabled',
};

export function SignInScreen({ api, onSignedIn, expired }: Props) {
  const t = useT();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | 'empty' | null>(null);
  const signIn = useSignIn(api);
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const nameId = useId();
  const passwordId = useId();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (signIn.isPending) return;
    if (name.trim() === '' || password === '') {
      setProblem('empty');
      (name.trim() === '' ? nameRef : passwordRef).current?.focus();
      return;
    }
    signIn.mutate(
      { name: name.trim(), password },
      {
        onSuccess: onSignedIn,
        onError: (error) => {
          setProblem(problemOf(error));
          setPassword('');
          passwordRef.current?.focus();
        },
      },
    );
  }

  const own = problem !== null && problem !== 'empty' ? SIGN_IN_PROBLEM_KEYS[problem.code] : null;
  const seconds = problem !== null && problem !== 'empty' ? Number(problem.params?.['seconds']) : 0;
  const invalid = problem !== null;
  return (
    <main className={styles['main']}>
      <ScreenHeading title={t('organiser.sign-in.title')}>
        {t('organiser.sign-in.title')}
      </ScreenHeading>
      {expired && <Callout>{t('organiser.sign-in.expired')}</Callout>}
      <p>{t('organiser.sign-in.intro')}</p>
      <form className={styles['form']} onSubmit={submit} noValidate>
        <label htmlFor={nameId}>{t('organiser.sign-in.name')}</label>
        <input
          id={nameId}
          ref={nameRef}
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
        />
        <label htmlFor={passwordId}>{t('organiser.sign-in.your-password')}</label>
        <input
          id={passwordId}
          ref={passwordRef}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
        />
        {problem !== null && (
          <Callout kind="error" id={errorId} role="alert">
            {problem === 'empty' ? (
              t('organiser.sign-in.empty-fields')
            ) : own !== undefined && own !== null ? (
              t(own, { seconds: Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : 1 })
            ) : (
              <ProblemText problem={problem} />
            )}
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
