/**
 * What both register stores (the files under DATA_DIR/registers/, PostgreSQL's register tables)
 * decide and show the same way: which rows of a push are new, held already or in conflict, and
 * the organiser's summary (counts per desk, likely duplicates, the deletion record).
 */
import { canonicalJson } from '../../core/canonical-json.ts';
import type { RegisterSummary } from '../../core/protocol.ts';
import { likelyDuplicates, type DeskRegistration, type Registration } from '../../core/register.ts';

export interface RegisterDeletion {
  at: string;
  by: string;
  rows: number;
}

export interface RegisterPushOutcome {
  stored: string[];
  conflicts: string[];
  deleted: boolean;
  /** How many of `stored` are new (the rest were held already). */
  added: number;
}

/** Everything held of an event's register, for `store copy`: rows in the order stored. */
export interface RegisterContents {
  rows: { station: string; row: Registration }[];
  deletion: RegisterDeletion | null;
}

/** A row as held: who sent it, and its answers in one spelling. */
export interface HeldRow {
  station: string;
  row: Registration;
  canonical: string;
}

/** A row's answers in one spelling, to tell the same row sent again from a conflicting one. */
export const canonicalOf = (row: Registration): string => canonicalJson({ ...row });

/** Every row taken and dropped: the register was deleted, so the station deletes its copy. */
export const droppedPush = (rows: readonly Registration[]): RegisterPushOutcome => ({
  stored: rows.map((r) => r.id),
  conflicts: [],
  deleted: true,
  added: 0,
});

/**
 * Sorts a push against the rows held (`held(id)`, the canonical answers of a row held already):
 * a new id is `fresh` (the first of an id sent twice in one push), the same answers again are
 * stored already, other answers are a conflict and never overwrite.
 */
export function sortPush(
  station: string,
  rows: readonly Registration[],
  held: (id: string) => string | undefined,
): { outcome: RegisterPushOutcome; fresh: Map<string, HeldRow> } {
  const stored: string[] = [];
  const conflicts: string[] = [];
  const fresh = new Map<string, HeldRow>();
  for (const row of rows) {
    const canonical = canonicalOf(row);
    const before = held(row.id) ?? fresh.get(row.id)?.canonical;
    if (before === undefined) {
      fresh.set(row.id, { station, row, canonical });
      stored.push(row.id);
    } else if (before === canonical) stored.push(row.id);
    else conflicts.push(row.id);
  }
  return { outcome: { stored, conflicts, deleted: false, added: fresh.size }, fresh };
}

export const contentsOf = (
  held: Iterable<HeldRow>,
  deletion: RegisterDeletion | null,
): RegisterContents => ({
  rows: [...held].map(({ station, row }) => ({ station, row })),
  deletion,
});

/** Counts per desk and likely duplicates; `stationName` names a desk by its station id. */
export function registerSummary(
  held: readonly HeldRow[],
  deletion: RegisterDeletion | null,
  stationName: (stationId: string) => string,
): RegisterSummary {
  const desks = new Map<string, { rows: number; overridden: number }>();
  for (const { station, row } of held) {
    const desk = desks.get(station) ?? { rows: 0, overridden: 0 };
    desk.rows += 1;
    if (row.overridden !== undefined) desk.overridden += 1;
    desks.set(station, desk);
  }
  const byId = new Map(held.map((h) => [h.row.id, h]));
  const rows: DeskRegistration[] = held.map((h) => ({ ...h.row, desk: h.station }));
  const view = (id: string) => {
    const h = byId.get(id);
    if (h === undefined) throw new Error(`register row ${id} vanished`);
    const { name, postcode, street, ageBand } = h.row;
    return {
      id,
      desk: stationName(h.station),
      ...(name !== undefined && { name }),
      ...(postcode !== undefined && { postcode }),
      ...(street !== undefined && { street }),
      ...(ageBand !== undefined && { ageBand }),
    };
  };
  const duplicates = likelyDuplicates(rows);
  return {
    total: held.length,
    desks: [...desks]
      .map(([stationId, d]) => ({ stationId, name: stationName(stationId), ...d }))
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
    duplicates: duplicates.pairs.map((pair) => ({
      reason: pair.reason,
      acrossDesks: pair.acrossDesks,
      a: view(pair.a),
      b: view(pair.b),
    })),
    duplicatesCut: duplicates.cut,
    deletion,
  };
}

/** What both stores hold of an event's register in memory (their own bookkeeping beside it). */
export interface HeldRegister {
  rows: Map<string, HeldRow>;
  deletion: RegisterDeletion | null;
}

/** The reads both stores answer from the rows they hold in memory. */
export abstract class HeldRegisters<R extends HeldRegister> {
  protected readonly events = new Map<string, R>();

  summary(eventId: string, stationName: (stationId: string) => string): RegisterSummary {
    const register = this.events.get(eventId);
    return registerSummary(
      [...(register?.rows.values() ?? [])],
      register?.deletion ?? null,
      stationName,
    );
  }

  contents(eventId: string): RegisterContents {
    const register = this.events.get(eventId);
    return contentsOf(register?.rows.values() ?? [], register?.deletion ?? null);
  }
}
