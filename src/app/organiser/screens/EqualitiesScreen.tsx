/**
 * The equalities answers as the organiser sees them (docs/check-in.md, "Equalities questions"):
 * per question, how many gave each answer and how many skipped it, with every group under 10
 * shown as "fewer than 10". The answers are never linked to a ballot; this screen shows no ballot.
 * The inclusion report (issue 10) reads the same endpoint.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import {
  equalitiesImportResponseSchema,
  equalitiesSummarySchema,
} from '../../../core/equalities-protocol.ts';
import { serverCalls } from '../api.ts';
import { useFileImport } from '../components/use-file-import.ts';
import { DataTable, NumberCell } from '../components/DataTable.tsx';
import { ProblemText } from '../components/problem-text.tsx';
import { Button, Callout, LoadProblem, ScreenHeading, ui } from '../components/ui.tsx';
import { FilePicker } from '../../shared/FilePicker.tsx';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { ApiError, STATION_POLL_MS } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import { answerKey } from '../../voter/questions/answer-key.ts';

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));
const equalitiesKey = (eventId: string) => ['event', eventId, 'equalities'] as const;

export function EqualitiesScreen() {
  const t = useT();
  const f = useFormat();
  const { summary } = useOpenEvent();
  const { token } = useSession();
  const client = useQueryClient();
  const counts = useQuery({
    queryKey: equalitiesKey(summary.id),
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
      {counts.isSuccess && counts.data.questions.length > 0 && (
        <ImportEqualities
          eventId={summary.id}
          token={token}
          onDone={() => client.invalidateQueries({ queryKey: equalitiesKey(summary.id) })}
        />
      )}
    </>
  );
}

/**
 * A station's `.ddequalities` file, carried by hand from a tablet that never synced
 * (sync/equalities-export.ts): imported once by its batches' random ids, so a second import, or
 * the station's later sync, adds nothing twice; a damaged file or another event's adds nothing.
 */
function ImportEqualities({
  eventId,
  token,
  onDone,
}: {
  eventId: string;
  token: string;
  onDone: () => Promise<void>;
}) {
  const t = useT();
  const f = useFormat();
  const hintId = useId();
  const fileId = useId();
  const { input, said, busy, submit } = useFileImport(
    `/events/${encodeURIComponent(eventId)}/equalities/import`,
    equalitiesImportResponseSchema,
    token,
    onDone,
  );
  return (
    <section aria-labelledby="org-equalities-import" className={ui.section}>
      <h2 id="org-equalities-import">{t('organiser.equalities.import.heading')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor={fileId}>{t('organiser.equalities.import.file')}</label>
        <p id={hintId} className={ui.hint}>
          {t('organiser.equalities.import.hint')}
        </p>
        <FilePicker
          id={fileId}
          ref={input}
          chooseLabel={t('organiser.file.choose')}
          noneLabel={t('organiser.file.none')}
          accept=".ddequalities,.json,application/json"
          aria-describedby={hintId}
        />
        <p className={ui.actions}>
          <Button type="submit" busy={busy}>
            {t('organiser.equalities.import.submit')}
          </Button>
        </p>
      </form>
      {said?.ok === true && (
        <Callout kind="success" role="status">
          {t('organiser.equalities.import.done', {
            added: f.number(said.value.added),
            already: f.number(said.value.already),
          })}
        </Callout>
      )}
      {said?.ok === false && (
        <Callout kind="error" role="alert">
          {said.problem === 'no-file' ? (
            t('organiser.equalities.import.no-file')
          ) : (
            <ProblemText problem={said.problem} />
          )}
        </Callout>
      )}
    </section>
  );
}
