/**
 * Whether the browser has promised to keep this station's data (persistent storage). Without the
 * promise a browser short of space may clear IndexedDB, ballots included, so volunteers must know.
 */
import { useEffect, useRef, useState } from 'react';
import type { PersistentStorage } from '../shared/services.tsx';
import { useT } from '../i18n/react.tsx';

export type Persistence = 'checking' | 'granted' | 'not-granted' | 'unsupported';

const SAY: Record<Persistence, string> = {
  checking: 'station.storage.checking',
  granted: 'station.storage.granted',
  'not-granted': 'station.storage.not-granted',
  unsupported: 'station.storage.unsupported',
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
  const t = useT();
  const said = useRef<HTMLParagraphElement>(null);
  const [asked, setAsked] = useState(false);
  // Once the browser answers yes, the button that had the focus goes: the focus goes to the answer.
  useEffect(() => {
    if (asked && state !== 'not-granted' && state !== 'checking') said.current?.focus();
  }, [asked, state]);
  return (
    <div className="storage-status">
      <p
        ref={said}
        tabIndex={asked ? -1 : undefined}
        role="status"
        className={state === 'granted' ? 'good' : state === 'checking' ? '' : 'warn'}
      >
        {t(SAY[state])}
      </p>
      {state === 'not-granted' && onAskAgain && (
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setAsked(true);
            onAskAgain();
          }}
        >
          {t('station.storage.ask-again')}
        </button>
      )}
    </div>
  );
}
