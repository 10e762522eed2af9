/**
 * First start: a volunteer names the station and chooses the PIN before any voter sees it. The
 * browser is then asked to protect storage, and the answer is shown.
 */
import { useId, useState, type FormEvent } from 'react';
import { checkSetUp, setUpStation, type SetUpProblem } from '../../db/station-repo.ts';
import { Screen } from '../shared/Screen.tsx';
import { TextField } from '../shared/TextField.tsx';
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
  const ids = { name: useId(), pin: useId(), pinAgain: useId() };

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

  /** What ties one field to the form's state and to the problem, when the problem is about it. */
  const bind = (name: Field) => ({
    id: ids[name],
    value: form[name],
    onValueChange: (value: string) => setForm({ ...form, [name]: value }),
    error: problem && FIELD_OF[problem.code] === name ? problem.message : undefined,
  });
  // A PIN being chosen, not recalled: hidden, digits keypad, and no saved password filled in.
  const pinInput = {
    type: 'password',
    inputMode: 'numeric',
    autoComplete: 'new-password',
  } as const;

  return (
    <Screen title="Set up this station">
      <p className="lead">Do this once, before the first voter. Voters never see this screen.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          {...bind('name')}
          label="Station name"
          hint="For example: Church hall, table 2."
          autoComplete="off"
        />
        <TextField
          {...bind('pin')}
          {...pinInput}
          label="Volunteer PIN"
          hint="4 to 8 digits. Volunteers need it to open the volunteer area."
        />
        <TextField
          {...bind('pinAgain')}
          {...pinInput}
          label="Volunteer PIN again"
          hint="Type the same PIN again."
        />
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
