/**
 * Voting codes (docs/check-in.md, "Voting codes"): make batches of single-use codes, print them as
 * cards (code, QR code, event name; TEST marked on test cards), void a lost card, and see how many
 * of each batch were used and which later ballots were kept apart because their code had already
 * been used, with the organiser's decision on each.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import {
  codeBatchResponseSchema,
  codeBatchSummarySchema,
  codesResponseSchema,
  MAX_CODES_PER_BATCH,
  type CodeBatchResponse,
  type CodesResponse,
} from '../../../core/protocol.ts';
import { serverCalls, type ApiResult } from '../api.ts';
import { DataTable, NumberCell, type Column } from '../components/DataTable.tsx';
import { ProblemText } from '../components/problem-text.tsx';
import { Button, Callout, LoadProblem, ScreenHeading, ui } from '../components/ui.tsx';
import { useEventDetail } from '../editor/queries.ts';
import { useOpenEvent } from '../layout/EventArea.tsx';
import { ApiError, problemOf, STATION_POLL_MS, useStations } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import styles from './CodesScreen.module.css';

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));
const path = (eventId: string, rest = '') => `/events/${encodeURIComponent(eventId)}/codes${rest}`;
type Decision = 'keep-apart' | 'count-instead';
const codesKey = (eventId: string) => ['event', eventId, 'codes'] as const;
const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

async function unwrap<T>(answer: Promise<ApiResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function CodesScreen() {
  const t = useT();
  const { summary } = useOpenEvent();
  const { token } = useSession();
  const client = useQueryClient();
  const [printing, setPrinting] = useState<string | null>(null);
  // Whether voters are asked for a code is the event's check-in setting (the Check-in screen).
  const detail = useEventDetail(summary.id);
  const codesOff = detail.data !== undefined && detail.data.definition.checkIn?.codes !== true;
  const codes = useQuery({
    queryKey: codesKey(summary.id),
    queryFn: () => unwrap(calls.json(path(summary.id), codesResponseSchema, token)),
    refetchInterval: STATION_POLL_MS,
  });
  const changed = (next?: CodesResponse) => {
    if (next !== undefined) client.setQueryData(codesKey(summary.id), next);
    return client.invalidateQueries({ queryKey: codesKey(summary.id) });
  };

  return (
    <>
      <div className={ui.noPrint}>
        <ScreenHeading
          title={t('organiser.title.event', {
            screen: t('organiser.nav.codes'),
            event: summary.name,
          })}
        >
          {t('organiser.codes.title')}
        </ScreenHeading>
        {codesOff && (
          <Callout kind="warning">
            <p>{t('organiser.codes.off')}</p>
            <p>
              <Link href="/checkin" className={styles['offLink']}>
                {t('organiser.codes.off.link')}
              </Link>
            </p>
          </Callout>
        )}
        <p>{t('organiser.codes.intro')}</p>
        <MakeBatch eventId={summary.id} token={token} onMade={() => void changed()} />
        {codes.isPending && <p role="status">{t('organiser.codes.loading')}</p>}
        {codes.isError && <LoadProblem error={codes.error} onRetry={() => void codes.refetch()} />}
        {codes.isSuccess && (
          <>
            <Batches codes={codes.data} onPrint={setPrinting} />
            <VoidCode eventId={summary.id} token={token} onVoided={(next) => void changed(next)} />
            <Duplicates
              eventId={summary.id}
              token={token}
              codes={codes.data}
              onDecided={(next) => void changed(next)}
            />
          </>
        )}
      </div>
      {printing !== null && (
        <CardSheet
          eventId={summary.id}
          eventName={summary.name}
          batchId={printing}
          token={token}
          onClose={() => setPrinting(null)}
        />
      )}
    </>
  );
}

function MakeBatch({
  eventId,
  token,
  onMade,
}: {
  eventId: string;
  token: string;
  onMade: () => void;
}) {
  const t = useT();
  const f = useFormat();
  const id = useId();
  const [count, setCount] = useState('100');
  const [label, setLabel] = useState('');
  const [test, setTest] = useState(false);
  const make = useMutation({
    mutationFn: () =>
      unwrap(
        calls.json(
          path(eventId),
          codeBatchSummarySchema,
          token,
          post({ count: Number(count), label, test }),
        ),
      ),
    onSuccess: onMade,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!make.isPending) make.mutate();
  };
  return (
    <section aria-labelledby={`${id}-h`} className={ui.section}>
      <h2 id={`${id}-h`}>{t('organiser.codes.make.title')}</h2>
      <form onSubmit={submit} className={styles['form']}>
        <label className={styles['field']}>
          <span>{t('organiser.codes.make.count')}</span>
          <input
            type="number"
            min={1}
            max={MAX_CODES_PER_BATCH}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            aria-describedby={`${id}-count-hint`}
          />
          <span id={`${id}-count-hint`} className={ui.hint}>
            {t('organiser.codes.make.count-hint', { max: f.number(MAX_CODES_PER_BATCH) })}
          </span>
        </label>
        <label className={styles['field']}>
          <span>{t('organiser.codes.make.label')}</span>
          <input value={label} maxLength={80} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label className={styles['check']}>
          <input type="checkbox" checked={test} onChange={(e) => setTest(e.target.checked)} />
          <span>{t('organiser.codes.make.test')}</span>
        </label>
        <p className={ui.actions}>
          <Button
            type="submit"
            primary
            busy={make.isPending}
            busyLabel={t('organiser.codes.make.busy')}
          >
            {t('organiser.codes.make.button')}
          </Button>
        </p>
        {make.isError && (
          <Callout kind="error" role="alert">
            <ProblemText problem={problemOf(make.error)} />
          </Callout>
        )}
        {make.isSuccess && (
          <Callout kind="success" role="status">
            {t('organiser.codes.make.done', { count: make.data.issued })}
          </Callout>
        )}
      </form>
    </section>
  );
}

function Batches({ codes, onPrint }: { codes: CodesResponse; onPrint: (id: string) => void }) {
  const t = useT();
  const f = useFormat();
  const id = useId();
  const columns: Column[] = [
    { label: t('organiser.codes.batches.column.label') },
    { label: t('organiser.codes.batches.column.made') },
    { label: t('organiser.codes.batches.column.issued'), numeric: true },
    { label: t('organiser.codes.batches.column.used'), numeric: true },
    { label: t('organiser.codes.batches.column.voided'), numeric: true },
    { label: t('organiser.codes.batches.column.duplicates'), numeric: true },
    { label: t('organiser.codes.batches.column.cards') },
  ];
  return (
    <section aria-labelledby={id} className={ui.section}>
      <h2 id={id}>{t('organiser.codes.batches.title')}</h2>
      {codes.batches.length === 0 ? (
        <p>{t('organiser.codes.batches.none')}</p>
      ) : (
        <DataTable caption={t('organiser.codes.batches.caption')} columns={columns}>
          {codes.batches.map((b) => {
            const name =
              b.label === '' ? t('organiser.codes.batches.unnamed', { id: b.id }) : b.label;
            return (
              <tr key={b.id}>
                <th scope="row">
                  {name}{' '}
                  {b.test && (
                    <strong className={styles['testFlag']}>{t('organiser.codes.test')}</strong>
                  )}
                </th>
                <td>{f.dateTime(new Date(b.createdAt))}</td>
                <NumberCell>{f.number(b.issued)}</NumberCell>
                <NumberCell>{f.number(b.used)}</NumberCell>
                <NumberCell>{f.number(b.voided)}</NumberCell>
                <NumberCell>{f.number(b.duplicates)}</NumberCell>
                <td>
                  <Button onClick={() => onPrint(b.id)}>
                    {t('organiser.codes.batches.print')}
                    <span className="visually-hidden"> {name}</span>
                  </Button>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}

function VoidCode({
  eventId,
  token,
  onVoided,
}: {
  eventId: string;
  token: string;
  onVoided: (next: CodesResponse) => void;
}) {
  const t = useT();
  const id = useId();
  const [code, setCode] = useState('');
  const voiding = useMutation({
    mutationFn: () =>
      unwrap(calls.json(path(eventId, '/void'), codesResponseSchema, token, post({ code }))),
    onSuccess: (next) => {
      setCode('');
      onVoided(next);
    },
  });
  return (
    <section aria-labelledby={id} className={ui.section}>
      <h2 id={id}>{t('organiser.codes.void.title')}</h2>
      <p>{t('organiser.codes.void.intro')}</p>
      <form
        className={styles['form']}
        onSubmit={(e) => {
          e.preventDefault();
          if (!voiding.isPending && code.trim() !== '') voiding.mutate();
        }}
      >
        <label className={styles['field']}>
          <span>{t('organiser.codes.void.label')}</span>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            dir="ltr"
            className={styles['codeInput']}
          />
        </label>
        <p className={ui.actions}>
          <Button type="submit" busy={voiding.isPending} busyLabel={t('organiser.codes.void.busy')}>
            {t('organiser.codes.void.button')}
          </Button>
        </p>
        {voiding.isError && (
          <Callout kind="error" role="alert">
            <ProblemText problem={problemOf(voiding.error)} />
          </Callout>
        )}
        {voiding.isSuccess && (
          <Callout kind="success" role="status">
            {t('organiser.codes.void.done')}
          </Callout>
        )}
      </form>
    </section>
  );
}

function Duplicates({
  eventId,
  token,
  codes,
  onDecided,
}: {
  eventId: string;
  token: string;
  codes: CodesResponse;
  onDecided: (next: CodesResponse) => void;
}) {
  const t = useT();
  const f = useFormat();
  const id = useId();
  const stations = useStations(eventId);
  const nameOf = (stationId: string | null) =>
    stationId === null
      ? t('organiser.codes.duplicates.from-file')
      : (stations.data?.find((s) => s.stationId === stationId)?.name ?? stationId);
  const hour = (iso: string) => (iso === '' ? '' : f.dateTime(new Date(iso.replace('Z', ':00Z'))));
  const [asking, setAsking] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: ({ ballot, decision }: { ballot: string; decision: Decision }) =>
      unwrap(
        calls.json(
          path(eventId, '/decisions'),
          codesResponseSchema,
          token,
          post({ ballot, decision }),
        ),
      ),
    onSuccess: onDecided,
  });
  const columns: Column[] = [
    { label: t('organiser.codes.duplicates.column.kept') },
    { label: t('organiser.codes.duplicates.column.first') },
    { label: t('organiser.codes.duplicates.column.decision') },
  ];
  return (
    <section aria-labelledby={id} className={ui.section}>
      <h2 id={id}>{t('organiser.codes.duplicates.title')}</h2>
      {codes.duplicates.length === 0 ? (
        <p>{t('organiser.codes.duplicates.none')}</p>
      ) : (
        <>
          <Callout kind="warning" role="status">
            {t('organiser.codes.duplicates.warning', { count: codes.duplicates.length })}
          </Callout>
          <DataTable caption={t('organiser.codes.duplicates.caption')} columns={columns}>
            {codes.duplicates.map((d) => (
              <tr key={d.ballot}>
                <th scope="row">
                  {t('organiser.codes.duplicates.where', {
                    station: nameOf(d.stationId),
                    hour: hour(d.castHour),
                  })}
                  <br />
                  <code className={ui.hint}>{d.ballot}</code>
                </th>
                <td>
                  {t('organiser.codes.duplicates.where', {
                    station: nameOf(d.first.stationId),
                    hour: hour(d.first.castHour),
                  })}
                  <br />
                  <code className={ui.hint}>{d.first.ballot}</code>
                </td>
                <td>
                  {d.decision?.kind === 'count-instead' ? (
                    t('organiser.codes.duplicates.counted-instead', {
                      by: d.decision.by,
                      at: f.dateTime(new Date(d.decision.at)),
                    })
                  ) : (
                    <>
                      <p className={styles['tight']}>
                        {d.decision === null
                          ? t('organiser.codes.duplicates.undecided')
                          : t('organiser.codes.duplicates.kept', {
                              by: d.decision.by,
                              at: f.dateTime(new Date(d.decision.at)),
                            })}
                      </p>
                      <span className={styles['buttons']}>
                        {d.decision === null && (
                          <Button
                            busy={decide.isPending && decide.variables.ballot === d.ballot}
                            onClick={() =>
                              decide.mutate({ ballot: d.ballot, decision: 'keep-apart' })
                            }
                          >
                            {t('organiser.codes.duplicates.keep')}
                            <span className="visually-hidden"> {d.ballot}</span>
                          </Button>
                        )}
                        <Button onClick={() => setAsking(d.ballot)}>
                          {t('organiser.codes.duplicates.instead')}
                          <span className="visually-hidden"> {d.ballot}</span>
                        </Button>
                      </span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          <p className={ui.hint}>{t('organiser.codes.duplicates.count-instead')}</p>
          {asking !== null && (
            <ConfirmDialog
              title={t('organiser.codes.duplicates.instead.title')}
              keepLabel={t('organiser.codes.duplicates.instead.keep')}
              confirmLabel={t('organiser.codes.duplicates.instead.confirm')}
              onKeep={() => setAsking(null)}
              onConfirm={() => {
                decide.mutate({ ballot: asking, decision: 'count-instead' });
                setAsking(null);
              }}
            >
              {t('organiser.codes.duplicates.instead.body')}
            </ConfirmDialog>
          )}
          {decide.isError && (
            <Callout kind="error" role="alert">
              <ProblemText problem={problemOf(decide.error)} />
            </Callout>
          )}
        </>
      )}
    </section>
  );
}

/** The batch's cards, ready to print: each with its code, a QR code of it and the event's name. */
function CardSheet({
  eventId,
  eventName,
  batchId,
  token,
  onClose,
}: {
  eventId: string;
  eventName: string;
  batchId: string;
  token: string;
  onClose: () => void;
}) {
  const t = useT();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The cards appear below everything else: take the organiser (and the focus) to them.
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [batchId]);
  const batch = useQuery({
    queryKey: [...codesKey(eventId), 'batch', batchId],
    queryFn: () =>
      unwrap(
        calls.json(
          path(eventId, `/batches/${encodeURIComponent(batchId)}`),
          codeBatchResponseSchema,
          token,
        ),
      ),
  });
  return (
    <section aria-labelledby={id} className={`${ui.section} ${styles['sheetSection']}`}>
      <h2 id={id} className={ui.noPrint} ref={heading} tabIndex={-1}>
        {t('organiser.codes.cards.title')}
      </h2>
      <p className={`${ui.actions} ${ui.noPrint}`}>
        <Button primary onClick={() => window.print()} disabled={!batch.isSuccess}>
          {t('organiser.codes.cards.print')}
        </Button>
        <Button onClick={onClose}>{t('organiser.codes.cards.close')}</Button>
      </p>
      {batch.isPending && <p role="status">{t('organiser.codes.loading')}</p>}
      {batch.isError && <LoadProblem error={batch.error} onRetry={() => void batch.refetch()} />}
      {batch.isSuccess && <Cards batch={batch.data} eventName={eventName} />}
    </section>
  );
}

function Cards({ batch, eventName }: { batch: CodeBatchResponse; eventName: string }) {
  const t = useT();
  const [qr, setQr] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode')
      .then(async (QRCode) => {
        const made = new Map<string, string>();
        for (const c of batch.codes) {
          const svg = await QRCode.toString(c.code, {
            type: 'svg',
            errorCorrectionLevel: 'M',
            margin: 1,
          });
          made.set(c.code, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
        }
        if (live) setQr(made);
      })
      .catch(() => {
        if (live) setQr(new Map());
      });
    return () => {
      live = false;
    };
  }, [batch]);
  return (
    <ul className={styles['sheet']} aria-label={t('organiser.codes.cards.list')}>
      {batch.codes.map((c) => (
        <li key={c.code} className={styles['card']}>
          <p className={styles['cardEvent']}>{eventName}</p>
          {batch.batch.test && <p className={styles['cardTest']}>{t('organiser.codes.test')}</p>}
          {qr?.get(c.code) !== undefined && (
            <img
              className={styles['cardQr']}
              src={qr.get(c.code)}
              alt={t('organiser.codes.cards.qr-alt', { code: c.code })}
              width={120}
              height={120}
            />
          )}
          <p className={styles['cardCode']} dir="ltr">
            {c.code}
          </p>
          <p className={styles['cardHow']}>{t('organiser.codes.cards.how')}</p>
          {(c.voided || c.used) && (
            <p className={styles['cardState']}>
              {c.voided ? t('organiser.codes.cards.voided') : t('organiser.codes.cards.used')}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
