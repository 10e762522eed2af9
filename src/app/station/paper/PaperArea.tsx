/**
 * "Enter paper ballots", behind the volunteer PIN (docs/check-in.md#paper-ballots). Without double
 * entry each paper ballot is cast as soon as it is keyed. With double entry a first volunteer keys
 * the pile, a second keys the same pile again, and the two entries of each ballot are compared:
 * where they differ both are shown side by side for a person to decide, and nothing is cast until
 * every ballot is agreed or decided. Every entry is saved as it is keyed, so leaving halfway (the
 * lock, a reload, a flat battery) loses nothing: the pile is offered again here.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { readyToCast, type PaperComparison } from '../../../core/paper-entry.ts';
import type { Choice, EventDefinition } from '../../../core/schema.ts';
import {
  castPaperBallot,
  castPile,
  countPaperBallots,
  discardPile,
  finishFirstPass,
  openPiles,
  pileView,
  saveEntry,
  startPile,
} from '../../../db/paper-repo.ts';
import { isStationClosed } from '../../../db/station-closed.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { useProblemText } from '../../i18n/problems.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { IdleTimeout } from '../../shared/IdleTimeout.tsx';
import { Screen } from '../../shared/Screen.tsx';
import { useServices } from '../../shared/services.tsx';
import { useSession } from '../../shared/session-context.ts';
import { BusyButton } from '../BusyButton.tsx';
import { ChoiceSummary } from './ChoiceSummary.tsx';
import { PaperBallotForm } from './PaperBallotForm.tsx';
import { paperStore } from './paper-store.ts';
import styles from './paper.module.css';
import area from '../station.module.css';

type View = { kind: 'start' } | { kind: 'single' } | { kind: 'pile'; pileId: string };

export function PaperArea({ event }: { event: EventDefinition }) {
  const t = useT();
  const f = useFormat();
  const { db, now, timings } = useServices();
  const lock = useSession((s) => s.lockVolunteer);
  const [view, setView] = useState<View>({ kind: 'start' });
  const [done, setDone] = useState<string | null>(null);
  const count = useLiveQuery(() => countPaperBallots(db, event.id), [db, event.id]);
  // Once the station has closed nothing more is keyed: its closing sheet counted what was.
  const closed = useLiveQuery(() => isStationClosed(db, event.id), [db, event.id]);
  // Still loading counts as open: paper-repo refuses a cast after the closing in any case.
  const open = closed !== true;

  return (
    <Screen title={t('station.paper.title')} className={area['area']}>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          onClick={() => paperStore.getState().setOpen(false)}
        >
          {t('station.paper.back')}
        </button>
        <button type="button" className="button primary" onClick={lock}>
          {t('station.area.lock')}
        </button>
      </div>
      <p className="lead" data-testid="paper-count">
        {t('station.paper.count', { count: count === undefined ? '…' : f.number(count) })}
      </p>
      <p role="status" className={styles['status']}>
        {done}
      </p>
      {closed === true && (
        <p role="alert" className="notice">
          {t('station.paper.closed')}
        </p>
      )}
      {open && view.kind === 'start' && (
        <Start
          event={event}
          onSingle={() => {
            setDone(null);
            setView({ kind: 'single' });
          }}
          onPile={(pileId) => {
            setDone(null);
            setView({ kind: 'pile', pileId });
          }}
        />
      )}
      {open && view.kind === 'single' && (
        <PaperBallotForm
          event={event}
          heading={t('station.paper.single.heading')}
          submitLabel={t('station.paper.cast')}
          onSubmit={async (choice) => {
            const cast = await castPaperBallot(db, event, choice, now());
            if (!cast.ok) return cast.error;
            setDone(t('station.paper.cast-done'));
            return null;
          }}
        >
          <button
            type="button"
            className="button secondary"
            onClick={() => setView({ kind: 'start' })}
          >
            {t('station.paper.finish')}
          </button>
        </PaperBallotForm>
      )}
      {open && view.kind === 'pile' && (
        <Pile
          event={event}
          pileId={view.pileId}
          onDone={(cast) => {
            setDone(t('station.paper.pile.cast-done', { count: f.number(cast) }));
            setView({ kind: 'start' });
          }}
        />
      )}
      {open && view.kind === 'pile' && (
        <DiscardPile
          pileId={view.pileId}
          onDiscarded={() => {
            setDone(t('station.paper.discarded'));
            setView({ kind: 'start' });
          }}
        />
      )}
      <IdleTimeout
        active
        idleMs={timings.volunteerIdleMs}
        onTimeout={lock}
        consequence={t('station.area.idle-consequence')}
      />
    </Screen>
  );
}

function Start({
  event,
  onSingle,
  onPile,
}: {
  event: EventDefinition;
  onSingle: () => void;
  onPile: (pileId: string) => void;
}) {
  const t = useT();
  const f = useFormat();
  const { db, now } = useServices();
  const [double, setDouble] = useState(false);
  const piles = useLiveQuery(() => openPiles(db, event.id), [db, event.id]);
  const headingId = useId();
  const pilesId = useId();
  return (
    <>
      {piles !== undefined && piles.length > 0 && (
        <section aria-labelledby={pilesId}>
          <h2 id={pilesId}>{t('station.paper.piles.heading')}</h2>
          <ul className={styles['piles']}>
            {piles.map((pile) => (
              <li key={pile.id}>
                <span>
                  {t(
                    pile.stage === 'first'
                      ? 'station.paper.piles.first'
                      : 'station.paper.piles.second',
                    { time: f.time(new Date(pile.startedAt)) },
                  )}
                </span>
                <button type="button" className="button secondary" onClick={() => onPile(pile.id)}>
                  {t('station.paper.piles.resume')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>{t('station.paper.start.heading')}</h2>
        <p>{t('station.paper.explain')}</p>
        <p className={styles['check']}>
          <input
            id={`${headingId}-double`}
            type="checkbox"
            checked={double}
            onChange={(e) => setDouble(e.target.checked)}
          />
          <label htmlFor={`${headingId}-double`}>{t('station.paper.double.label')}</label>
        </p>
        <button
          type="button"
          className="button primary"
          onClick={() => {
            if (!double) {
              onSingle();
              return;
            }
            void startPile(db, event.id, now()).then(
              (pile) => onPile(pile.id),
              (cause: unknown) => console.error('Pile not started', cause),
            );
          }}
        >
          {t('station.paper.start')}
        </button>
      </section>
    </>
  );
}

function Pile({
  event,
  pileId,
  onDone,
}: {
  event: EventDefinition;
  pileId: string;
  onDone: (cast: number) => void;
}) {
  const t = useT();
  const f = useFormat();
  const { db } = useServices();
  const view = useLiveQuery(() => pileView(db, pileId), [db, pileId]);
  if (view === undefined) return <p className="loading">{t('app.loading')}</p>;
  const { pile, first, second } = view;

  if (pile.stage === 'first') {
    const position = first.length + 1;
    return (
      <>
        <p>{t('station.paper.first.explain', { count: f.number(first.length) })}</p>
        <PaperBallotForm
          key={`1-${position}`}
          event={event}
          heading={t('station.paper.first.heading', { number: f.number(position) })}
          submitLabel={t('station.paper.save')}
          onSubmit={async (choice) => {
            const saved = await saveEntry(db, event, pileId, 1, position, choice);
            return saved.ok ? null : saved.error;
          }}
        >
          {first.length > 0 && (
            <button
              type="button"
              className="button secondary"
              onClick={() => void finishFirstPass(db, pileId)}
            >
              {t('station.paper.first.done')}
            </button>
          )}
        </PaperBallotForm>
      </>
    );
  }

  const size = pile.size ?? first.length;
  if (second.length < size) {
    const position = second.length + 1;
    return (
      <>
        <p className="notice">{t('station.paper.second.explain')}</p>
        <PaperBallotForm
          key={`2-${position}`}
          event={event}
          heading={t('station.paper.second.heading', {
            number: f.number(position),
            size: f.number(size),
          })}
          submitLabel={t('station.paper.save')}
          onSubmit={async (choice) => {
            const saved = await saveEntry(db, event, pileId, 2, position, choice);
            return saved.ok ? null : saved.error;
          }}
        />
      </>
    );
  }
  return <Compare event={event} pileId={pileId} comparison={view.comparison} onDone={onDone} />;
}

function Compare({
  event,
  pileId,
  comparison,
  onDone,
}: {
  event: EventDefinition;
  pileId: string;
  comparison: PaperComparison[];
  onDone: (cast: number) => void;
}) {
  const t = useT();
  const f = useFormat();
  const problemText = useProblemText();
  const { db, now } = useServices();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const headingId = useId();
  const agreed = comparison.filter((c) => c.status === 'agreed').length;
  const open = comparison.filter((c) => c.status === 'mismatch').length;
  const ready = readyToCast(comparison) !== null;

  const cast = async () => {
    setBusy(true);
    const result = await castPile(db, event, pileId, now()).finally(() => setBusy(false));
    if (result.ok) onDone(result.value.length);
    else setFailed(problemText('cast', result.error));
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('station.paper.compare.heading')}</h2>
      <p>
        {t('station.paper.compare.agreed', {
          agreed: f.number(agreed),
          size: f.number(comparison.length),
        })}
      </p>
      {comparison.map((c) =>
        c.status === 'mismatch' || c.status === 'resolved' ? (
          <Mismatch key={c.position} event={event} pileId={pileId} comparison={c} />
        ) : null,
      )}
      {open > 0 && (
        <p className="notice">{t('station.paper.compare.blocked', { count: f.number(open) })}</p>
      )}
      {failed !== null && (
        <p role="alert" className="notice">
          {failed}
        </p>
      )}
      {ready && (
        <div className="actions">
          <BusyButton busy={busy} className="button primary" onClick={() => void cast()}>
            {t('station.paper.compare.cast', { count: f.number(comparison.length) })}
          </BusyButton>
        </div>
      )}
    </section>
  );
}

function Mismatch({
  event,
  pileId,
  comparison: c,
}: {
  event: EventDefinition;
  pileId: string;
  comparison: Extract<PaperComparison, { status: 'mismatch' | 'resolved' }>;
}) {
  const t = useT();
  const f = useFormat();
  const { db } = useServices();
  const [rekey, setRekey] = useState(false);
  const headingId = useId();
  const decide = (choice: Choice) => saveEntry(db, event, pileId, 3, c.position, choice);
  const number = f.number(c.position);
  return (
    <section aria-labelledby={headingId} className={styles['mismatch']}>
      <h3 id={headingId}>{t('station.paper.mismatch.heading', { number })}</h3>
      <div className={styles['sides']}>
        <div>
          <h4>{t('station.paper.mismatch.first')}</h4>
          <ChoiceSummary event={event} choice={c.first} />
          <button type="button" className="button secondary" onClick={() => void decide(c.first)}>
            {t('station.paper.mismatch.take-first', { number })}
          </button>
        </div>
        <div>
          <h4>{t('station.paper.mismatch.second')}</h4>
          <ChoiceSummary event={event} choice={c.second} />
          <button type="button" className="button secondary" onClick={() => void decide(c.second)}>
            {t('station.paper.mismatch.take-second', { number })}
          </button>
        </div>
      </div>
      {c.status === 'resolved' && (
        <div className={styles['decided']}>
          <p>
            <strong>{t('station.paper.mismatch.decided', { number })}</strong>
          </p>
          <ChoiceSummary event={event} choice={c.choice} />
        </div>
      )}
      {rekey ? (
        <PaperBallotForm
          event={event}
          heading={t('station.paper.mismatch.rekey-heading', { number })}
          submitLabel={t('station.paper.mismatch.rekey-save')}
          onSubmit={async (choice) => {
            const saved = await decide(choice);
            if (!saved.ok) return saved.error;
            setRekey(false);
            return null;
          }}
        />
      ) : (
        <button type="button" className="button secondary" onClick={() => setRekey(true)}>
          {t('station.paper.mismatch.rekey', { number })}
        </button>
      )}
    </section>
  );
}

/** A pile started by mistake, or keyed from the wrong papers: deleted whole, before any is cast. */
function DiscardPile({ pileId, onDiscarded }: { pileId: string; onDiscarded: () => void }) {
  const t = useT();
  const { db } = useServices();
  const [asking, setAsking] = useState(false);
  const view = useLiveQuery(() => pileView(db, pileId), [db, pileId]);
  if (view === undefined || view.pile.cast.length > 0 || view.pile.stage === 'done') return null;
  return (
    <p className={styles['discard']}>
      <button type="button" className="button secondary" onClick={() => setAsking(true)}>
        {t('station.paper.discard')}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('station.paper.discard.title')}
          keepLabel={t('station.paper.discard.keep')}
          confirmLabel={t('station.paper.discard.confirm')}
          onKeep={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void discardPile(db, pileId).then(onDiscarded, (cause: unknown) =>
              console.error('Pile not discarded', cause),
            );
          }}
        >
          {t('station.paper.discard.explain')}
        </ConfirmDialog>
      )}
    </p>
  );
}
