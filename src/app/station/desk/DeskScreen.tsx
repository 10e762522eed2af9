/**
 * The registration desk (docs/check-in.md, "Registration desk"), behind the volunteer PIN: the
 * volunteer types what the organiser asks, the tablet checks the area and the minimum age with no
 * network, keeps the row in the register, and lets the voter vote — a ballot released on this
 * tablet (attended start), a voting code card handed over (which card is never recorded), or the
 * voter sent to a voting station.
 *
 * Outside the area: the volunteer is told what the organiser's list says and to ask the
 * organiser; if the organiser says yes (a new street the list missed), "register anyway" keeps the
 * row marked as let in, and the organiser sees how many were. Under the minimum age: refused, with
 * no way round it on the tablet.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useRef, useState, type FormEvent } from 'react';
import {
  AGE_BANDS,
  checkRegistration,
  CONNECTIONS,
  registrationDay,
  type DeskEntry,
  type DeskProblem,
  type Release,
} from '../../../core/register.ts';
import type { Desk, DeskField, EventDefinition } from '../../../core/schema.ts';
import { counts as releaseCounts, releaseBallot } from '../../../db/closing-repo.ts';
import { addRegistration, countRegistrations } from '../../../db/register-repo.ts';
import { exportRegister, REGISTER_FILE_MIME } from '../../../sync/register-export.ts';
import { downloadTextFile } from '../../shared/download.ts';
import { useFormat, useT, type Translate } from '../../i18n/react.tsx';
import { IdleTimeout } from '../../shared/IdleTimeout.tsx';
import { useServices } from '../../shared/services.tsx';
import { Screen } from '../../shared/Screen.tsx';
import { useSession } from '../../shared/session-context.ts';
import { BusyButton } from '../BusyButton.tsx';
import { deskStore } from './desk-store.ts';
import styles from './desk.module.css';

type Done = { release: Exclude<Release, 'tablet'> } | null;

export default function DeskScreen({ event }: { event: EventDefinition }) {
  const desk = event.checkIn?.desk;
  if (desk === undefined) return null;
  return <DeskForm event={event} desk={desk} />;
}

/** The ways this event lets a registered voter vote, in the order the buttons show. */
function releasesOf(event: EventDefinition): Release[] {
  const ways: Release[] = [];
  if (event.checkIn?.attended === true) ways.push('tablet');
  if (event.checkIn?.codes === true) ways.push('card');
  return ways.length > 0 ? ways : ['station'];
}

function DeskForm({ event, desk }: { event: EventDefinition; desk: Desk }) {
  const t = useT();
  const f = useFormat();
  const { db, now, timings } = useServices();
  const lock = useSession((s) => s.lockVolunteer);
  const registered = useLiveQuery(() => countRegistrations(db, event.id), [db, event.id]);
  const [entry, setEntry] = useState<DeskEntry>({});
  const [problems, setProblems] = useState<DeskProblem[]>([]);
  /** A sentence about the tablet itself (storage, a waiting release), not about the entry. */
  const [fault, setFault] = useState<string>();
  const [lastRelease, setLastRelease] = useState<Release>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done>(null);
  const summary = useRef<HTMLDivElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const ways = releasesOf(event);
  const title = t('station.desk.title');

  const asks = (field: DeskField) => desk.fields.includes(field);
  const problemAt = (field: DeskField) =>
    problems.find(
      (p) =>
        p.params['field'] === field ||
        (field === 'postcode' && p.code === 'bad-postcode') ||
        (field === 'ageBand' && p.code === 'under-age'),
    );
  const set = (change: DeskEntry) => setEntry((e) => ({ ...e, ...change }));

  const register = async (release: Release, areaOverride: boolean) => {
    if (busy) return;
    setLastRelease(release);
    setFault(undefined);
    const checked = checkRegistration(desk, entry, { areaOverride });
    if (!checked.ok) {
      setProblems(checked.problems);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    // Let in from outside the area only when the plain check said so.
    const outside = areaOverride && !checkRegistration(desk, entry).ok;
    setBusy(true);
    try {
      if (release === 'tablet' && (await releaseCounts(db, event.id)).ready) {
        setProblems([]);
        setFault(t('station.desk.already-released'));
        requestAnimationFrame(() => summary.current?.focus());
        return;
      }
      const row = {
        id: crypto.randomUUID(),
        eventId: event.id,
        day: registrationDay(now()),
        ...checked.answers,
        ...(outside && { overridden: 'area' as const }),
        released: release,
      };
      if (release === 'tablet') {
        // The row and its release together or not at all: a station that cannot release (it has
        // closed, or a release still waits) keeps no registration for a voter who got no ballot.
        const released = await db.transaction(
          'rw',
          [db.registrations, db.counters, db.closings],
          async () => {
            const result = await releaseBallot(db, event.id);
            if (result.ok) await addRegistration(db, row);
            return result;
          },
        );
        if (!released.ok) {
          setProblems([]);
          setFault(
            released.error.code === 'station-closed'
              ? t('station.release.closed')
              : t('station.desk.already-released'),
          );
          requestAnimationFrame(() => summary.current?.focus());
          return;
        }
        setProblems([]);
        setEntry({});
        // The voter's turn: back to the voter's screen, where Start now shows.
        lock();
        return;
      }
      await addRegistration(db, row);
      setProblems([]);
      setEntry({});
      setDone({ release });
      requestAnimationFrame(() => doneHeading.current?.focus());
    } catch (cause) {
      console.error('Registration not stored', cause);
      setFault(t('station.desk.failed'));
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const release = (submitter?.value as Release | undefined) ?? ways[0] ?? 'station';
    void register(release, false);
  };

  const next = () => {
    setDone(null);
    requestAnimationFrame(() => firstField.current?.focus());
  };

  const outsideArea = problems.some((p) => p.code === 'outside-area');
  const onlyOutsideArea = outsideArea && problems.length === 1;

  return (
    <Screen title={title} className={styles['desk']}>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          onClick={() => deskStore.getState().setOpen(false)}
        >
          {t('station.desk.back')}
        </button>
        <button type="button" className="button primary" onClick={lock}>
          {t('station.area.lock')}
        </button>
      </div>
      <p role="status" className={styles['count']}>
        {registered === undefined
          ? '…'
          : t('station.desk.count', {
              total: f.number(registered.total),
              waiting: f.number(registered.waiting),
            })}
      </p>

      {done !== null ? (
        <section aria-labelledby="desk-done" className={styles['done']}>
          <h2 id="desk-done" ref={doneHeading} tabIndex={-1}>
            {t('station.desk.done.title')}
          </h2>
          <p className="lead">{t(`station.desk.done.${done.release}`)}</p>
          <button type="button" className="button primary" onClick={next}>
            {t('station.desk.next')}
          </button>
        </section>
      ) : (
        <form onSubmit={submit} noValidate className={styles['form']}>
          <p>{checksText(t, desk)}</p>
          {(problems.length > 0 || fault !== undefined) && (
            <div ref={summary} tabIndex={-1} role="alert" className={`warn ${styles['problems']}`}>
              {fault !== undefined && <p>{fault}</p>}
              {problems.length > 0 && (
                <ul>
                  {problems.map((p, i) => (
                    <li key={i}>{problemText(t, p)}</li>
                  ))}
                </ul>
              )}
              {onlyOutsideArea && lastRelease !== undefined && (
                <>
                  <p>{t('station.desk.override.explain')}</p>
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => void register(lastRelease, true)}
                  >
                    {t('station.desk.override')}
                  </button>
                </>
              )}
            </div>
          )}

          {asks('name') && (
            <Text
              field="name"
              inputRef={firstField}
              value={entry.name ?? ''}
              onChange={(name) => set({ name })}
              wrong={problemAt('name') !== undefined}
              autoComplete="off"
            />
          )}
          {asks('postcode') && (
            <Text
              field="postcode"
              inputRef={asks('name') ? undefined : firstField}
              value={entry.postcode ?? ''}
              onChange={(postcode) => set({ postcode })}
              wrong={problemAt('postcode') !== undefined}
              autoComplete="off"
              autoCapitalize="characters"
            />
          )}
          {asks('street') && (
            <Text
              field="street"
              value={entry.street ?? ''}
              onChange={(street) => set({ street })}
              wrong={problemAt('street') !== undefined}
              autoComplete="off"
              list={desk.streets?.length ? 'desk-streets' : undefined}
            />
          )}
          {asks('street') && desk.streets !== undefined && desk.streets.length > 0 && (
            <datalist id="desk-streets">
              {desk.streets.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
          {asks('ageBand') && (
            <div className="field">
              <label htmlFor="desk-ageBand">{t('station.desk.field.ageBand')}</label>
              <p className="hint" id="desk-ageBand-hint">
                {t('station.desk.hint.ageBand')}
              </p>
              <select
                id="desk-ageBand"
                className={styles['select']}
                value={entry.ageBand ?? ''}
                onChange={(e) => set({ ageBand: e.currentTarget.value as DeskEntry['ageBand'] })}
                aria-describedby="desk-ageBand-hint"
                aria-invalid={problemAt('ageBand') !== undefined ? true : undefined}
              >
                <option value="">{t('station.desk.choose')}</option>
                {AGE_BANDS.map((band) => (
                  <option key={band} value={band}>
                    {t(`station.desk.age.${band}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {asks('connection') && (
            <fieldset
              className={styles['choices']}
              aria-invalid={problemAt('connection') !== undefined ? true : undefined}
            >
              <legend>{t('station.desk.field.connection')}</legend>
              {CONNECTIONS.map((c) => (
                <label key={c} className={styles['choice']}>
                  <input
                    type="radio"
                    name="desk-connection"
                    value={c}
                    checked={entry.connection === c}
                    onChange={() => set({ connection: c })}
                  />
                  {t(`station.desk.connection.${c}`)}
                </label>
              ))}
            </fieldset>
          )}

          <div className="actions">
            {ways.map((way, i) => (
              <BusyButton
                key={way}
                type="submit"
                name="release"
                value={way}
                busy={busy}
                className={`button ${i === 0 ? 'primary' : 'secondary'}`}
              >
                {t(`station.desk.register.${way}`)}
              </BusyButton>
            ))}
          </div>
        </form>
      )}

      <RegisterFile eventId={event.id} />

      <IdleTimeout
        active
        idleMs={timings.volunteerIdleMs}
        onTimeout={lock}
        consequence={t('station.area.idle-consequence')}
      />
    </Screen>
  );
}

/** With no network: the register saved as a file for the organiser to import. */
function RegisterFile({ eventId }: { eventId: string }) {
  const t = useT();
  const f = useFormat();
  const { db, now } = useServices();
  const [said, setSaid] = useState<{ text: string; failed: boolean }>();
  const save = async () => {
    try {
      const saved = await exportRegister(db, eventId, now());
      if (!saved.ok) {
        setSaid({ text: t('station.desk.file.empty'), failed: true });
        return;
      }
      downloadTextFile(saved.value.filename, saved.value.text, REGISTER_FILE_MIME);
      setSaid({
        text: t('station.desk.file.saved', {
          rows: f.number(saved.value.rows),
          file: saved.value.filename,
        }),
        failed: false,
      });
    } catch (cause) {
      console.error('Register not saved to a file', cause);
      setSaid({ text: t('station.desk.failed'), failed: true });
    }
  };
  return (
    <section aria-labelledby="desk-file-heading" className={styles['file']}>
      <h2 id="desk-file-heading">{t('station.desk.file.heading')}</h2>
      <p>{t('station.desk.file.explain')}</p>
      <button type="button" className="button secondary" onClick={() => void save()}>
        {t('station.desk.file.save')}
      </button>
      <p role="status">{said && !said.failed ? said.text : ''}</p>
      {said?.failed && (
        <p role="alert" className="notice">
          {said.text}
        </p>
      )}
    </section>
  );
}

function Text({
  field,
  value,
  onChange,
  wrong,
  inputRef,
  ...input
}: {
  field: 'name' | 'postcode' | 'street';
  value: string;
  onChange: (value: string) => void;
  wrong: boolean;
  inputRef?: React.Ref<HTMLInputElement> | undefined;
  autoComplete?: string;
  autoCapitalize?: string;
  list?: string | undefined;
}) {
  const t = useT();
  const id = `desk-${field}`;
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t(`station.desk.field.${field}`)}</label>
      <p className="hint" id={hintId}>
        {t(`station.desk.hint.${field}`)}
      </p>
      <input
        {...input}
        ref={inputRef}
        id={id}
        type="text"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-describedby={hintId}
        aria-invalid={wrong ? true : undefined}
      />
    </div>
  );
}

/** What the tablet checks, in one sentence above the form. */
function checksText(t: Translate, desk: Desk): string {
  const area = (desk.postcodes?.length ?? 0) + (desk.streets?.length ?? 0) > 0;
  if (area && desk.minimumAge !== undefined) {
    return t('station.desk.checks.both', { minimumAge: desk.minimumAge });
  }
  if (area) return t('station.desk.checks.area');
  if (desk.minimumAge !== undefined) {
    return t('station.desk.checks.age', { minimumAge: desk.minimumAge });
  }
  return t('station.desk.checks.none');
}

function problemText(t: Translate, problem: DeskProblem): string {
  const p = problem.params;
  switch (problem.code) {
    case 'missing':
      return t(`station.desk.problem.missing.${String(p['field'])}`);
    case 'too-long':
      return t(`station.desk.problem.too-long.${String(p['field'])}`, { max: p['max'] ?? 0 });
    case 'bad-postcode':
      return t('station.desk.problem.bad-postcode', { postcode: p['postcode'] ?? '' });
    case 'under-age':
      return t('station.desk.problem.under-age', { minimumAge: p['minimumAge'] ?? 0 });
    case 'outside-area': {
      const more = Number(p['more'] ?? 0);
      const text = t(`station.desk.problem.outside-area.${String(p['field'])}`, {
        value: p['value'] ?? '',
        list: p['list'] ?? '',
      });
      return more > 0
        ? `${text} ${t('station.desk.problem.outside-area.more', { count: more })}`
        : text;
    }
  }
}
