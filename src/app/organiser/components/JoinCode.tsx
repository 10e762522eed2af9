/** What a volunteer needs to join a station: the join code, big, and the same as a QR code. */
import type { EventSummary } from '../api.ts';
import { useRejected } from '../session/queries.ts';
import { JoinQrCode } from './JoinQrCode.tsx';
import { ui } from './ui.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import styles from './JoinCode.module.css';

/**
 * The station app is served by this same tally server, so the QR code opens it here with the code
 * filled in; a volunteer can also type the code into a station's sync settings.
 */
export function joinUrl(origin: string, joinCode: string): string {
  return `${origin}/?join=${encodeURIComponent(joinCode)}`;
}

export function JoinCode({ summary }: { summary: EventSummary }) {
  const t = useT();
  const f = useFormat();
  const rejected = useRejected(summary.id);
  const rejectedCount = rejected.isSuccess ? rejected.data.length : null;
  return (
    <section aria-labelledby="org-join" className={styles['overview']}>
      <h2 id="org-join">{t('organiser.join.title')}</h2>
      <div className={styles['join']}>
        <div>
          {/* Codes are Latin letters and digits, read left to right in every language. */}
          <p className={styles['code']} dir="ltr">
            {summary.joinCode}
          </p>
          <p>{t('organiser.join.how')}</p>
        </div>
        <JoinQrCode
          url={joinUrl(window.location.origin, summary.joinCode)}
          joinCode={summary.joinCode}
        />
      </div>
      <dl className={styles['facts']}>
        <div>
          <dt>{t('organiser.join.fact.ballots')}</dt>
          <dd>{f.number(summary.ballots)}</dd>
        </div>
        {rejected.isEnabled && (
          <div>
            <dt>{t('organiser.join.fact.rejected')}</dt>
            <dd>
              {rejectedCount === null ? '…' : f.number(rejectedCount)}{' '}
              {rejectedCount !== null && rejectedCount > 0 && (
                <a href="#org-rejected" className={ui.noPrint}>
                  {t('organiser.join.fact.rejected-link')}
                </a>
              )}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
