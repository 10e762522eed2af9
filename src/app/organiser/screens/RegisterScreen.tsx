/**
 * The registration desks' register as the organiser sees it (docs/check-in.md, "Registration
 * desk"): how many voters each desk registered (and let in from outside the area), the likely
 * duplicates found across desks after sync, and — after the event — deleting the register with
 * one recorded action. The register is never linked to any ballot; this screen shows no ballot.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  registerImportResponseSchema,
  registerSummarySchema,
  type RegisterSummary,
} from '../../../core/protocol.ts';
import { LIKELY_DUPLICATES_SHOWN } from '../../../core/register.ts';
import { z } from 'zod';
import { serverCalls } from '../api.ts';
import { useFileImport } from '../components/use-file-import.ts';
import { DataTable, NumberCell, type Column } from '../components/DataTable.tsx';
import { Button, Callout, LoadProblem, ScreenHeading, ui } from '../components/ui.tsx';
import { ProblemText } from '../components/problem-text.tsx';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { ApiError, STATION_POLL_MS } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { FilePicker } from '../../shared/FilePicker.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';

type Pair = RegisterSummary['duplicates'][number];
type RowView = Pair['a'];

const deletionAnswerSchema = z.object({
  deletion: z.object({ at: z.string(), by: z.string(), rows: z.int().min(0) }),
});

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));
const path = (eventId: string, rest: string) => `/events/${encodeURIComponent(eventId)}/${rest}`;
const registerKey = (eventId: string) => ['event', eventId, 'register'] as const;

export function RegisterScreen() {
  const t = useT();
  const { summary } = useOpenEvent();
  const { token } = useSession();
  const client = useQueryClient();
  const register = useQuery({
    queryKey: registerKey(summary.id),
    queryFn: async () => {
      const answer = await calls.json(path(summary.id, 'register'), registerSummarySchema, token);
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value;
    },
    refetchInterval: STATION_POLL_MS,
  });

  return (
    <>
      <ScreenHeading
        title={t('organiser.title.event', {
          screen: t('organiser.nav.register'),
          event: summary.name,
        })}
      >
        {t('organiser.register.title')}
      </ScreenHeading>
      <p>{t('organiser.register.intro')}</p>
      {register.isPending && <p role="status">{t('organiser.register.loading')}</p>}
      {register.isError && (
        <LoadProblem error={register.error} onRetry={() => void register.refetch()} />
      )}
      {register.isSuccess && (
        <RegisterBody
          eventId={summary.id}
          register={register.data}
          onChanged={() => client.invalidateQueries({ queryKey: registerKey(summary.id) })}
          token={token}
        />
      )}
    </>
  );
}

function RegisterBody({
  eventId,
  register,
  onChanged,
  token,
}: {
  eventId: string;
  register: RegisterSummary;
  onChanged: () => Promise<void>;
  token: string;
}) {
  const t = useT();
  const f = useFormat();
  if (register.deletion !== null) {
    const { at, by, rows } = register.deletion;
    return (
      <Callout kind="success" role="status">
        {t('organiser.register.deleted', {
          when: f.dateTime(new Date(at)),
          by,
          rows: f.number(rows),
        })}
      </Callout>
    );
  }
  const columns: Column[] = [
    { label: t('organiser.register.column.desk') },
    { label: t('organiser.register.column.rows'), numeric: true },
    { label: t('organiser.register.column.overridden'), numeric: true },
  ];
  return (
    <>
      <section aria-labelledby="org-register-desks" className={ui.section}>
        <h2 id="org-register-desks">{t('organiser.register.desks')}</h2>
        <p data-testid="register-total">
          {t('organiser.register.total', { total: f.number(register.total) })}
        </p>
        {register.desks.length === 0 ? (
          <p>{t('organiser.register.none')}</p>
        ) : (
          <DataTable caption={t('organiser.register.desks.caption')} columns={columns}>
            {register.desks.map((d) => (
              <tr key={d.stationId}>
                <th scope="row">
                  {d.name}
                  {d.stationId.startsWith('file:') && ` ${t('organiser.register.from-file')}`}
                </th>
                <NumberCell>{f.number(d.rows)}</NumberCell>
                <NumberCell>{f.number(d.overridden)}</NumberCell>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="org-register-duplicates" className={ui.section}>
        <h2 id="org-register-duplicates">{t('organiser.register.duplicates')}</h2>
        {register.duplicates.length === 0 ? (
          <p>{t('organiser.register.duplicates.none')}</p>
        ) : (
          <>
            <p>{t('organiser.register.duplicates.explain')}</p>
            {register.duplicatesCut && (
              <p role="status">
                {t('organiser.register.duplicates.cut', {
                  count: f.number(LIKELY_DUPLICATES_SHOWN),
                })}
              </p>
            )}
            <ul>
              {register.duplicates.map((pair) => (
                <li key={`${pair.a.id} ${pair.b.id}`}>
                  {t(`organiser.register.reason.${pair.reason}`)}: <Row row={pair.a} />;{' '}
                  <Row row={pair.b} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <ImportRegister eventId={eventId} token={token} onDone={onChanged} />
      <DeleteRegister eventId={eventId} rows={register.total} token={token} onDone={onChanged} />
    </>
  );
}

/** One side of a likely duplicate: what the desk recorded, and which desk. */
function Row({ row }: { row: RowView }) {
  const t = useT();
  const parts = [row.name, row.postcode, row.street].filter((p): p is string => p !== undefined);
  return (
    <span>
      <bdi>{parts.join(', ')}</bdi> {t('organiser.register.at-desk', { desk: row.desk })}
    </span>
  );
}

function DeleteRegister({
  eventId,
  rows,
  token,
  onDone,
}: {
  eventId: string;
  rows: number;
  token: string;
  onDone: () => Promise<void>;
}) {
  const t = useT();
  const f = useFormat();
  const [asking, setAsking] = useState(false);
  const deletion = useMutation({
    mutationFn: async () => {
      const answer = await calls.json(
        path(eventId, 'register/deletion'),
        deletionAnswerSchema,
        token,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ confirm: eventId }),
        },
      );
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value;
    },
    onSuccess: onDone,
  });
  return (
    <section aria-labelledby="org-register-delete" className={ui.section}>
      <h2 id="org-register-delete">{t('organiser.register.delete.heading')}</h2>
      <p>{t('organiser.register.delete.explain')}</p>
      {deletion.isError && (
        <Callout kind="error" role="alert">
          <ProblemText
            problem={
              deletion.error instanceof ApiError ? deletion.error.problem : { code: 'unreachable' }
            }
          />
        </Callout>
      )}
      <Button onClick={() => setAsking(true)} busy={deletion.isPending}>
        {t('organiser.register.delete')}
      </Button>
      {asking && (
        <ConfirmDialog
          title={t('organiser.register.delete.confirm.title')}
          keepLabel={t('organiser.register.delete.keep')}
          confirmLabel={t('organiser.register.delete.confirm')}
          onKeep={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            deletion.mutate();
          }}
        >
          {t('organiser.register.delete.confirm.body', { rows: f.number(rows) })}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** A desk's `.ddregister` file, carried by hand from a tablet that never synced. */
function ImportRegister({
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
  const { input, said, busy, submit } = useFileImport(
    path(eventId, 'register/import'),
    registerImportResponseSchema,
    token,
    onDone,
  );
  return (
    <section aria-labelledby="org-register-import" className={ui.section}>
      <h2 id="org-register-import">{t('organiser.register.import.heading')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="org-register-file">{t('organiser.register.import.file')}</label>
        <p id={hintId} className={ui.hint}>
          {t('organiser.register.import.hint')}
        </p>
        <FilePicker
          id="org-register-file"
          ref={input}
          chooseLabel={t('organiser.file.choose')}
          noneLabel={t('organiser.file.none')}
          accept=".ddregister,.json,application/json"
          aria-describedby={hintId}
        />
        <p className={ui.actions}>
          <Button type="submit" busy={busy}>
            {t('organiser.register.import.submit')}
          </Button>
        </p>
      </form>
      {said?.ok === true && (
        <Callout kind="success" role="status">
          {said.value.deleted
            ? t('organiser.register.import.deleted')
            : t('organiser.register.import.done', {
                added: f.number(said.value.added),
                already: f.number(said.value.already),
              })}
        </Callout>
      )}
      {said?.ok === false && (
        <Callout kind="error" role="alert">
          {said.problem === 'no-file' ? (
            t('organiser.register.import.no-file')
          ) : (
            <ProblemText problem={said.problem} />
          )}
        </Callout>
      )}
    </section>
  );
}
