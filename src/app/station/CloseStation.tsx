/**
 * Closing a station at the end of the day (docs/check-in.md, "Closing a station"), in the
 * volunteer area. The closing sheet shows what the tablet counted: ballots released by a
 * volunteer (attended start) or registered at the desk, codes used, screen and paper ballots,
 * what reached the tally and what still waits. Counts that disagree need the volunteer's note.
 * Closing is final for this event on this tablet: it offers no new ballots, but its ballots and
 * the sheet still sync and export. The sheet is printable. An optional photo of the paper tally
 * sheet, made small here, is stored with the sheet and goes to the tally server by sync.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useRef, useState, type FormEvent } from 'react';
import {
  CLOSING_NOTE_MAX,
  closingMismatches,
  type ClosingMismatch,
  type ClosingSheet,
} from '../../core/closing.ts';
import type { EventDefinition } from '../../core/schema.ts';
import {
  closeStation,
  closingFigures,
  getClosing,
  type ClosingFigures,
  type ClosingPhoto,
  type ClosingRow,
} from '../../db/closing-repo.ts';
import type { Station } from '../../db/station-repo.ts';
import { useProblemText } from '../i18n/problems.ts';
import { useFormat, useT } from '../i18n/react.tsx';
import { FilePicker } from '../shared/FilePicker.tsx';
import { useServices } from '../shared/services.tsx';
import { BusyButton } from './BusyButton.tsx';
import { photoSource, prepareClosingPhoto, type PhotoProblem } from './closing-photo.ts';
import styles from './closing.module.css';

interface Props {
  station: Station;
  event: EventDefinition;
}

export function CloseStation({ station, event }: Props) {
  const t = useT();
  const { db } = useServices();
  const closing = useLiveQuery(
    async () => (await getClosing(db, event.id)) ?? null,
    [db, event.id],
  );
  const [open, setOpen] = useState(false);
  if (closing === undefined) return null;
  return (
    <section aria-labelledby="closing-heading" className={styles['closing']}>
      <h2 id="closing-heading">{t('station.closing.heading')}</h2>
      {closing !== null ? (
        <ClosedSheet row={closing} />
      ) : open ? (
        <CloseForm station={station} event={event} onCancel={() => setOpen(false)} />
      ) : (
        <>
          <p>{t('station.closing.explain')}</p>
          <button type="button" className="button secondary" onClick={() => setOpen(true)}>
            {t('station.closing.start')}
          </button>
        </>
      )}
    </section>
  );
}

function CloseForm({ station, event, onCancel }: Props & { onCancel: () => void }) {
  const t = useT();
  const { db, now } = useServices();
  const attended = event.checkIn?.attended === true;
  const figures = useLiveQuery(
    () => closingFigures(db, event.id, { attended }),
    [db, event.id, attended],
  );
  const [note, setNote] = useState('');
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [photo, setPhoto] = useState<{ photo: ClosingPhoto; sha256: string } | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  const noteHint = useId();
  const noteProblem = useId();
  if (figures === undefined) return <p role="status">{t('station.closing.counting')}</p>;

  const mismatches = closingMismatches(figures, { codes: event.checkIn?.codes === true });
  const noteMissing = mismatches.length > 0 && note.trim() === '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setShown(true);
    if (noteMissing) {
      noteRef.current?.focus();
      return;
    }
    setBusy(true);
    setFailed(false);
    const trimmed = note.trim();
    const sheet: ClosingSheet = {
      station: station.stationId,
      stationName: station.name,
      closedAt: now().toISOString(),
      ...figures,
      ...(trimmed === '' ? {} : { note: trimmed }),
      ...(photo === null ? {} : { photo: photo.sha256 }),
    };
    try {
      // Already closed (another tab): the live query shows that sheet instead.
      await closeStation(db, event.id, sheet, photo?.photo);
    } catch (cause) {
      console.error('The station could not be closed', cause);
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className={styles['form']}>
      <p>{t('station.closing.check')}</p>
      <SheetFigures figures={figures} />
      {mismatches.length > 0 && (
        <div className="notice">
          <p>{t('station.closing.mismatch')}</p>
          <ul>
            {mismatches.map((m) => (
              <li key={m.kind}>
                <MismatchText mismatch={m} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {figures.waiting > 0 && (
        <p className="notice">{t('station.closing.waiting', { count: figures.waiting })}</p>
      )}
      <div className={styles['field']}>
        <label htmlFor={noteId}>
          {t(mismatches.length > 0 ? 'station.closing.note.needed' : 'station.closing.note')}
        </label>
        <p id={noteHint} className={styles['hint']}>
          {t('station.closing.note.hint')}
        </p>
        <textarea
          ref={noteRef}
          id={noteId}
          rows={4}
          maxLength={CLOSING_NOTE_MAX}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          aria-invalid={shown && noteMissing ? true : undefined}
          aria-describedby={shown && noteMissing ? `${noteProblem} ${noteHint}` : noteHint}
          required={mismatches.length > 0}
        />
        {shown && noteMissing && (
          <p id={noteProblem} role="alert" className="notice">
            {t('station.closing.note.missing')}
          </p>
        )}
      </div>
      <PhotoField photo={photo} onPhoto={setPhoto} />
      {failed && (
        <p role="alert" className="notice">
          {t('station.closing.failed')}
        </p>
      )}
      <div className="actions">
        <BusyButton type="submit" className="button primary" busy={busy}>
          {t('station.closing.confirm')}
        </BusyButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('station.closing.cancel')}
        </button>
      </div>
    </form>
  );
}

/** "Add a photo of the paper tally sheet": optional, made small before it is kept. */
function PhotoField({
  photo,
  onPhoto,
}: {
  photo: { photo: ClosingPhoto; sha256: string } | null;
  onPhoto: (photo: { photo: ClosingPhoto; sha256: string } | null) => void;
}) {
  const t = useT();
  const id = useId();
  const hint = useId();
  const problemId = useId();
  const [preparing, setPreparing] = useState(false);
  const [problem, setProblem] = useState<PhotoProblem | null>(null);
  // A new picker after "Remove", so it no longer shows the removed file's name.
  const [picker, setPicker] = useState(0);
  const choose = async (file: File | undefined) => {
    if (file === undefined) return;
    setPreparing(true);
    setProblem(null);
    const prepared = await prepareClosingPhoto(file).finally(() => setPreparing(false));
    if (prepared.ok) onPhoto({ photo: prepared.photo, sha256: prepared.sha256 });
    else {
      setProblem(prepared.problem);
      onPhoto(null);
    }
  };
  return (
    <div className={styles['field']}>
      <label htmlFor={id}>{t('station.closing.photo.label')}</label>
      <p id={hint} className={styles['hint']}>
        {t('station.closing.photo.hint')}
      </p>
      <FilePicker
        key={picker}
        id={id}
        accept="image/*"
        capture="environment"
        chooseLabel={t('station.closing.photo.choose')}
        noneLabel={t('station.closing.photo.none')}
        aria-describedby={problem === null ? hint : `${problemId} ${hint}`}
        aria-invalid={problem === null ? undefined : true}
        onChange={(e) => void choose(e.currentTarget.files?.[0])}
      />
      {preparing && <p role="status">{t('station.closing.photo.preparing')}</p>}
      {problem !== null && (
        <p id={problemId} role="alert" className="notice">
          {t(`station.closing.photo.${problem}`)}
        </p>
      )}
      {photo !== null && (
        <div className={styles['photoChosen']}>
          <img
            src={photoSource(photo.photo)}
            alt={t('station.closing.photo.alt')}
            className={styles['photo']}
          />
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              onPhoto(null);
              setPicker((n) => n + 1);
            }}
          >
            {t('station.closing.photo.remove')}
          </button>
        </div>
      )}
    </div>
  );
}

function MismatchText({ mismatch }: { mismatch: ClosingMismatch }) {
  const t = useT();
  return (
    <>
      {t(`station.closing.mismatch.${mismatch.kind}`, {
        expected: mismatch.expected,
        ballots: mismatch.ballots,
      })}
    </>
  );
}

/** The counts, as a list of label and number (the same on screen and on paper). */
function SheetFigures({ figures }: { figures: ClosingFigures }) {
  const t = useT();
  const f = useFormat();
  const rows: [string, number][] = [];
  if (figures.released !== undefined) {
    rows.push(['station.closing.released', figures.released]);
    rows.push(['station.closing.unused', figures.unused ?? 0]);
  }
  if (figures.checkIns !== undefined) rows.push(['station.closing.check-ins', figures.checkIns]);
  rows.push(['station.closing.codes-used', figures.codesUsed]);
  rows.push(['station.closing.screen-ballots', figures.screenBallots]);
  rows.push(['station.closing.paper-ballots', figures.paperBallots]);
  rows.push(['station.closing.synced', figures.synced]);
  rows.push(['station.closing.waiting-count', figures.waiting]);
  return (
    <dl className={styles['figures']}>
      {rows.map(([key, value]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd>{f.number(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ClosedSheet({ row }: { row: ClosingRow }) {
  const t = useT();
  const f = useFormat();
  const say = useProblemText();
  const { sheet } = row;
  return (
    <div className={styles['sheet']}>
      <p className={styles['done']}>{t('station.closing.done')}</p>
      <dl className={styles['figures']}>
        <div>
          <dt>{t('station.closing.station')}</dt>
          <dd>{sheet.stationName}</dd>
        </div>
        <div>
          <dt>{t('station.closing.closed-at')}</dt>
          <dd>{f.dateTime(new Date(sheet.closedAt))}</dd>
        </div>
      </dl>
      <SheetFigures figures={sheet} />
      {sheet.note !== undefined && (
        <>
          <h3>{t('station.closing.note.heading')}</h3>
          <p className={styles['note']}>{sheet.note}</p>
        </>
      )}
      {row.photo !== undefined && (
        <>
          <h3>{t('station.closing.photo.heading')}</h3>
          <img
            src={photoSource(row.photo)}
            alt={t('station.closing.photo.alt')}
            className={styles['photo']}
          />
        </>
      )}
      {row.refused !== undefined ? (
        // The server holds another sheet of this station: only the organiser can sort it out.
        <p role="alert" className="notice">
          {say('api', { code: row.refused })}
        </p>
      ) : (
        <p role="status">
          {row.sentAt === undefined
            ? t('station.closing.not-sent')
            : t('station.closing.sent', { at: f.dateTime(new Date(row.sentAt)) })}
        </p>
      )}
      {sheet.waiting > 0 && <p>{t('station.closing.still-syncs')}</p>}
      <div className={`actions ${styles['noPrint']}`}>
        <button type="button" className="button secondary" onClick={() => window.print()}>
          {t('station.closing.print')}
        </button>
      </div>
    </div>
  );
}
