/**
 * Whether the browser has promised to keep this station's data (persistent storage). Without the
 * promise a browser short of space may clear IndexedDB, ballots included, so volunteers must know.
 */
import { useEffect, useState } from 'react';
import type { PersistentStorage } from '../shared/services.tsx';

export type Persistence = 'checking' | 'granted' | 'not-granted' | 'unsupported';

const SAY: Record<Persistence, string> = {
  checking: 'Checking whether storage is protected…',
  granted: 'Storage is protected: the browser will not clear this station’s data on its own.',
  'not-granted':
    'Storage is not protected: the browser may clear this station’s data if the tablet runs short of space. Install the app to the home screen, then ask again, and sync often.',
  unsupported:
    'This browser cannot protect storage here (it needs https or localhost). Sync often.',
};

/** Asks for persistence (`request`) or only reads the current state. */
export function usePersistence(storage: PersistentStorage | undefined, request: boolean) {
  const [state, setState] = useState<Persistence>(storage ? 'checking' : 'unsupported');
  const [asks, setAsks] = useState(request ? 1 : 0);

  useEffect(() => {
    if (!storage) return;
    let live = true;
    const query = asks > 0 ? storage.persist() : storage.persisted();
    query.then(
      (granted) => live && setState(granted ? 'granted' : 'not-granted'),
      () => live && setState('not-granted'),
    );
    return () => {
      live = false;
    };
  }, [storage, asks]);

  return { state, askAgain: () => setAsks((n) => n + 1) };
}

interface StorageStatusProps {
  state: Persistence;
  onAskAgain?: () => void;
}

export function StorageStatus({ state, onAskAgain }: StorageStatusProps) {
  return (
    <div className="storage-status">
      <p
        role="status"
        className={state === 'granted' ? 'good' : state === 'checking' ? '' : 'warn'}
      >
        {SAY[state]}
      </p>
      {state === 'not-granted' && onAskAgain && (
        <button type="button" className="button secondary" onClick={onAskAgain}>
          Ask the browser again
        </button>
      )}
    </div>
  );
}
