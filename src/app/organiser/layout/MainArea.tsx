/** The <main> of an organiser screen, at a width for reading tables on a laptop. */
import type { ReactNode } from 'react';
import styles from './MainArea.module.css';

export function MainArea({ busy = false, children }: { busy?: boolean; children: ReactNode }) {
  return (
    <main className={styles['main']} aria-busy={busy}>
      {children}
    </main>
  );
}
