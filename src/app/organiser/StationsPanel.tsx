/**
 * Which stations have delivered every ballot they cast. "Missing" is what a station has cast but
 * the central file does not hold yet: the number to chase before the results are final.
 */
import type { OrganiserApi, StationStatus } from './api.ts';
import { DataTable, type Column } from './DataTable.tsx';
import { useInterval, useLoad } from './use-api.ts';

/** Often enough to watch stations catch up, rarely enough not to load a busy server. */
export const STATION_POLL_MS = 10_000;

interface Props {
  api: OrganiserApi;
  token: string;
  eventId: string;
  onSessionExpired: () => void;
  /** After each poll or refresh, so the rest of the page can notice new ballots too. */
  onRefreshed?: () => void;
  /** Injected so tests can fix "now"; the table says "2 minutes ago". */
  now?: () => Date;
}

export function lastContactText(iso: string | null, now: Date): string {
  if (iso === null) return 'never since joining';
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return 'unknown';
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  const clock = then.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (minutes < 1) return `just now (${clock})`;
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago (${clock})`;
  return then.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function StationsPanel({
  api,
  token,
  eventId,
  onSessionExpired,
  now = () => new Date(),
  onRefreshed,
}: Props) {
  const stations = useLoad(() => api.stations(token, eventId), onSessionExpired);
  const refresh = async () => {
    await stations.reload();
    onRefreshed?.();
  };
  useInterval(() => void refresh(), STATION_POLL_MS);
  const loaded = stations.loaded;

  return (
    <section aria-labelledby="org-stations" className="org-section">
      <h2 id="org-stations">Stations</h2>
      <p className="no-print">
        <button type="button" onClick={() => void refresh()} disabled={stations.refreshing}>
          {stations.refreshing ? 'Refreshing…' : 'Refresh stations'}
        </button>{' '}
        <span className="org-hint">Updates by itself every {STATION_POLL_MS / 1000} seconds.</span>
      </p>
      {loaded.state === 'loading' && <p role="status">Loading the stations…</p>}
      {loaded.state === 'error' && (
        <p className="org-error" role="alert">
          {loaded.error.message}
        </p>
      )}
      {loaded.state === 'ok' && <StationsTable stations={loaded.value} now={now()} />}
    </section>
  );
}

const STATION_COLUMNS: Column[] = [
  { label: 'Station' },
  { label: 'Cast', numeric: true },
  { label: 'Received', numeric: true },
  { label: 'Missing', numeric: true },
  { label: 'Last contact' },
];

function StationsTable({ stations, now }: { stations: StationStatus[]; now: Date }) {
  if (stations.length === 0) {
    return <p>No station has joined yet. Give volunteers the join code above.</p>;
  }
  const missingTotal = stations.reduce((sum, s) => sum + s.missing, 0);
  return (
    <>
      <p role="status" className={missingTotal > 0 ? 'org-warning' : undefined}>
        {missingTotal > 0
          ? `Warning: ${missingTotal.toLocaleString('en-GB')} ballot${missingTotal === 1 ? ' is' : 's are'} still on stations and not in the central file.`
          : 'Every ballot cast on a station is in the central file.'}
      </p>
      <DataTable caption="Ballots per station" columns={STATION_COLUMNS}>
        {stations.map((s) => (
          <tr key={s.stationId} className={s.missing > 0 ? 'org-row-missing' : undefined}>
            <th scope="row">{s.name}</th>
            <td className="num">{s.cast.toLocaleString('en-GB')}</td>
            <td className="num">{s.received.toLocaleString('en-GB')}</td>
            <td className="num">
              {s.missing > 0 ? (
                <strong>
                  {s.missing.toLocaleString('en-GB')} <span className="org-flag">missing</span>
                </strong>
              ) : (
                '0'
              )}
            </td>
            <td>{lastContactText(s.lastContact, now)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
