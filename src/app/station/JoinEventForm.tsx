/**
 * The volunteer types the join code from the organiser's screen and, when this app was not opened
 * from the tally server itself, the server's address.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Result } from '../../core/result.ts';
import {
  readJoinInput,
  type ConfirmSwitch,
  type JoinForm,
  type Joined,
  type JoinProblem,
  type JoinSwitchProblem,
} from '../../sync/join.ts';
import { TextField } from '../shared/TextField.tsx';
import { useT } from '../i18n/react.tsx';
import { BusyButton } from './BusyButton.tsx';
import { JoinQrScanner } from './JoinQrScanner.tsx';
import { useProblemText } from '../i18n/problems.ts';
import { isolatedText } from './isolate.tsx';
import { SwitchConfirm, switchRefusal, type Switching } from './SwitchEvent.tsx';

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
  join: (
    form: Omit<JoinForm, 'pageOrigin'>,
    confirmSwitch: ConfirmSwitch,
  ) => Promise<Result<Joined, JoinProblem | JoinSwitchProblem>>;
  /** Why a join is needed again (the server stopped accepting this station). */
  rejoinReason: string | undefined;
  /** The heading instead of "Join the event again" (the organiser removed this tablet). */
  rejoinTitle?: string | undefined;
  /** From the organiser's join link (?join=…), when the app was opened with it. */
  initialJoinCode: string;
  initialServer: string;
  onJoined: (joined: Joined) => void;
  /** Present when there is a working join to go back to. */
  onCancel: (() => void) | undefined;
  /** The form replaced the button that had the focus: its heading takes it. */
  focusOnOpen?: boolean;
}

export function JoinEventForm({
  join,
  rejoinReason,
  rejoinTitle,
  initialJoinCode,
  initialServer,
  onJoined,
  onCancel,
  focusOnOpen = false,
}: JoinEventFormProps) {
  const t = useT();
  const say = useProblemText();
  const [form, setForm] = useState({ joinCode: initialJoinCode, serverAddress: initialServer });
  const [problem, setProblem] = useState<JoinProblem>();
  const [refusal, setRefusal] = useState<string>();
  const [switching, setSwitching] = useState<Switching>();
  const [joining, setJoining] = useState(false);
  const ids = { joinCode: useId(), serverAddress: useId(), heading: useId() };
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (joining) return;
    setJoining(true);
    setRefusal(undefined);
    const confirmSwitch: ConfirmSwitch = ({ from, to }) =>
      new Promise((resolve) =>
        setSwitching({
          from,
          to,
          onAnswer: (yes) => {
            setSwitching(undefined);
            resolve(yes);
          },
        }),
      );
    const result = await join(form, confirmSwitch);
    setJoining(false);
    if (result.ok) {
      onJoined(result.value);
      return;
    }
    const error = result.error;
    if (error.code === 'unsaved-ballots') {
      setProblem(undefined);
      setRefusal(switchRefusal(t, error));
      return;
    }
    if (error.code === 'switch-cancelled') {
      setProblem(undefined);
      return;
    }
    setProblem(error);
    const field = FIELD_OF[error.code];
    if (field) document.getElementById(ids[field])?.focus();
    // A problem with no field: the focus stays on the button, and the alert is read out.
  };

  /** What ties one field to the form's state and to the problem, when the problem is about it. */
  const bind = (name: Field) => ({
    id: ids[name],
    value: form[name],
    onValueChange: (value: string) => setForm({ ...form, [name]: value }),
    error: problem && FIELD_OF[problem.code] === name ? say('join', problem) : undefined,
  });
  // Codes and addresses: a browser's saved entries and spelling fixes would only corrupt them.
  const codeLike = { autoComplete: 'off', spellCheck: false } as const;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={ids.heading}>
      <h3 id={ids.heading} ref={heading} tabIndex={-1}>
        {rejoinReason ? (rejoinTitle ?? t('station.join.again-title')) : t('station.join.title')}
      </h3>
      {rejoinReason && (
        <p role="alert" className="notice">
          {rejoinReason}
        </p>
      )}
      <TextField
        {...bind('joinCode')}
        label={t('station.join.code.label')}
        hint={t('station.join.code.hint', { example: isolatedText('K7QF-M4') })}
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
        label={t('station.join.server.label')}
        hint={t('station.join.server.hint')}
        {...codeLike}
        inputMode="url"
        autoCapitalize="none"
      />
      {problem && FIELD_OF[problem.code] === null && (
        <p role="alert" className="notice">
          {say('join', problem)}
        </p>
      )}
      {refusal && (
        <p role="alert" className="notice">
          {refusal}
        </p>
      )}
      {switching && <SwitchConfirm switching={switching} />}
      <p role="status" className="visually-hidden">
        {joining ? t('station.join.joining') : ''}
      </p>
      <div className="actions">
        <BusyButton type="submit" className="button primary" busy={joining}>
          {joining ? t('station.join.joining') : t('station.join.submit')}
        </BusyButton>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('station.join.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
