/**
 * Words for what is wrong with an event definition or an imported row, from their codes (see
 * src/core/event-check.ts and src/core/bids-import/types.ts). The editor's own wording
 * (`editor.problem.<code>`, editor.po) comes first because it is written to sit beside a field;
 * then the shared words in problems.po (`problem.<area>.<code>`); never a bare code.
 */
import type { EventDefinition } from '../../../core/schema.ts';
import type { Translate } from '../../i18n/react.tsx';

export interface CodedProblem {
  code: string;
  /** The code's facts; amounts already formatted where a sentence shows them. */
  params?: object | undefined;
}

function known(t: Translate, key: string, params: CodedProblem['params']): string | null {
  const text = t(key, params as Record<string, string | number | undefined> | undefined);
  return text === key ? null : text;
}

/** An event-check problem (schema or cross-check), worded for the organiser. */
export function eventProblemText(t: Translate, problem: CodedProblem): string {
  return (
    known(t, `editor.problem.${problem.code}`, problem.params) ??
    known(t, `problem.event.${problem.code}`, problem.params) ??
    known(t, `problem.text.${problem.code}`, problem.params) ??
    t('editor.problem.other', { code: problem.code })
  );
}

/** A bids-import problem, worded for the import preview. */
export function importProblemText(t: Translate, problem: CodedProblem): string {
  return (
    known(t, `editor.import.problem.${problem.code}`, problem.params) ??
    known(t, `problem.import.${problem.code}`, problem.params) ??
    t('editor.problem.other', { code: problem.code })
  );
}

/** Problems about one place in the definition: "bids.3" holds "bids.3.title" too. */
export function problemsAt<P extends { params: Readonly<Record<string, string | number>> }>(
  problems: readonly P[],
  path: string,
): P[] {
  return problems.filter((p) => {
    const at = String(p.params['path'] ?? '');
    return at === path || at.startsWith(`${path}.`);
  });
}

/**
 * A definition problem with the names people know in place of ids: the bid's title (`title`),
 * the pot's name (`pot`), amounts as money. Used wherever a problem is listed away from its field.
 */
export function withNames(
  problem: { code: string; params: Readonly<Record<string, string | number>> },
  event: EventDefinition,
  money: (minor: number, currency: string) => string,
): CodedProblem {
  const p = problem.params;
  const params: Record<string, string | number> = { ...p };
  const bid = event.bids.find((b) => b.id === p['bid']);
  params['title'] =
    problem.code === 'duplicate-title'
      ? String(p['title'] ?? '')
      : (bid?.title ?? String(p['bid'] ?? ''));
  const pot = event.pots.find((x) => x.id === p['pot']);
  if (pot !== undefined) params['pot'] = pot.name;
  for (const key of ['amount', 'most'] as const) {
    const value = p[key];
    if (typeof value === 'number') params[key] = money(value, event.currency);
  }
  return { code: problem.code, params };
}
