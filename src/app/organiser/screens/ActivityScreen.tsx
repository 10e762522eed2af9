/**
 * The organisers' audit trail (docs/accounts.md, "Audit trail"): every organiser action on this
 * server, newest first — when, who, what, on which event, and its few facts — filtered by event
 * and saved as CSV. Read-only: nothing here can be changed or deleted. A damaged trail (a line
 * edited outside the app) is said plainly, with the entries before the damage still shown.
 */
import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { auditCsv, auditResponseSchema, type AuditRecord } from '../../../core/audit.ts';
import { serverCalls } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Button, Callout, LoadProblem, ScreenHeading } from '../components/ui.tsx';
import { MainArea } from '../layout/MainArea.tsx';
import { ApiError, useEvents } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import { useFormat, useT, type Translate } from '../../i18n/react.tsx';
import styles from './ActivityScreen.module.css';

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));

export function ActivityScreen() {
  const t = useT();
  const f = useFormat();
  const { token, saveFile } = useSession();
  const events = useEvents();
  const [event, setEvent] = useState('');
  const filterId = useId();
  const trail = useQuery({
    queryKey: ['audit'],
    queryFn: async () => {
      const answer = await calls.json('/audit', auditResponseSchema, token);
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value;
    },
  });
  const nameOf = new Map((events.data ?? []).map((e) => [e.id, e.name]));
  const filtered = (trail.data?.records ?? []).filter((r) => event === '' || r.event === event);
  const shown = [...filtered].reverse();

  return (
    <MainArea busy={trail.isFetching}>
      <ScreenHeading title={t('organiser.activity.title')}>
        {t('organiser.activity.title')}
      </ScreenHeading>
      <p>{t('organiser.activity.intro')}</p>
      {trail.isPending && <p role="status">{t('organiser.activity.loading')}</p>}
      {trail.isError && <LoadProblem error={trail.error} onRetry={() => void trail.refetch()} />}
      {trail.data?.problem !== undefined && (
        <Callout kind="error" role="alert">
          <p>{t('organiser.activity.damaged', { line: trail.data.problem.params.line })}</p>
        </Callout>
      )}
      {trail.isSuccess && (
        <div className={styles['tools']}>
          <p className={styles['filter']}>
            <label htmlFor={filterId}>{t('organiser.activity.event-filter')}</label>
            <select id={filterId} value={event} onChange={(e) => setEvent(e.currentTarget.value)}>
              <option value="">{t('organiser.activity.all-events')}</option>
              {(events.data ?? []).map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </p>
          <Button
            onClick={() => saveFile('decision-day-activity.csv', auditCsv(filtered), 'text/csv')}
          >
            {t('organiser.activity.export')}
          </Button>
        </div>
      )}
      {trail.isSuccess && shown.length === 0 && <p>{t('organiser.activity.empty')}</p>}
      {shown.length > 0 && (
        <DataTable
          caption={t('organiser.activity.caption')}
          columns={[
            { label: t('organiser.activity.col.when') },
            { label: t('organiser.activity.col.who') },
            { label: t('organiser.activity.col.what') },
            { label: t('organiser.activity.col.event') },
            { label: t('organiser.activity.col.details') },
          ]}
        >
          {shown.map((r) => (
            <tr key={r.seq}>
              <td>
                <time dateTime={r.at}>{f.dateTime(new Date(r.at))}</time>
              </td>
              <td>{r.by}</td>
              <td>{t(`organiser.audit.action.${r.action}`)}</td>
              <td>{r.event === undefined ? '' : (nameOf.get(r.event) ?? r.event)}</td>
              <td>
                <Details t={t} details={r.details} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </MainArea>
  );
}

/** Each fact in words: the state an event moved to by its name, the others as they are. */
function Details({ t, details }: { t: Translate; details: AuditRecord['details'] }) {
  const facts = Object.entries(details).map(([key, value]) => {
    const text = String(value);
    switch (key) {
      case 'to':
        return t('organiser.audit.detail.to', { state: t(`editor.state.${text}`) });
      case 'bid':
        return t('organiser.audit.detail.bid', { bid: text });
      case 'ballot':
        return t('organiser.audit.detail.ballot', { ballot: text });
      case 'reason':
        return t('organiser.audit.detail.reason', { reason: text });
      case 'address':
        return t('organiser.audit.detail.address', { address: text });
      default:
        // 'route': a change through a route the trail has no name for yet.
        return t('organiser.audit.detail.route', { route: text });
    }
  });
  return facts.length === 0 ? null : (
    <ul className={styles['details']}>
      {facts.map((fact, i) => (
        <li key={i}>{fact}</li>
      ))}
    </ul>
  );
}
