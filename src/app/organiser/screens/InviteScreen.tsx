/**
 * An invite link, /organiser/invite#<token>: says who it is for and with which role, and lets
 * that person choose their password (the rules stated before they type, each refusal worded),
 * which signs them in. The token stays in the address's fragment, which no server ever receives;
 * once used it leaves the browser's history too. A used, withdrawn or expired link says so.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { ApiProblem, OrganiserApi, SessionResponse } from '../api.ts';
import { ProblemText } from '../components/problem-text.tsx';
import { Button, Callout, ScreenHeading } from '../components/ui.tsx';
import { EVENTS_PATH } from '../routes.ts';
import { ROLE_NAME_KEYS, ROLE_SUMMARY_KEYS } from '../session/access.tsx';
import { ApiError, problemOf } from '../session/queries.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../core/accounts-api.ts';
import { useT } from '../../i18n/react.tsx';
import styles from './SignInScreen.module.css';

interface Props {
  api: OrganiserApi;
  onSignedIn: (session: SessionResponse) => void;
}

/** Why a chosen password was refused, worded; `mismatch` and `empty` are this form's own. */
const PASSWORD_PROBLEM_KEYS: Record<string, string> = {
  empty: 'organiser.invite.problem.empty',
  mismatch: 'organiser.invite.problem.mismatch',
  'too-short': 'organiser.invite.problem.too-short',
  'too-long': 'organiser.invite.problem.too-long',
  common: 'organiser.invite.problem.common',
  'same-as-name': 'organiser.invite.problem.same-as-name',
};

const NOT_FOUND: ApiProblem = { code: 'invite-not-found', status: 404 };

export function InviteScreen({ api, onSignedIn }: Props) {
  const t = useT();
  const [, navigate] = useLocation();
  const [inviteToken] = useState(() => window.location.hash.slice(1));
  const preview = useQuery({
    queryKey: ['invite', inviteToken],
    queryFn: async () => {
      if (inviteToken === '' || api.accounts === undefined) throw new ApiError(NOT_FOUND);
      const answer = await api.accounts.preview(inviteToken);
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value;
    },
  });
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const againRef = useRef<HTMLInputElement>(null);
  const ids = { name: useId(), password: useId(), again: useId(), rules: useId(), error: useId() };

  const gone =
    (preview.isError && problemOf(preview.error).code === 'invite-not-found') ||
    problem?.code === 'invite-not-found';
  if (gone) {
    return (
      <main className={styles['main']}>
        <ScreenHeading title={t('organiser.invite.gone.title')}>
          {t('organiser.invite.gone.title')}
        </ScreenHeading>
        <p>{t('organiser.invite.gone.body')}</p>
      </main>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || api.accounts === undefined) return;
    const local = password === '' ? 'empty' : password !== again ? 'mismatch' : null;
    if (local !== null) {
      setProblem({ code: local });
      (local === 'empty' ? passwordRef : againRef).current?.focus();
      return;
    }
    setBusy(true);
    const answer = await api.accounts.accept(inviteToken, password);
    setBusy(false);
    if (answer.ok) {
      onSignedIn(answer.value);
      // The used link leaves the address bar and the history.
      navigate(EVENTS_PATH, { replace: true });
      return;
    }
    setProblem(answer.error);
    passwordRef.current?.focus();
  }

  const reason =
    problem === null
      ? undefined
      : problem.code === 'weak-password'
        ? String(problem.params?.['reason'] ?? '')
        : problem.code;
  const ownKey = reason === undefined ? undefined : PASSWORD_PROBLEM_KEYS[reason];
  const title = t('organiser.invite.title');
  return (
    <main className={styles['main']}>
      <ScreenHeading title={title}>{title}</ScreenHeading>
      {preview.isPending && <p role="status">{t('organiser.invite.loading')}</p>}
      {preview.isError && (
        <Callout kind="error" role="alert">
          <ProblemText problem={problemOf(preview.error)} />
        </Callout>
      )}
      {preview.isSuccess && (
        <>
          <p>
            {t('organiser.invite.for', {
              name: preview.data.name,
              role: t(ROLE_NAME_KEYS[preview.data.role]),
            })}
          </p>
          <p>{t(ROLE_SUMMARY_KEYS[preview.data.role])}</p>
          <form className={styles['form']} onSubmit={(e) => void submit(e)} noValidate>
            {/* The name they will sign in with; password managers save it with the password. */}
            <label htmlFor={ids.name}>{t('organiser.sign-in.name')}</label>
            <input
              id={ids.name}
              type="text"
              readOnly
              autoComplete="username"
              value={preview.data.name}
            />
            <label htmlFor={ids.password}>{t('organiser.invite.password')}</label>
            <p id={ids.rules} className={styles['hint']}>
              {t('organiser.invite.rules', { min: PASSWORD_MIN })}
            </p>
            <input
              id={ids.password}
              ref={passwordRef}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={problem !== null && reason !== 'mismatch'}
              aria-describedby={problem === null ? ids.rules : `${ids.rules} ${ids.error}`}
            />
            <label htmlFor={ids.again}>{t('organiser.invite.again')}</label>
            <input
              id={ids.again}
              ref={againRef}
              type="password"
              autoComplete="new-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              aria-invalid={reason === 'mismatch'}
              aria-describedby={problem === null ? undefined : ids.error}
            />
            {problem !== null && (
              <Callout kind="error" id={ids.error} role="alert">
                {ownKey !== undefined ? (
                  t(ownKey, {
                    min: Number(problem.params?.['min'] ?? PASSWORD_MIN),
                    max: Number(problem.params?.['max'] ?? PASSWORD_MAX),
                  })
                ) : (
                  <ProblemText problem={problem} />
                )}
              </Callout>
            )}
            <Button type="submit" primary busy={busy} busyLabel={t('organiser.invite.busy')}>
              {t('organiser.invite.submit')}
            </Button>
          </form>
        </>
      )}
    </main>
  );
}
