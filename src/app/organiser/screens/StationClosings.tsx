/**
 * On the Stations screen (docs/check-in.md, "Closing a station"): each station's closing sheet
 * (or "not closed yet"), its reconciliation against the central tally (ballots on the sheet and
 * in the tally, releases and codes against screen ballots, voids), and turnout by station and
 * hour. Stations are matched by the id their ballots carry; a station known only from an imported
 * file is named by its sheet.
 */
import { useQuery } from '@tanstack/react-query';
import type {
  ClosingView,
  StationTally,
  StationsResponse,
  Turnout,
} from '../../../core/protocol.ts';
import { DataTable, NumberCell, type Column } from '../components/DataTable.tsx';
import { useHourLabel } from '../components/hour-label.ts';
import { Callout, LoadProblem, ui } from '../components/ui.tsx';
import { queryKeys, STATION_POLL_MS, ApiError } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import styles from './StationClosings.module.css';

/** A tablet clock this far from the server's at closing is worth a word. */
const CLOCK_GAP_MS = 60 * 60_000;

function useStationReport(eventId: string) {
  const { api, token } = useSession();
  const report = api.stationReport?.bind(api);
  return useQuery({
    // Under the stations key, so "Refresh" on the screen refreshes this too.
    queryKey: [...queryKeys.stations(eventId), 'report'] as const,
    queryFn: async (): Promise<StationsResponse> => {
      if (report === undefined) return { stations: [] };
      const answer = await report(token, eventId);
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value;
    },
    // A client without the report (a test double) asks nothing and shows nothing.
    enabled: report !== undefined,
    refetchInterval: STATION_POLL_MS,
  });
}

/** One station as the organiser reads it: its sheet and what the tally holds of it. */
export interface StationLine {
  /** The id its ballots carry. */
  station: string;
  name: string;
  closing: ClosingView | undefined;
  tally: StationTally | undefined;
}

/** Joins closings, tallies and the joined stations' names by the id the ballots carry. */
export function stationLines(report: StationsResponse): StationLine[] {
  const ids = new Set<string>();
  for (const c of report.closings ?? []) ids.add(c.sheet.station);
  for (const t of report.tallies ?? []) ids.add(t.station);
  for (const s of report.stations) if (s.ballotStation !== undefined) ids.add(s.ballotStation);
  return [...ids]
    .map((station) => {
      const closing = report.closings?.find((c) => c.sheet.station === station);
      const tally = report.tallies?.find((t) => t.station === station);
      const joined = report.stations.find(
        (s) =>
          s.ballotStation === station ||
          (closing?.joined != null && s.stationId === closing.joined),
      );
      return {
        station,
        name: closing?.sheet.stationName ?? joined?.name ?? station,
        closing,
        tally,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function StationClosings({ eventId }: { eventId: string }) {
  const t = useT();
  const report = useStationReport(eventId);
  if (report.fetchStatus === 'idle' && report.isPending) return null;
  return (
    <section aria-labelledby="org-closings" className={ui.section}>
      <h2 id="org-closings">{t('organiser.closing.title')}</h2>
      <p className={ui.hint}>{t('organiser.closing.intro')}</p>
      {report.isPending && <p role="status">{t('organiser.stations.loading')}</p>}
      {report.isError && <LoadProblem error={report.error} />}
      {report.isSuccess && <Report report={report.data} />}
    </section>
  );
}

function Report({ report }: { report: StationsResponse }) {
  const t = useT();
  const lines = stationLines(report);
  if (lines.length === 0) return <p>{t('organiser.closing.none')}</p>;
  return (
    <>
      <Reconciliation lines={lines} />
      {lines.map((line) => (
        <Sheet key={line.station} line={line} />
      ))}
      <TurnoutTable lines={lines} turnout={report.turnout ?? []} />
    </>
  );
}

/** What the sheet says against what the tally holds; each difference in words. */
function differences(line: StationLine): { key: string; values: Record<string, number> }[] {
  const { closing, tally } = line;
  if (closing === undefined) return [];
  const sheet = closing.sheet;
  const central = (tally?.screen ?? 0) + (tally?.paper ?? 0);
  const onSheet = sheet.screenBallots + sheet.paperBallots;
  const out: { key: string; values: Record<string, number> }[] = [];
  if (central < onSheet) {
    out.push({ key: 'organiser.closing.diff.missing', values: { count: onSheet - central } });
  }
  if (central > onSheet) {
    out.push({ key: 'organiser.closing.diff.extra', values: { count: central - onSheet } });
  }
  if (sheet.released !== undefined) {
    const used = sheet.released - (sheet.unused ?? 0);
    if (used !== sheet.screenBallots) {
      out.push({
        key: 'organiser.closing.diff.released',
        values: { used, ballots: sheet.screenBallots },
      });
    }
  }
  if (tally !== undefined && tally.codes > 0 && sheet.codesUsed !== tally.codes) {
    out.push({
      key: 'organiser.closing.diff.codes',
      values: { used: sheet.codesUsed, ballots: tally.codes },
    });
  }
  return out;
}

function Reconciliation({ lines }: { lines: StationLine[] }) {
  const t = useT();
  const f = useFormat();
  const columns: Column[] = [
    { label: t('organiser.closing.column.station') },
    { label: t('organiser.closing.column.sheet') },
    { label: t('organiser.closing.column.released'), numeric: true },
    { label: t('organiser.closing.column.on-sheet'), numeric: true },
    { label: t('organiser.closing.column.central'), numeric: true },
    { label: t('organiser.closing.column.paper'), numeric: true },
    { label: t('organiser.closing.column.codes'), numeric: true },
    { label: t('organiser.closing.column.voided'), numeric: true },
    { label: t('organiser.closing.column.agreement') },
  ];
  return (
    <DataTable caption={t('organiser.closing.table.caption')} columns={columns}>
      {lines.map((line) => {
        const sheet = line.closing?.sheet;
        const diffs = differences(line);
        const central = (line.tally?.screen ?? 0) + (line.tally?.paper ?? 0);
        return (
          <tr key={line.station} className={diffs.length > 0 ? styles['differs'] : undefined}>
            <th scope="row">{line.name}</th>
            <td>
              {sheet === undefined
                ? t('organiser.closing.not-closed')
                : t('organiser.closing.closed-at', { time: f.dateTime(new Date(sheet.closedAt)) })}
            </td>
            <NumberCell>
              {sheet?.released === undefined
                ? '—'
                : t('organiser.closing.released-used', {
                    released: f.number(sheet.released),
                    used: f.number(sheet.released - (sheet.unused ?? 0)),
                  })}
            </NumberCell>
            <NumberCell>
              {sheet === undefined ? '—' : f.number(sheet.screenBallots + sheet.paperBallots)}
            </NumberCell>
            <NumberCell>{f.number(central)}</NumberCell>
            <NumberCell>{f.number(line.tally?.paper ?? 0)}</NumberCell>
            <NumberCell>
              {sheet === undefined
                ? f.number(line.tally?.codes ?? 0)
                : `${f.number(sheet.codesUsed)} / ${f.number(line.tally?.codes ?? 0)}`}
            </NumberCell>
            <NumberCell>{f.number(line.tally?.voided ?? 0)}</NumberCell>
            <td>
              {sheet === undefined ? (
                t('organiser.closing.agreement.open')
              ) : diffs.length === 0 ? (
                t('organiser.closing.agreement.matches')
              ) : (
                <ul className={styles['diffs']}>
                  {diffs.map((d) => (
                    <li key={d.key}>{t(d.key, d.values)}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

/** One closing sheet as the volunteer closed it, with the server's receipt time. */
function Sheet({ line }: { line: StationLine }) {
  const t = useT();
  const f = useFormat();
  const headingId = `org-sheet-${line.station}`;
  const closing = line.closing;
  if (closing === undefined) return null;
  const { sheet } = closing;
  const closedAt = new Date(sheet.closedAt);
  const receivedAt = closing.receivedAt === null ? null : new Date(closing.receivedAt);
  // The sheet can only reach the server after it was made: a big gap either way is the clock.
  const clockOff = receivedAt !== null && closedAt.getTime() - receivedAt.getTime() > CLOCK_GAP_MS;
  const rows: [string, number][] = [];
  if (sheet.released !== undefined) {
    rows.push(['organiser.closing.sheet.released', sheet.released]);
    rows.push(['organiser.closing.sheet.unused', sheet.unused ?? 0]);
  }
  if (sheet.checkIns !== undefined)
    rows.push(['organiser.closing.sheet.check-ins', sheet.checkIns]);
  rows.push(['organiser.closing.sheet.codes-used', sheet.codesUsed]);
  rows.push(['organiser.closing.sheet.screen', sheet.screenBallots]);
  rows.push(['organiser.closing.sheet.paper', sheet.paperBallots]);
  rows.push(['organiser.closing.sheet.synced', sheet.synced]);
  rows.push(['organiser.closing.sheet.waiting', sheet.waiting]);
  return (
    <section aria-labelledby={headingId} className={styles['sheet']}>
      <h3 id={headingId}>{t('organiser.closing.sheet.title', { station: line.name })}</h3>
      <dl className={styles['figures']}>
        <div>
          <dt>{t('organiser.closing.sheet.closed-at')}</dt>
          <dd>{f.dateTime(closedAt)}</dd>
        </div>
        <div>
          <dt>{t('organiser.closing.sheet.received-at')}</dt>
          <dd>
            {receivedAt === null
              ? t('organiser.closing.sheet.received-unknown')
              : f.dateTime(receivedAt)}
          </dd>
        </div>
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{f.number(value)}</dd>
          </div>
        ))}
      </dl>
      {clockOff && (
        <Callout kind="warning">
          <p>{t('organiser.closing.sheet.clock')}</p>
        </Callout>
      )}
      {sheet.note !== undefined && (
        <blockquote className={styles['note']}>
          <p>{t('organiser.closing.sheet.note', { note: sheet.note })}</p>
        </blockquote>
      )}
      {sheet.photo !== undefined &&
        (closing.photoPath != null ? (
          <figure className={styles['photo']}>
            {/* The photo comes only by sync: a link opens it whole, to read the handwriting. */}
            <a
              href={`${import.meta.env.BASE_URL}${closing.photoPath}`}
              target="_blank"
              rel="noreferrer"
            >
              <img
                src={`${import.meta.env.BASE_URL}${closing.photoPath}`}
                alt={t('organiser.closing.sheet.photo-alt', { station: line.name })}
              />
            </a>
            <figcaption>{t('organiser.closing.sheet.photo')}</figcaption>
          </figure>
        ) : (
          <p>{t('organiser.closing.sheet.photo-missing')}</p>
        ))}
    </section>
  );
}

/** Ballots in the central tally per hour (rows) and station (columns), hours in UTC. */
function TurnoutTable({ lines, turnout }: { lines: StationLine[]; turnout: readonly Turnout[] }) {
  const t = useT();
  const f = useFormat();
  const hourLabel = useHourLabel();
  if (turnout.length === 0) return null;
  const hours = [...new Set(turnout.map((x) => x.hour))].sort();
  const count = (station: string, hour: string) =>
    turnout.find((x) => x.station === station && x.hour === hour)?.ballots ?? 0;
  const totals = hours.map((h) =>
    turnout.filter((x) => x.hour === h).reduce((n, x) => n + x.ballots, 0),
  );
  const most = Math.max(1, ...totals);
  const columns: Column[] = [
    { label: t('organiser.closing.turnout.column.hour') },
    ...lines.map((l) => ({ label: l.name, numeric: true })),
    { label: t('organiser.closing.turnout.column.total'), numeric: true },
  ];
  return (
    <section aria-labelledby="org-turnout" className={ui.section}>
      <h3 id="org-turnout">{t('organiser.closing.turnout.title')}</h3>
      <DataTable caption={t('organiser.closing.turnout.caption')} columns={columns}>
        {hours.map((hour, i) => (
          <tr key={hour}>
            <th scope="row">{hourLabel(hour)}</th>
            {lines.map((l) => (
              <NumberCell key={l.station}>{f.number(count(l.station, hour))}</NumberCell>
            ))}
            <NumberCell>
              <span className={styles['total']}>
                {/* A bar beside the number: the same figure, drawn; screen readers read the number. */}
                <span
                  aria-hidden="true"
                  className={styles['bar']}
                  style={{ inlineSize: `${(((totals[i] ?? 0) / most) * 6).toFixed(2)}rem` }}
                />
                {f.number(totals[i] ?? 0)}
              </span>
            </NumberCell>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
