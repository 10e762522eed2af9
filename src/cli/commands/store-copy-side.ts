/**
 * The check-in registers and equalities answers in `decision-day store copy`: planned like the
 * rest (a row or batch held on the target must be the same, else the copy is refused), then
 * pushed into the target's stores as stations push them, with their ids, so a station that sends
 * a row or batch again after the move is still stored once. A deleted register is copied as its
 * deletion record (who, when, how many rows): the rows are gone on both sides.
 */
import type { EqualitiesAnswers } from '../../core/questions.ts';
import type { Registration } from '../../core/register.ts';
import type { RegisterDeletion } from '../../server/store/register-store.ts';
import { same } from './store-copy-plan.ts';
import type { CopySide } from './store-sides.ts';

export interface SideCopyPlan {
  registers: {
    copy: { eventId: string; rows: { station: string; row: Registration }[] }[];
    deletions: { eventId: string; deletion: RegisterDeletion }[];
    rows: number;
    there: number;
  };
  equalities: {
    copy: { eventId: string; batch: string; answers: readonly EqualitiesAnswers[] }[];
    answers: number;
    there: number;
  };
}

export function planSideStores(
  source: CopySide,
  target: CopySide,
  refusals: string[],
): SideCopyPlan {
  const plan: SideCopyPlan = {
    registers: { copy: [], deletions: [], rows: 0, there: 0 },
    equalities: { copy: [], answers: 0, there: 0 },
  };
  for (const info of source.tally.events()) {
    const id = info.event.id;
    planRegister(id, source, target, plan.registers, refusals);
    const held = new Map(target.equalities.batches(id).map((b) => [b.batch, b.answers]));
    for (const { batch, answers } of source.equalities.batches(id)) {
      const there = held.get(batch);
      if (there === undefined) {
        plan.equalities.copy.push({ eventId: id, batch, answers });
        plan.equalities.answers += answers.length;
      } else if (same(there, answers)) plan.equalities.there += 1;
      else refusals.push(`Equalities batch ${batch} of event ${id} differs on ${target.label}.`);
    }
  }
  return plan;
}

function planRegister(
  id: string,
  source: CopySide,
  target: CopySide,
  plan: SideCopyPlan['registers'],
  refusals: string[],
): void {
  const from = source.registers.contents(id);
  const to = target.registers.contents(id);
  if (from.deletion !== null) {
    if (to.deletion === null && to.rows.length === 0) {
      plan.deletions.push({ eventId: id, deletion: from.deletion });
    } else if (to.deletion !== null && same(to.deletion, from.deletion)) plan.there += 1;
    else refusals.push(`The check-in register of event ${id} differs on ${target.label}.`);
    return;
  }
  if (from.rows.length === 0) return;
  if (to.deletion !== null) {
    refusals.push(`The check-in register of event ${id} was deleted on ${target.label}.`);
    return;
  }
  const held = new Map(to.rows.map((r) => [r.row.id, r]));
  const copy: { station: string; row: Registration }[] = [];
  for (const r of from.rows) {
    const there = held.get(r.row.id);
    if (there === undefined) copy.push(r);
    else if (same(there, r)) plan.there += 1;
    else refusals.push(`Check-in row ${r.row.id} of event ${id} differs on ${target.label}.`);
  }
  if (copy.length > 0) plan.copy.push({ eventId: id, rows: copy });
  plan.rows += copy.length;
}

export async function copySideStores(plan: SideCopyPlan, target: CopySide): Promise<void> {
  for (const { eventId, rows } of plan.registers.copy) {
    // One push per desk, in the order the rows were stored.
    const desks = [...new Set(rows.map((r) => r.station))];
    for (const desk of desks) {
      const ofDesk = rows.filter((r) => r.station === desk).map((r) => r.row);
      const outcome = await target.registers.push(eventId, desk, ofDesk);
      if (outcome.conflicts.length > 0 || outcome.deleted) {
        throw new Error(
          `the check-in register of event ${eventId} changed on the target meanwhile`,
        );
      }
    }
  }
  for (const { eventId, deletion } of plan.registers.deletions) {
    await target.registers.delete(eventId, deletion.by, new Date(deletion.at), deletion.rows);
  }
  for (const { eventId, batch, answers } of plan.equalities.copy) {
    await target.equalities.push(eventId, batch, answers);
  }
}
