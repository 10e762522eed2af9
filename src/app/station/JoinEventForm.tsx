/**
 * The volunteer types the join code from the organiser's screen and, when this app was not opened
 * from the tally server itself, the server's address.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Result } from '../../core/result.ts';
import { readJoinInput, type JoinForm, type Joined, type JoinProblem } from '../../sync/join.ts';
import { TextField } from '../shared/TextField.tsx';
import { JoinQrScanner } from './JoinQrScanner.tsx';

type Field = 'joinCode' | 'serverAddress';

const FIELD_OF: Record<JoinProblem['code'], Field | null> = {
  'join-code': 'joinCode',
  refused: 'joinCode',
  'server-address': 'serverAddress',
  'mixed-content': 'serverAddress',
  unreachable: 'serverAddress',
  'not-a-tally-server': 'serverAddress',
  'station-not-set-up': null,
};

interface JoinEventFormProps {
  join: (form: Omit<JoinForm, 'pageOrigin'>) => Promise<Result<Joined, JoinProblem>>;
  /** Why a join is needed again (the server stopped accepting this station). */
  rejoinReason: string | undefined;
  /** From the organiser's join link (?join=…), when the app was opened with it. */
  initialJoinCode: string;
  initialServer: string;
  onJoined: (joined: Joined) => void;
  /** Present when there is a working join to go back to. */
  onCancel: (() => void) | undefined;
}

export function JoinEventForm({
  join,
  rejoinReason,
  initialJoinCode,
  initialServer,
  onJoined,
  onCancel,
}: JoinEventFormProps) {
  const [form, setForm] = useState({ joinCode: initialJoinCode, serverAddress: initialServer });
  const [problem, setProblem] = useState<JoinProblem>();
  const [joining, setJoining] = useState(false);
  const ids = { joinCode: useId(), serverAddress: useId(), heading: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setJoining(true);
    const result = await join(form);
    setJoining(false);
    if (result.ok) {
      onJoined(result.value);
      return;
    }
    setProblem(result.error);
    const field = FIELD_OF[result.error.code];
    if (field) document.getElementById(ids[field])?.focus();
  };

  /** What ties one field to the form's state and to the problem, when the problem is about it. */
  const bind = (name: Field) => ({
    id: ids[name],
    value: form[name],
    onValueChange: (value: string) => setForm({ ...form, [name]: value }),
    error: problem && FIELD_OF[problem.code] === name ? problem.message : undefined,
  });
  // Codes and addresses: a browser's saved entries and spelling fixes would only corrupt them.
  const codeLike = { autoComplete: 'off', spellCheck: false } as const;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>{rejoinReason ? 'Join the event again' : 'Join an event'}</h3>
      {rejoinReason && (
        <p role="alert" className="notice">
          {rejoinReason}
        </p>
      )}
      <TextField
        {...bind('joinCode')}
        label="Join code"
        hint="On the organiser’s screen, like K7QF-M4. The join link from the QR code works too."
        {...codeLike}
        autoCapitalize="characters"
      />
      <JoinQrScanner
        onScanned={(text) => {
          const scanned = readJoinInput(text);
          const server = scanned.serverAddress ?? form.serverAddress;
          setProblem(undefined);
          setForm({
            joinCode: scanned.joinCode,
            serverAddress: server === window.location.origin ? '' : server,
          });
        }}
      />
      <TextField
        {...bind('serverAddress')}
        label="Tally server address"
        hint="Leave empty if this app was opened from the tally server. Otherwise type the address the organiser gives, like 192.168.1.20:8080."
        {...codeLike}
        inputMode="url"
        autoCapitalize="none"
      />
      {problem && FIELD_OF[problem.code] === null && (
        <p role="alert" className="notice">
          {problem.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={joining}>
          {joining ? 'Joining…' : 'Join the event'}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
