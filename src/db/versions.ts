/**
 * Every IndexedDB schema this station has ever had, oldest first. IndexedDB upgrades a tablet
 * in place, possibly in the middle of an event, so versions are only ever appended: never edit or
 * remove an entry once released, or a tablet holding that version cannot open its ballots.
 *
 * To add a version: append `{ version: n + 1, stores: { …only the tables that change… },
 * upgrade? }`. Dexie keeps tables not mentioned; `null` deletes one. Example for the sync outbox:
 *   { version: 2, stores: { outbox: '&ballotId, sentAt' }, upgrade: (tx) => … }
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  /** Dexie store specs: the primary key first, then the indexed fields. */
  stores: Record<string, string | null>;
  /** Moves existing rows to the new shape; runs once, inside the upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    // v1 — the first station release.
    // events: the event minus its bids (one row per event, keyed by event id).
    // bids: one row per bid with its position in the event, so a large event's bids load and
    //   update without rewriting the event; keyed by [eventId+id].
    // ballots: cast ballots, keyed by their random id; indexed by event for counting. No
    //   index on castHour: nothing on a station needs ballots in time order.
    // station: this tablet's own settings (one row, key "this").
    version: 1,
    stores: {
      events: '&id',
      bids: '&[eventId+id], eventId',
      ballots: '&id, eventId',
      station: '&key',
    },
  },
];
