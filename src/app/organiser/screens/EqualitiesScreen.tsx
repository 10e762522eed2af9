/**
 * The equalities answers as the organiser sees them (docs/check-in.md, "Equalities questions"):
 * per question, how many gave each answer and how many skipped it, with every group under 10
 * shown as "fewer than 10". The answers are never linked to a ballot; this screen shows no ballot.
 * The inclusion report (issue 10) reads the same endpoint.
 */
import { useQuery } from '@tanstack/react-query';
import { equalitiesSummarySchema } from '../../../core/equalities-protocol.ts';
import { serverCalls } from '../api.ts';
import { DataTable, NumberCell } from '../components/DataTable.tsx';
import { LoadProblem, ScreenHeading } from '../components/ui.tsx';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { ApiError, STATION_POLL_MS } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import { answerKey } from '../../voter/questions/answer-key.ts';

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));

export function EqualitiesScreen() {
  const t = useT();
  const f = useFormat();
  const { summary } = useOpenEvent();
  const { token } = useSession();
  const counts = useQuery({
    queryKey: ['event', summary.id, 'equalities'] as const,
    queryFn: async () => {
      const path = `/events/${encodeURIComponent(summary.id)}/equalities`;
      const answer = await calls.json(path, equalitiesSummarySchema, token);
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value;
    },
    refetchInterval: STATION_POLL_MS,
  });
  const shown = (c: { count: number } | { suppressed: true }) =>
    'count' in c ? f.number(c.count) : t('organiser.equalities.fewer');

  return (
    <>
      <ScreenHeading
        title={t('organiser.title.event', {
          screen: t('organiser.nav.equalities'),
          event: summary.name,
        })}
      >
        {t('organiser.equalities.title')}
      </ScreenHeading>
      <p>{t('organiser.equalities.intro')}</p>
      {counts.isPending && <p role="status">{t('organiser.equalities.loading')}</p>}
      {counts.isError && <LoadProblem error={counts.error} onRetry={() => void counts.refetch()} />}
      {counts.isSuccess && counts.data.questions.length === 0 && (
        <p>{t('organiser.equalities.none')}</p>
      )}
      {counts.isSuccess &&
        counts.data.questions.length > 0 &&
        counts.data.responses === 'suppressed' && <p>{t('organiser.equalities.responses.few')}</p>}
      {counts.isSuccess &&
        counts.data.questions.length > 0 &&
        counts.data.responses !== 'suppressed' && (
          <>
            <p>{t('organiser.equalities.responses', { count: counts.data.responses })}</p>
            {counts.data.questions.map((q) => (
              <DataTable
                key={q.question}
                caption={t(`questions.equalities.${q.question}`)}
                columns={[
                  { label: t('organiser.equalities.answer') },
                  { label: t('organiser.equalities.people'), numeric: true },
                ]}
              >
                {[...q.counts, q.skipped].map((c) => (
                  <tr key={c.answer}>
                    <td>
                      {c.answer === 'skipped'
                        ? t('organiser.equalities.skipped')
                        : t(answerKey(q.question, c.answer))}
                    </td>
                    <NumberCell>{shown(c)}</NumberCell>
                  </tr>
                ))}
              </DataTable>
            ))}
          </>
        )}
    </>
  );
}
