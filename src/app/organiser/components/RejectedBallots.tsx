/** Ballots the server kept apart, with the reason each failed: never silently dropped. */
import { DataTable } from './DataTable.tsx';
import { ProblemText } from './problem-text.tsx';
import { LoadProblem, ui } from './ui.tsx';
import { useRejected } from '../session/queries.ts';
import { usePermission } from '../session/session.tsx';
import { useT } from '../../i18n/react.tsx';

export function RejectedBallots({ eventId }: { eventId: string }) {
  const t = useT();
  const rejected = useRejected(eventId);
  // Only organisers see quarantined ballots (core/roles.ts 'rejected').
  if (usePermission()('rejected') !== 'allowed') return null;
  return (
    <section aria-labelledby="org-rejected" className={ui.section}>
      <h2 id="org-rejected">{t('organiser.rejected.title')}</h2>
      {rejected.isPending && <p role="status">{t('organiser.rejected.loading')}</p>}
      {rejected.isError && <LoadProblem error={rejected.error} />}
      {rejected.isSuccess && rejected.data.length === 0 && <p>{t('organiser.rejected.none')}</p>}
      {rejected.isSuccess && rejected.data.length > 0 && (
        <>
          <p>{t('organiser.rejected.count', { count: rejected.data.length })}</p>
          <DataTable
            caption={t('organiser.rejected.caption')}
            columns={[
              { label: t('organiser.rejected.column.ballot') },
              { label: t('organiser.rejected.column.station') },
              { label: t('organiser.rejected.column.reason') },
            ]}
          >
            {rejected.data.map((r, i) => (
              <tr key={`${r.id}-${i}`}>
                <th scope="row">{r.id}</th>
                <td>{r.stationId ?? t('organiser.rejected.imported')}</td>
                <td>
                  <ProblemText area="rejection" problem={{ code: r.code, params: r.params }} />
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
