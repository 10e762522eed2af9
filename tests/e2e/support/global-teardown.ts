/** Removes the tally server's throw-away data directory once every browser test has run. */
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env['E2E_DATA_DIR'];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
