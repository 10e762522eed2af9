/**
 * Stations: the join code that lets a station join, which stations have delivered every ballot
 * they cast, and the ballots the server refused. "Missing" is what a station has cast but the
 * central file does not hold yet: the number to chase before the results are final. The table
 * refreshes by itself every STATION_POLL_MS.
 *
 * "Remove this tablet" (a lost or stolen tablet, docs/accounts.md) revokes a station after a
 * confirmation that says what happens: its ballots already sent stay and count, the server refuses
 * anything it sends from then on, and its volunteers are told. The row then says when it was removed.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { stationRevocationResponseSchema } from '../../../core/protocol.ts';
import { serverCalls, type StationStatus } from '../api.ts';
import { ProblemText } from '../components/problem-text.tsx';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { useSession } from '../session/session.tsx';
import { DataTable, NumberCell, type Column } from '../components/DataTable.tsx';
import { JoinCode } from '../components/JoinCode.tsx';
import { RejectedBallots } from '../components/RejectedBallots.tsx';
import { StationClosings } from './StationClosings.tsx';
import { EventMovingCode } from './EventMovingCode.tsx';
import { Button, Callout, LoadProblem, ScreenHeading, ui } from '../components/ui.tsx';
import { useOpenEvent } from '../layout/EventArea.tsx';
import {
  ApiError,
  problemOf,
  queryKeys,
  STATION_POLL_MS,
  useStations,
} from '../session/queries.ts';
import { useFormat, useT, type Translate } from '../../i18n/react.tsx';
import type { Formatters } from '../../i18n/react.tsx';
import styles from './StationsScreen.module.css';

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));

export function lastContactText(
  t: Translate,
  f: Formatters,
  iso: string | null,
  now: Date,
): string {
  if (iso === null) return t('organiser.stations.contact.never');
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return t('organiser.stations.contact.unknown');
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  const clock = f.time(then);
  if (minutes < 1) return t('organiser.stations.contact.just-now', { time: clock });
  if (minutes < 60) return t('organiser.stations.contact.minutes', { count: minutes, time: clock });
  return f.dateTime(then);
}

export function StationsScreen() {
  const t = useT();
  const { summary } = useOpenEvent();
  const stations = useStations(summary.id);
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.stations(summary.id) }),
      // The stations' ballots land in the central file: its count is shown too.
      client.invalidateQueries({ queryKey: queryKeys.events }),
    ]);

  return (
    <>
      <ScreenHeading
        title={t('organiser.title.event', {
          screen: t('organiser.nav.stations'),
          event: summary.name,
        })}
      >
        {t('organiser.stations.title')}
      </ScreenHeading>
      <JoinCode summary={summary} />
      <EventMovingCode eventId={summary.id} eventName={summary.name} />
      <section aria-labelledby="org-stations" className={ui.section}>
        <h2 id="org-stations">{t('organiser.stations.table.title')}</h2>
        <p className={`${ui.actions} ${ui.noPrint}`}>
          <Button
            onClick={() => void refresh()}
            busy={stations.isFetching}
            busyLabel={t('organiser.stations.refreshing')}
          >
            {t('organiser.stations.refresh')}
          </Button>
          <span className={ui.hint}>
            {t('organiser.stations.auto', { seconds: STATION_POLL_MS / 1000 })}
          </span>
        </p>
        {stations.isPending && <p role="status">{t('organiser.stations.loading')}</p>}
        {stations.isError && <LoadProblem error={stations.error} />}
        {stations.isSuccess && <StationsTable eventId={summary.id} stations={stations.data} />}
      </section>
      <StationClosings eventId={summary.id} />
      <RejectedBallots eventId={summary.id} />
    </>
  );
}

function StationsTable({ eventId, stations }: { eventId: string; stations: StationStatus[] }) {
  const t = useT();
  const f = useFormat();
  const { token } = useSession();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<StationStatus | null>(null);
  /** The station just removed, by name. */
  const [removed, setRemoved] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: async (station: StationStatus) => {
      const answer = await calls.json(
        `/events/${encodeURIComponent(eventId)}/stations/${encodeURIComponent(station.stationId)}/revocation`,
        stationRevocationResponseSchema,
        token,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
      );
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value.station;
    },
    onSuccess: async (station) => {
      setRemoved(station.name);
      await client.invalidateQueries({ queryKey: queryKeys.stations(eventId) });
    },
  });
  if (stations.length === 0) return <p>{t('organiser.stations.none')}</p>;
  const now = new Date();
  const missingTotal = stations.reduce((sum, s) => sum + s.missing, 0);
  const columns: Column[] = [
    { label: t('organiser.stations.column.station') },
    { label: t('organiser.stations.column.cast'), numeric: true },
    { label: t('organiser.stations.column.received'), numeric: true },
    { label: t('organiser.stations.column.missing'), numeric: true },
    { label: t('organiser.stations.column.contact') },
    { label: t('organiser.stations.column.tablet') },
  ];
  return (
    <>
      {missingTotal > 0 ? (
        <Callout kind="warning" role="status">
          {t('organiser.stations.missing-warning', { count: missingTotal })}
        </Callout>
      ) : (
        <Callout kind="success" role="status">
          {t('organiser.stations.all-in')}
        </Callout>
      )}
      {removed !== null && (
        <Callout kind="success" role="status">
          {t('organiser.stations.revoke.done', { station: removed })}
        </Callout>
      )}
      {revoke.isError && (
        <Callout kind="error" role="alert">
          <ProblemText problem={problemOf(revoke.error)} />
        </Callout>
      )}
      <DataTable caption={t('organiser.stations.table.caption')} columns={columns}>
        {stations.map((s) => (
          <tr
            key={s.stationId}
            className={
              s.revokedAt !== undefined
                ? styles['revoked']
                : s.missing > 0
                  ? styles['missing']
                  : undefined
            }
          >
            <th scope="row">{s.name}</th>
            <NumberCell>{f.number(s.cast)}</NumberCell>
            <NumberCell>{f.number(s.received)}</NumberCell>
            <NumberCell>
              {s.missing > 0 ? (
                <strong>
                  {f.number(s.missing)}{' '}
                  <span className={styles['flag']}>{t('organiser.stations.flag.missing')}</span>
                </strong>
              ) : (
                f.number(0)
              )}
            </NumberCell>
            <td>{lastContactText(t, f, s.lastContact, now)}</td>
            <td>
              {s.revokedAt !== undefined ? (
                <strong className={styles['removed']}>
                  {t('organiser.stations.revoked', { time: f.dateTime(new Date(s.revokedAt)) })}
                </strong>
              ) : (
                <Button
                  className={styles['remove']}
                  aria-label={t('organiser.stations.revoke.label', { station: s.name })}
                  busy={revoke.isPending && revoke.variables.stationId === s.stationId}
                  busyLabel={t('organiser.stations.revoke.busy')}
                  onClick={() => {
                    setRemoved(null);
                    revoke.reset();
                    setConfirming(s);
                  }}
                >
                  {t('organiser.stations.revoke')}
                </Button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {confirming !== null && (
        <ConfirmDialog
          title={t('organiser.stations.revoke.confirm.title', { station: confirming.name })}
          keepLabel={t('organiser.stations.revoke.confirm.keep')}
          confirmLabel={t('organiser.stations.revoke.confirm.yes')}
          onKeep={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            revoke.mutate(confirming);
          }}
        >
          {t('organiser.stations.revoke.confirm.explain')}
        </ConfirmDialog>
      )}
    </>
  );
}
