/**
 * "Tablets in this hall" (docs/deploying.md, "A laptop in the hall"): how the tablets on the hall's
 * Wi-Fi reach this laptop. With LOCAL_TLS=on: a big QR code to the trust page (plain HTTP, the one
 * address a tablet can open before it trusts the laptop), the certificate's fingerprint to compare
 * with what each tablet shows, and the HTTPS addresses of the app. Without it: how to turn it on.
 */
import { useQuery } from '@tanstack/react-query';
import { hallResponseSchema, type HallResponse } from '../../../core/hall-api.ts';
import { Fingerprint } from '../../shared/Fingerprint.tsx';
import { useT } from '../../i18n/react.tsx';
import { serverCalls } from '../api.ts';
import { QrImage } from '../components/QrImage.tsx';
import { Callout, LoadProblem, ScreenHeading } from '../components/ui.tsx';
import { MainArea } from '../layout/MainArea.tsx';
import { ApiError } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import styles from './HallScreen.module.css';

/** The command that starts the server for a hall (package.json), typed as it is on any system. */
const START_HALL = 'npm run start:hall';

/** Same origin: the tally server serves the organiser's app. */
const calls = serverCalls('', (...args) => fetch(...args));

export function HallScreen() {
  const t = useT();
  const { token } = useSession();
  const hall = useQuery({
    queryKey: ['hall'],
    queryFn: async () => {
      const answer = await calls.json('/hall', hallResponseSchema, token);
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value;
    },
  });
  return (
    <MainArea busy={hall.isFetching}>
      <ScreenHeading title={t('organiser.hall.title')}>{t('organiser.hall.title')}</ScreenHeading>
      <p className={styles['intro']}>{t('organiser.hall.intro')}</p>
      {hall.isPending && <p role="status">{t('organiser.hall.loading')}</p>}
      {hall.isError && <LoadProblem error={hall.error} onRetry={() => void hall.refetch()} />}
      {hall.data?.tls === 'local' && <LocalHall hall={hall.data} />}
      {hall.data?.tls === 'configured' && (
        <Callout>
          <p>{t('organiser.hall.configured')}</p>
          <p>
            <code dir="ltr" translate="no">
              {window.location.origin}
            </code>
          </p>
        </Callout>
      )}
      {hall.data?.tls === 'none' && (
        <Callout kind="warning">
          <h2 className={styles['calloutHeading']}>{t('organiser.hall.off.title')}</h2>
          <p>{t('organiser.hall.off.body')}</p>
          <p>{t('organiser.hall.off.how')}</p>
          <p>
            <code dir="ltr" translate="no" className={styles['command']}>
              {START_HALL}
            </code>
          </p>
          <p>{t('organiser.hall.off.else')}</p>
        </Callout>
      )}
    </MainArea>
  );
}

function LocalHall({ hall }: { hall: HallResponse }) {
  const t = useT();
  return (
    <ol className={styles['steps']}>
      <li className={styles['step']}>
        <h2>{t('organiser.hall.step.scan')}</h2>
        {hall.trustUrl !== null && (
          <div className={styles['scan']}>
            <QrImage
              url={hall.trustUrl}
              size={280}
              className={styles['qr']}
              alt={t('organiser.hall.qr.alt')}
              loadingText={t('organiser.hall.qr.loading')}
              failedText={t('organiser.hall.qr.failed')}
            />
            <p>
              {t('organiser.hall.or-type')}{' '}
              <code dir="ltr" translate="no" className={styles['address']}>
                {hall.trustUrl}
              </code>
            </p>
          </div>
        )}
      </li>
      <li className={styles['step']}>
        <h2>{t('organiser.hall.step.check')}</h2>
        {hall.caName !== null && (
          <p>
            {t('organiser.hall.ca-name')}{' '}
            <strong dir="ltr" translate="no">
              {hall.caName}
            </strong>
          </p>
        )}
        {hall.caFingerprint !== null && (
          <>
            <p>{t('organiser.hall.fingerprint')}</p>
            <Fingerprint value={hall.caFingerprint} />
          </>
        )}
      </li>
      <li className={styles['step']}>
        <h2>{t('organiser.hall.step.open')}</h2>
        <ul className={styles['addresses']}>
          {hall.addresses.map((address) => (
            <li key={address}>
              <code dir="ltr" translate="no" className={styles['address']}>
                {address}
              </code>
            </li>
          ))}
        </ul>
        <p>{t('organiser.hall.moved')}</p>
      </li>
    </ol>
  );
}
