/**
 * The station's side of a camera transfer: which ballots go, which transfers it has shown, and
 * what the organiser's receipt changes.
 *
 * The transfers shown are remembered in memory, for as long as the app is open, not in IndexedDB:
 * a receipt is scanned a minute after the code was shown, on the same screen; after a restart the
 * same ballots shown again give the same transfer (its id is a hash of the content), and the next
 * sync confirms them anyway. So no new table, and nothing to clear up.
 */
import { acknowledge } from '../../../db/sync-repo.ts';
import type { StationDatabase } from '../../../db/database.ts';
import type { TransferAck } from '../../../sync/transfer/types.ts';

/** Ballots of the event the central tally has not confirmed: waiting in the outbox, no rehearsals. */
export async function unconfirmedBallotIds(
  db: StationDatabase,
  eventId: string,
): Promise<string[]> {
  const rows = await db.outbox.where('[eventId+state]').equals([eventId, 'waiting']).toArray();
  return rows.filter((r) => r.rehearsal !== true).map((r) => r.ballotId);
}

interface Shown {
  eventId: string;
  ballotIds: readonly string[];
}

const shown = new Map<string, Shown>();

export function rememberShown(transferId: string, transfer: Shown): void {
  shown.set(transferId, transfer);
}

/** Forgets every transfer shown (tests). */
export function forgetShown(): void {
  shown.clear();
}

/**
 * The organiser's receipt for a transfer this tablet showed: its ballots leave the outbox exactly
 * as a sync acknowledgement takes them (rehearsals stay, marked). `null` when this tablet did not
 * show that transfer (or not for that event): then nothing changes.
 */
export async function confirmShown(
  db: StationDatabase,
  ack: TransferAck,
): Promise<{ confirmed: number } | null> {
  const transfer = shown.get(ack.transferId);
  if (transfer === undefined || transfer.eventId !== ack.eventId) return null;
  await acknowledge(db, { stored: transfer.ballotIds, rejected: [] });
  return { confirmed: transfer.ballotIds.length };
}
