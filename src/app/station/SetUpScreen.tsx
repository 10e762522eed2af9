/**
 * First start: a volunteer names the station and chooses the PIN before any voter sees it. The
 * browser is then asked to protect storage, and the answer is shown.
 */
import { useId, useState, type FormEvent } from 'react';
import { checkSetUp, setUpStation, type SetUpProblem } from '../../db/station-repo.ts';
import { Screen } from '../shared/Screen.tsx';
import { useServices } from '../shared/services.tsx';
import { StorageStatus, usePersistence } from './StorageStatus.tsx';

interface SetUpScreenProps {
  eventId: string;
  /** Called once the station is saved, before the volunteer has read the storage result. */
  onSaved: () => void;
  onFinished: () => void;
}

type Field = 'name' | 'pin' | 'pinAgain';
const FIELD_OF: Record<SetUpProblem['code'], Field | null> = {
  'name-missing': 'name',
  'name-too-long': 'name',
  'pin-format': 'pin',
  'pins-differ': 'pinAgain',
  'already-set-up': null,
};

export function SetUpScreen({ eventId, onSaved, onFinished }: SetUpScreenProps) {
  const [saved, setSaved] = useState(false);
  return saved ? (
    <SetUpDone onFinished={onFinished} />
  ) : (
    <SetUpForm
      eventId={eventId}
      onSaved={() => {
        onSaved();
        setSaved(true);
      }}
    />
  );
}

function SetUpForm({ eventId, onSaved }: { eventId: string; onSaved: () => void }) {
  const { db } = useServices();
  const [form, setForm] = useState({ name: '', pin: '', pinAgain: '' });
  const [problem, setProblem] = useState<SetUpProblem>();
  const [saving, setSaving] = useState(false);
  const ids = { name: useId(), pin: useId(), pinAgain: useId(), error: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const request = { ...form, eventId };
    const local = checkSetUp(request);
    if (local) {
      setProblem(local);
      document.getElementById(ids[FIELD_OF[local.code] ?? 'name'])?.focus();
      return;
    }
    setSaving(true);
    const result = await setUpStation(db, request);
    setSaving(false);
    if (result.ok) onSaved();
    else setProblem(result.error);
  };

  const field = (name: Field, label: string, hint: string, secret: boolean) => {
    const wrong = problem && FIELD_OF[problem.code] === name;
    return (
      <div className="field">
        <label htmlFor={ids[name]}>{label}</label>
        <p className="hint" id={`${ids[name]}-hint`}>
          {hint}
        </p>
        <input
          id={ids[name]}
          type={secret ? 'password' : 'text'}
          inputMode={secret ? 'numeric' : undefined}
          autoComplete={secret ? 'new-password' : 'off'}
          value={form[name]}
          onChange={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
          aria-invalid={wrong ? true : undefined}
          aria-describedby={`${ids[name]}-hint${wrong ? ` ${ids.error}` : ''}`}
        />
        {wrong && (
          <p id={ids.error} role="alert" className="notice">
            {problem.message}
          </p>
        )}
      </div>
    );
  };

  return (
    <Screen title="Set up this station">
      <p className="lead">Do this once, before the first voter. Voters never see this screen.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {field('name', 'Station name', 'For example: Church hall, table 2.', false)}
        {field(
          'pin',
          'Volunteer PIN',
          '4 to 8 digits. Volunteers need it to open the volunteer area.',
          true,
        )}
        {field('pinAgain', 'Volunteer PIN again', 'Type the same PIN again.', true)}
        {problem && FIELD_OF[problem.code] === null && (
          <p role="alert" className="notice">
            {problem.message}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={saving}>
            Save and continue
          </button>
        </div>
      </form>
    </Screen>
  );
}

function SetUpDone({ onFinished }: { onFinished: () => void }) {
  const { storage } = useServices();
  const persistence = usePersistence(storage, true);
  return (
    <Screen title="This station is ready">
      <StorageStatus state={persistence.state} onAskAgain={persistence.askAgain} />
      <div className="actions">
        <button type="button" className="button primary" onClick={onFinished}>
          Open the welcome screen
        </button>
      </div>
    </Screen>
  );
}
