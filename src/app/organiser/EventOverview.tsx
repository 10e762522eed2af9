/** What a volunteer needs to join a station: the join code, big, and the same as a QR code. */
import type { EventSummary, QuarantinedBallot } from './api.ts';
import { JoinQrCode } from './JoinQrCode.tsx';
import type { Loaded } from './use-api.ts';

interface Props {
  summary: EventSummary;
  rejected: Loaded<QuarantinedBallot[]>;
}

/**
 * The station app is served by this same tally server, so the QR code opens it here with the code
 * filled in; a volunteer can also type the code into a station's sync settings.
 */
export function joinUrl(origin: string, joinCode: string): string {
  return `${origin}/?join=${encodeURIComponent(joinCode)}`;
}

export function EventOverview({ summary, rejected }: Props) {
  const rejectedCount = rejected.state === 'ok' ? rejected.value.length : null;
  return (
    <section aria-labelledby="org-join" className="org-section org-overview">
      <h2 id="org-join">Join code for stations</h2>
      <div className="org-join">
        <div>
          <p className="org-join-code">{summary.joinCode}</p>
          <p>
            On each station, open the volunteer area, go to “Sync with the tally server” and type
            this code. On a new tablet, scan the QR code with its camera: it opens the station app
            from this server, with the code in the link.
          </p>
        </div>
        <JoinQrCode
          url={joinUrl(window.location.origin, summary.joinCode)}
          joinCode={summary.joinCode}
        />
      </div>
      <dl className="org-facts">
        <div>
          <dt>Ballots in the central tally file</dt>
          <dd>{summary.ballots.toLocaleString('en-GB')}</dd>
        </div>
        <div>
          <dt>Rejected ballots</dt>
          <dd>
            {rejectedCount === null ? '…' : rejectedCount.toLocaleString('en-GB')}{' '}
            {rejectedCount !== null && rejectedCount > 0 && (
              <a href="#org-rejected">See why they were rejected</a>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
