/**
 * Whether this tablet can run with no network yet (offline-store.ts), in words a volunteer acts
 * on: keep it online, reload, or take it away from the Wi-Fi.
 */
import { useStore } from 'zustand';
import { offlineStore, type OfflineReadiness } from '../shared/offline-store.ts';
import { useT } from '../i18n/react.tsx';

const SAY: Record<OfflineReadiness, string> = {
  preparing: 'station.offline.preparing',
  ready: 'station.offline.ready',
  failed: 'station.offline.failed',
  unavailable: 'station.offline.unavailable',
};

export function OfflineStatus() {
  const t = useT();
  const readiness = useStore(offlineStore, (s) => s.readiness);
  return (
    <p
      role="status"
      className={readiness === 'ready' ? 'good' : readiness === 'preparing' ? '' : 'warn'}
    >
      {t(SAY[readiness])}
    </p>
  );
}
