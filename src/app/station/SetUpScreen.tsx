/**
 * First start: a volunteer names the station and chooses the PIN before any voter sees it. The
 * browser is then asked to protect storage, and the answer is shown. A lazy chunk: it runs once
 * per tablet, so its code stays out of the voter's first screen.
 */
import { useId, useState, type FormEvent } from 'react';
import { isTextProblemCode } from '../../core/text/text-problems.ts';
import type { SetUpProblem, SetUpProblemCode } from '../../db/station-repo.ts';
import { checkSetUp, setUpStation } from '../../db/station-setup.ts';
import { Screen } from '../shared/Screen.tsx';
import { TextField } from '../shared/TextField.tsx';
import { useServices } from '../shared/services.tsx';
import { useT } from '../i18n/react.tsx';
import { BusyButton } from './BusyButton.tsx';
import { LoadEventFile } from './LoadEventFile.tsx';
import { useProblemText } from '../i18n/problems.ts';
import { OfflineStatus } from './OfflineStatus.tsx';
import { StorageStatus, usePersistence } from './StorageStatus.tsx';
import styles from './station.module.css';

interface SetUpScreenProps {
  eventId: string;
  /** Called once the station is saved, before the volunteer has read the storage result. */
  onSaved: () => void;
  onFinished: () => void;
}

type Field = 'name' | 'pin' | 'pinAgain';
const FIELD_OF: Record<SetUpProblemCode, Field | null> = {
  'name-missing': 'name',
  'name-too-long': 'name',
  'pin-format': 'pin',
  'pins-differ': 'pinAgain',
  'already-set-up': null,
};
/** A name that could deceive (core/text/name.ts) is the name field's problem. */
const fieldOf = (problem: SetUpProblem): Field | null =>
  isTextProblemCode(problem.code) ? 'name' : FIELD_OF[problem.code];

export default function SetUpScreen({ eventId, onSaved, onFinished }: SetUpScreenProps) {
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
  const t = useT();
  const say = useProblemText();
  const { db } = useServices();
  const [form, setForm] = useState({ name: '', pin: '', pinAgain: '' });
  const [problem, setProblem] = useState<SetUpProblem>();
  const [saving, setSaving] = useState(false);
  const ids = { name: useId(), pin: useId(), pinAgain: useId() };
  const title = t('station.setup.title');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const request = { ...form, eventId };
    const local = checkSetUp(request);
    if (local) {
      setProblem(local);
      document.getElementById(ids[fieldOf(local) ?? 'name'])?.focus();
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
    error: problem && fieldOf(problem) === name ? say('set-up', problem) : undefined,
  });
  // A PIN being chosen, not recalled: hidden, digits keypad, and no saved password filled in.
  const pinInput = {
    type: 'password',
    inputMode: 'numeric',
    autoComplete: 'new-password',
  } as const;

  return (
    <Screen title={title} className={styles['area']}>
      <p className="lead">{t('station.setup.lead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          {...bind('name')}
          label={t('station.setup.name.label')}
          hint={t('station.setup.name.hint')}
          autoComplete="off"
        />
        <TextField
          {...bind('pin')}
          {...pinInput}
          label={t('station.setup.pin.label')}
          hint={t('station.setup.pin.hint')}
        />
        <TextField
          {...bind('pinAgain')}
          {...pinInput}
          label={t('station.setup.pin-again.label')}
          hint={t('station.setup.pin-again.hint')}
        />
        {problem && fieldOf(problem) === null && (
          <p role="alert" className="notice">
            {say('set-up', problem)}
          </p>
        )}
        <div className="actions">
          <BusyButton type="submit" className="button primary" busy={saving}>
            {t('station.setup.save')}
          </BusyButton>
        </div>
      </form>
    </Screen>
  );
}

function SetUpDone({ onFinished }: { onFinished: () => void }) {
  const t = useT();
  const { storage } = useServices();
  const persistence = usePersistence(storage, true);
  const title = t('station.setup.ready.title');
  return (
    <Screen title={title} className={styles['area']}>
      <OfflineStatus />
      <StorageStatus state={persistence.state} onAskAgain={persistence.askAgain} />
      <p>{t('station.setup.ready.event')}</p>
      <LoadEventFile />
      <div className="actions">
        <button type="button" className="button primary" onClick={onFinished}>
          {t('station.setup.ready.open')}
        </button>
      </div>
    </Screen>
  );
}
