/** Ballots the server kept apart, with the reason each failed: never silently dropped. */
import type { QuarantinedBallot } from './api.ts';
import { DataTable } from './DataTable.tsx';
import type { Loaded } from './use-api.ts';

export function RejectedPanel({ rejected }: { rejected: Loaded<QuarantinedBallot[]> }) {
  return (
    <section aria-labelledby="org-rejected" className="org-section">
      <h2 id="org-rejected">Rejected ballots</h2>
      {rejected.state === 'loading' && <p role="status">Loading the rejected ballots…</p>}
      {rejected.state === 'error' && (
        <p className="org-error" role="alert">
          {rejected.error.message}
        </p>
      )}
      {rejected.state === 'ok' && rejected.value.length === 0 && (
        <p>No ballot has been rejected.</p>
      )}
      {rejected.state === 'ok' && rejected.value.length > 0 && (
        <>
          <p>
            {rejected.value.length.toLocaleString('en-GB')} ballot
            {rejected.value.length === 1 ? ' was' : 's were'} not counted. They are kept apart on
            the server, not in the central tally file.
          </p>
          <DataTable
            caption="Rejected ballots and why"
            columns={[{ label: 'Ballot' }, { label: 'Station' }, { label: 'Reason' }]}
          >
            {rejected.value.map((r, i) => (
              <tr key={`${r.id}-${i}`}>
                <th scope="row">{r.id}</th>
                <td>{r.stationId ?? 'an imported file'}</td>
                <td>{r.message}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
