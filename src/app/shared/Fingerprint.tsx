/**
 * A certificate's SHA-256 fingerprint (`AB:CD:…`, 32 pairs) in four rows of eight, the way a
 * volunteer compares it with what a tablet's settings show. Always left to right, never translated.
 */
import styles from './Fingerprint.module.css';

export function fingerprintRows(fingerprint: string): string[] {
  const pairs = fingerprint.split(':');
  const rows: string[] = [];
  for (let i = 0; i < pairs.length; i += 8) rows.push(pairs.slice(i, i + 8).join(' '));
  return rows;
}

export function Fingerprint({ value }: { value: string }) {
  return (
    <code className={styles['fingerprint']} dir="ltr" translate="no">
      {fingerprintRows(value).map((row) => (
        <span key={row} className={styles['row']}>
          {row}
        </span>
      ))}
    </code>
  );
}
