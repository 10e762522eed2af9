/**
 * The ballots of the central tally (docs/check-in.md#voids): found by kind (paper, screen, voided)
 * and station, each with its station, hour and choices in words, and the organiser's one change:
 * void a ballot (a paper ballot keyed wrongly, a second use of a voting code) with a reason. A void
 * is recorded in the tally file with who and when and never deletes the ballot; results stop
 * counting it. Once the count is final nothing can be voided (the server refuses it too).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import {
  ballotsResponseSchema,
  voidResponseSchema,
  type BallotRow,
  type BallotsResponse,
} from '../../../core/protocol.ts';
import type { EventDefinition } from '../../../core/schema.ts';
import { serverCalls, type ApiResult } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ProblemText } from '../components/problem-text.tsx';
import { ReasonField } from '../components/ReasonField.tsx';
import { Button, Callout, LoadProblem, ScreenHeading, ui } from '../components/ui.tsx';
import { useEventDetail } from '../editor/queries.ts';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { ApiError, problemOf, queryKeys, STATION_POLL_MS, useResults } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { Modal } from '../../shared/Modal.tsx';
import { ChoiceSummary } from '../../station/paper/ChoiceSummary.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import styles from './BallotsScreen.module.css';

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));
const path = (eventId: string, rest: string) => `/events/${encodeURIComponent(eventId)}/${rest}`;
export const ballotsKey = (eventId: string) => ['event', eventId, 'ballots'] as const;
/** Rows drawn at once: enough to find one by station and hour, few enough to stay quick. */
const SHOWN = 200;

type Kind = 'all' | 'paper' | 'screen' | 'voided';
const KINDS: readonly Kind[] = ['all', 'paper', 'screen', 'voided'];

async function unwrap<T>(answer: Promise<ApiResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

const byStationAndHour = (a: BallotRow, b: BallotRow) =>
  a.stationName.localeCompare(b.stationName) ||
  (a.castHour < b.castHour ? -1 : a.castHour > b.castHour ? 1 : a.id < b.id ? -1 : 1);

export function BallotsScreen() {
  const t = useT();
  const f = useFormat();
  const { summary } = useOpenEvent();
  const { token } = useSession();
  // The definition (to word each choice) from the counted tally file the results screen shares;
  // the state from the event's detail: once final, no Void buttons (the server refuses anyway).
  const results = useResults(summary.id);
  const detail = useEventDetail(summary.id);
  const ballots = useQuery({
    queryKey: ballotsKey(summary.id),
    queryFn: () => unwrap(calls.json(path(summary.id, 'ballots'), ballotsResponseSchema, token)),
    refetchInterval: STATION_POLL_MS,
  });
  const [kind, setKind] = useState<Kind>('all');
  const [station, setStation] = useState('');
  const [voiding, setVoiding] = useState<BallotRow | null>(null);
  const [voided, setVoided] = useState<string | null>(null);
  const filterId = useId();

  const event = results.data?.ok === true ? results.data.value.event : detail.data?.definition;
  const final = detail.data?.state === 'final';
  const data = ballots.data;
  const stations = data === undefined ? [] : [...new Set(data.ballots.map((b) => b.stationName))];
  const matching = (data?.ballots ?? [])
    .filter(
      (b) =>
        kind === 'all' ||
        (kind === 'paper' && b.paper) ||
        (kind === 'screen' && !b.paper) ||
        (kind === 'voided' && b.void !== null),
    )
    .filter((b) => station === '' || b.stationName === station)
    .sort(byStationAndHour);

  return (
    <>
      <ScreenHeading
        title={t('organiser.title.event', {
          screen: t('organiser.nav.ballots'),
          event: summary.name,
        })}
      >
        {t('organiser.ballots.title')}
      </ScreenHeading>
      <p>{t('organiser.ballots.intro')}</p>
      {final && <Callout>{t('organiser.ballots.final')}</Callout>}
      <div role="status">{voided !== null && <Callout kind="success">{voided}</Callout>}</div>
      {(ballots.isPending || event === undefined) && !ballots.isError && (
        <p role="status">{t('organiser.ballots.loading')}</p>
      )}
      {ballots.isError && (
        <LoadProblem error={ballots.error} onRetry={() => void ballots.refetch()} />
      )}
      {data !== undefined && event !== undefined && (
        <>
          <p data-testid="ballot-counts">
            {t('organiser.ballots.counts', {
              ballots: f.number(data.counts.ballots),
              paper: f.number(data.counts.paper),
              voided: f.number(data.counts.voided),
              counted: f.number(data.counts.ballots - data.counts.voided),
            })}
          </p>
          <div className={styles['filters']}>
            <fieldset className={styles['kinds']}>
              <legend>{t('organiser.ballots.filter.kind')}</legend>
              {KINDS.map((k) => (
                <label key={k} className={styles['kind']}>
                  <input
                    type="radio"
                    name={`${filterId}-kind`}
                    value={k}
                    checked={kind === k}
                    onChange={() => setKind(k)}
                  />
                  {t(`organiser.ballots.filter.${k}`)}
                </label>
              ))}
            </fieldset>
            <p className={styles['station']}>
              <label htmlFor={`${filterId}-station`}>{t('organiser.ballots.filter.station')}</label>
              <select
                id={`${filterId}-station`}
                value={station}
                onChange={(e) => setStation(e.target.value)}
              >
                <option value="">{t('organiser.ballots.filter.every-station')}</option>
                {stations.sort().map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </p>
          </div>
          {matching.length === 0 ? (
            <p>{t('organiser.ballots.none')}</p>
          ) : (
            <DataTable
              caption={t('organiser.ballots.caption', { count: f.number(matching.length) })}
              columns={[
                { label: t('organiser.ballots.col.station') },
                { label: t('organiser.ballots.col.hour') },
                { label: t('organiser.ballots.col.kind') },
                { label: t('organiser.ballots.col.choices') },
                { label: t('organiser.ballots.col.void') },
              ]}
            >
              {matching.slice(0, SHOWN).map((b) => (
                <tr key={b.id} className={b.void === null ? undefined : styles['voidedRow']}>
                  <td>{b.stationName}</td>
                  <td>{f.dateTime(new Date(b.castHour.replace(/Z$/, ':00Z')))}</td>
                  <td>{t(b.paper ? 'organiser.ballots.paper' : 'organiser.ballots.screen')}</td>
                  <td>
                    <ChoiceSummary event={event} choice={b.choice} />
                  </td>
                  <td>
                    {b.void !== null ? (
                      <VoidFacts row={b} />
                    ) : final ? null : (
                      <Button onClick={() => setVoiding(b)}>{t('organiser.ballots.void')}</Button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          {matching.length > SHOWN && (
            <p className={ui.hint}>
              {t('organiser.ballots.more', {
                shown: f.number(SHOWN),
                count: f.number(matching.length),
              })}
            </p>
          )}
        </>
      )}
      {voiding !== null && event !== undefined && (
        <VoidDialog
          event={event}
          row={voiding}
          onClose={() => setVoiding(null)}
          onVoided={() => {
            setVoiding(null);
            setVoided(t('organiser.ballots.voided-now', { station: voiding.stationName }));
          }}
        />
      )}
    </>
  );
}

function VoidFacts({ row }: { row: BallotRow }) {
  const t = useT();
  const f = useFormat();
  if (row.void === null) return null;
  return (
    <div className={styles['void']}>
      <p>
        <strong>{t('organiser.ballots.voided')}</strong>
      </p>
      <p>{t('organiser.ballots.voided-reason', { reason: row.void.reason })}</p>
      <p className={ui.hint}>
        {t('organiser.ballots.voided-by', {
          by: row.void.by,
          at: f.dateTime(new Date(row.void.at)),
        })}
      </p>
    </div>
  );
}

function VoidDialog({
  event,
  row,
  onClose,
  onVoided,
}: {
  event: EventDefinition;
  row: BallotRow;
  onClose: () => void;
  onVoided: () => void;
}) {
  const t = useT();
  const f = useFormat();
  const { token } = useSession();
  const client = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      unwrap(
        calls.json(path(event.id, 'voids'), voidResponseSchema, token, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ballot: row.id, reason }),
        }),
      ),
    onSuccess: async (answer) => {
      client.setQueryData<BallotsResponse>(ballotsKey(event.id), (old) =>
        old === undefined
          ? old
          : {
              ballots: old.ballots.map((b) => (b.id === row.id ? { ...b, void: answer.void } : b)),
              counts: { ...old.counts, voided: old.counts.voided + 1 },
            },
      );
      // Results and exports count ballots minus voided ones: they re-read the tally file.
      await client.invalidateQueries({ queryKey: queryKeys.event(event.id) });
      onVoided();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    if (!send.isPending) send.mutate();
  };
  return (
    <Modal
      title={t('organiser.ballots.dialog.title')}
      role="alertdialog"
      onClose={onClose}
      description={t('organiser.ballots.dialog.explain', {
        station: row.stationName,
        hour: f.dateTime(new Date(row.castHour.replace(/Z$/, ':00Z'))),
      })}
    >
      <div className={styles['dialogChoice']}>
        <ChoiceSummary event={event} choice={row.choice} />
      </div>
      <form onSubmit={submit} noValidate>
        <ReasonField
          id={id}
          label={t('organiser.ballots.dialog.reason')}
          hint={t('organiser.ballots.dialog.reason-hint')}
          missing={missing ? t('organiser.ballots.dialog.reason-missing') : null}
          value={reason}
          onChange={(value) => {
            setReason(value);
            setMissing(false);
          }}
        />
        {send.isError && (
          <Callout kind="error" role="alert">
            <ProblemText problem={problemOf(send.error)} />
          </Callout>
        )}
        <div className={ui.actions}>
          <Button onClick={onClose} data-autofocus>
            {t('organiser.ballots.dialog.keep')}
          </Button>
          <Button
            type="submit"
            primary
            className={styles['danger']}
            busy={send.isPending}
            busyLabel={t('organiser.ballots.dialog.busy')}
          >
            {t('organiser.ballots.dialog.confirm')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
