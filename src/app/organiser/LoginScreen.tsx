/** The organiser signs in with the password the tally server printed (or ORGANISER_PASSWORD). */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { OrganiserApi } from './api.ts';

interface Props {
  api: OrganiserApi;
  onSignedIn: (token: string) => void;
  /** Why the organiser is here again, e.g. an expired session. */
  notice?: string;
}

export function LoginScreen({ api, onSignedIn, notice }: Props) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password === '') {
      setError('Type the organiser password first.');
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    const result = await api.login(password);
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value.token);
      return;
    }
    setError(result.error.message);
    inputRef.current?.focus();
  }

  return (
    <main className="org-login">
      <h1>Decision Day — organiser</h1>
      {notice !== undefined && <p className="org-notice">{notice}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="org-password">Organiser password</label>
        <input
          id="org-password"
          ref={inputRef}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
        />
        {error !== null && (
          <p id={errorId} className="org-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="org-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
