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
import type { Ballot } from '../core/schema.ts';
import type { OutboxRow } from './database.ts';

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
  {
    // v2 — sync with the tally server.
    // outbox: one row per ballot the tally server has not yet acknowledged, keyed by ballot id.
    //   A separate table rather than a flag on each ballot, so a ballot row stays exactly the
    //   ballot (what is exported is what was cast) and "what is left to send" is a small index.
    //   Indexed by [eventId+state]: the sync reads the waiting ballots of the joined event.
    // sync: where this station syncs to (server address, station token), one row, key "this".
    version: 2,
    stores: {
      outbox: '&ballotId, [eventId+state]',
      sync: '&key',
    },
    // Ballots cast before this version were never sent anywhere: every one of them waits.
    upgrade: async (tx) => {
      const ballots = await tx.table<Ballot, string>('ballots').toArray();
      const rows = ballots.map((b): OutboxRow => ({
        ballotId: b.id,
        eventId: b.eventId,
        state: 'waiting',
      }));
      await tx.table<OutboxRow, string>('outbox').bulkPut(rows);
    },
  },
  {
    // v3 — events loaded from a file, and where each event stands.
    // pictures: the bid pictures of an event package, keyed by the path the bids name
    //   (`api/pictures/<sha256>.<ext>`), so the voter's screens show them with no network.
    // eventStatus: per event, the hash of the definition the station holds, the lifecycle state
    //   the station last learnt (draft/open/closed/final, or null when it has not heard) and where
    //   the definition came from. Rows of events from before v3 are simply absent: state unknown.
    // Outbox rows gain optional fields (eventHash, rehearsal, exportedAt) and a state
    //   'rehearsed'; none is indexed, so they need no upgrade.
    version: 3,
    stores: {
      pictures: '&path',
      eventStatus: '&eventId',
    },
  },
  {
    // v4 — one person, one vote (docs/check-in.md). None of these tables holds a ballot id or
    //   anything else that could link a voter to a ballot.
    // codeLists: per event, the tags of its valid, voided and test voting codes (never the
    //   codes themselves, so a station cannot make a valid one), keyed by event id.
    // usedCodes: the tags of codes used on this tablet, keyed by [eventId+tag], so a code is
    //   refused the second time here at once, before any sync.
    // counters: per event, the station's running counts that no ballot records (ballots
    //   released by a volunteer), keyed by [eventId+name].
    // closings: the station's closing sheet per event, once a volunteer closes it.
    // paperEntries: paper ballots being keyed in (first and second entry) before they are
    //   agreed and cast, keyed by a random id, indexed by event.
    // registrations: the registration desk's register (who registered, checked against the
    //   organiser's area and minimum age), keyed by a random id; synced on its own, apart from
    //   ballots, and never holding a ballot id or a code.
    // equalities: answers to the optional equalities questions, keyed by a random id (not a
    //   sequence, which would give away their order) and never linked to a ballot.
    version: 4,
    stores: {
      codeLists: '&eventId',
      usedCodes: '&[eventId+tag], eventId',
      counters: '&[eventId+name], eventId',
      closings: '&eventId',
      paperEntries: '&id, eventId',
      registrations: '&id, eventId',
      equalities: '&id, eventId',
    },
  },
  {
    // v5 — a courier station (docs/camera-transfer.md, "Carrying"): other stations' tally files,
    //   received by camera, kept whole (their own hash chain) and carried on to the tally server,
    //   a file or another camera. Keyed by the transfer's id (a hash of the content), so the same
    //   transfer received twice is kept once; indexed by event. Never mixed into this station's
    //   own ballots or outbox.
    version: 5,
    stores: {
      carried: '&transferId, eventId',
    },
  },
];
