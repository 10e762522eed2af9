/**
 * The inclusion report (docs/results.md, "Inclusion report"): turnout per station, hour, language
 * used, paper or screen, and — where the event asked — age band and area. The server hides every
 * group of 1 to 9 (and one more where a single hidden group could be worked out by subtraction)
 * before anything reaches this screen; it shows each breakdown as a table whose figures carry a
 * bar beside them, says "hidden" in words for a hidden group, and saves the same figures as CSV.
 */
import { useQuery } from '@tanstack/react-query';
import {
  inclusionCsv,
  inclusionReportSchema,
  LANGUAGE_NOT_RECORDED,
  NOT_ANSWERED,
  type InclusionCell,
  type InclusionDimension,
  type InclusionTable,
} from '../../../core/inclusion.ts';
import { serverCalls } from '../api.ts';
import { DataTable, NumberCell } from '../components/DataTable.tsx';
import { useHourLabel } from '../components/hour-label.ts';
import { Button, Callout, LoadProblem, ScreenHeading, ui } from '../components/ui.tsx';
import { fileSlug } from '../download.ts';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { ApiError, STATION_POLL_MS } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import { answerKey } from '../../voter/questions/answer-key.ts';
import styles from './InclusionScreen.module.css';

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));

export function InclusionScreen() {
  const t = useT();
  const { summary } = useOpenEvent();
  const { token, saveFile } = useSession();
  const report = useQuery({
    queryKey: ['event', summary.id, 'inclusion'],
    queryFn: async () => {
      const path = `/events/${encodeURIComponent(summary.id)}/inclusion`;
      const answer = await calls.json(path, inclusionReportSchema, token);
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value;
    },
    refetchInterval: STATION_POLL_MS,
  });
  const empty = report.isSuccess && report.data.tables.every((x) => x.total === 0);

  return (
    <>
      <ScreenHeading
        title={t('organiser.title.event', {
          screen: t('organiser.nav.inclusion'),
          event: summary.name,
        })}
      >
        {t('organiser.inclusion.title')}
      </ScreenHeading>
      <p>{t('organiser.inclusion.intro')}</p>
      <Callout>
        <h2 className={styles['why']}>{t('organiser.inclusion.why.title')}</h2>
        <p>{t('organiser.inclusion.why.rule')}</p>
        <p>{t('organiser.inclusion.why.example')}</p>
        <p>{t('organiser.inclusion.why.language')}</p>
      </Callout>
      {report.isPending && <p role="status">{t('organiser.inclusion.loading')}</p>}
      {report.isError && <LoadProblem error={report.error} onRetry={() => void report.refetch()} />}
      {empty && <p>{t('organiser.inclusion.none')}</p>}
      {report.isSuccess && !empty && (
        <>
          <p>
            <Button
              onClick={() =>
                saveFile(
                  `${fileSlug(summary.name)}-inclusion.csv`,
                  inclusionCsv(report.data),
                  'text/csv',
                )
              }
            >
              {t('organiser.inclusion.download')}
            </Button>
          </p>
          {report.data.tables.map((table) => (
            <Breakdown key={table.dimension} table={table} />
          ))}
        </>
      )}
    </>
  );
}

/** Each breakdown's heading, first column and what its figures count. */
const HEADINGS: Record<InclusionDimension, string> = {
  station: 'organiser.inclusion.station.title',
  hour: 'organiser.inclusion.hour.title',
  language: 'organiser.inclusion.language.title',
  medium: 'organiser.inclusion.medium.title',
  'age-band': 'organiser.inclusion.age-band.title',
  area: 'organiser.inclusion.area.title',
};
const GROUP_COLUMNS: Record<InclusionDimension, string> = {
  station: 'organiser.inclusion.station.column',
  hour: 'organiser.inclusion.hour.column',
  language: 'organiser.inclusion.language.column',
  medium: 'organiser.inclusion.medium.column',
  'age-band': 'organiser.inclusion.age-band.column',
  area: 'organiser.inclusion.area.column',
};

/** One breakdown: a table whose every figure has its bar beside it (the bar hidden from screen
 * readers, which read the number); a hidden group says so in words and draws no bar. */
function Breakdown({ table }: { table: InclusionTable }) {
  const t = useT();
  const f = useFormat();
  const groupName = useGroupName();
  const people = table.dimension === 'age-band';
  const most = Math.max(1, ...table.groups.map((g) => ('count' in g ? g.count : 0)));
  // The total has no bar: the bars compare the groups.
  const figure = (cell: { suppressed: true } | { count: number }, bar = true) =>
    'count' in cell ? (
      <span className={styles['figure']}>
        <span className={styles['track']} aria-hidden="true">
          {bar && (
            <span
              className={styles['bar']}
              style={{ inlineSize: `${((cell.count / most) * 100).toFixed(1)}%` }}
            />
          )}
        </span>
        <span className={styles['number']}>{f.number(cell.count)}</span>
      </span>
    ) : (
      <span className={styles['figure']}>
        <span className={styles['track']} aria-hidden="true">
          {bar && <span className={styles['hiddenBar']} />}
        </span>
        <span className={styles['hidden']}>{t('organiser.inclusion.hidden')}</span>
      </span>
    );
  return (
    // The table's caption is the breakdown's visible title (as on the Equalities screen).
    <div className={ui.section}>
      {people && <p>{t('organiser.inclusion.age-band.source')}</p>}
      <DataTable
        caption={t(HEADINGS[table.dimension])}
        columns={[
          { label: t(GROUP_COLUMNS[table.dimension]) },
          {
            label: people ? t('organiser.inclusion.people') : t('organiser.inclusion.ballots'),
            numeric: true,
          },
        ]}
        footer={
          <tr>
            <th scope="row">{t('organiser.inclusion.total')}</th>
            <NumberCell>
              {figure(
                table.total === 'suppressed' ? { suppressed: true } : { count: table.total },
                false,
              )}
            </NumberCell>
          </tr>
        }
      >
        {table.groups.map((cell) => (
          <tr key={cell.group}>
            <th scope="row">{groupName(table.dimension, cell)}</th>
            <NumberCell>{figure(cell)}</NumberCell>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

/** A group as people read it: a station's name, an hour, a language's name, an age band… */
function useGroupName(): (dimension: InclusionDimension, cell: InclusionCell) => string {
  const t = useT();
  const { locale } = useFormat();
  const hourLabel = useHourLabel();
  const languages = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
  return (dimension, { group, name }) => {
    if (group === NOT_ANSWERED) return t('organiser.inclusion.not-answered');
    switch (dimension) {
      case 'station':
        return name ?? group;
      case 'hour':
        return hourLabel(group);
      case 'language':
        if (group === LANGUAGE_NOT_RECORDED) return t('organiser.inclusion.language.not-recorded');
        return languages.of(group) ?? group;
      case 'medium':
        return t(
          group === 'paper'
            ? 'organiser.inclusion.medium.paper'
            : 'organiser.inclusion.medium.screen',
        );
      case 'age-band':
        return t(answerKey('age-band', group));
      case 'area':
        return group;
    }
  };
}
