/**
 * A screen's form over a draft definition: the same checks the server runs (src/core/event-check),
 * run in the page so each field's problem appears beside it; shown once the organiser first tries
 * to save, so nobody is told off while still typing.
 */
import { useMemo, useState } from 'react';
import { checkEventDefinition, type EventCheckProblem } from '../../../core/event-check.ts';
import type { EventDefinition } from '../../../core/schema.ts';
import { useFormat, useT } from '../../i18n/react.tsx';
import { eventProblemText, problemsAt, withNames } from './problems.ts';

export interface CheckedForm {
  problems: EventCheckProblem[];
  /** Words for the problems at `path` (and below it), once shown; [] before. */
  at: (path: string, exact?: boolean) => string[];
  /** Error-level problems under any of `paths`: these stop a save. */
  errorsIn: (paths: readonly string[]) => EventCheckProblem[];
  shown: boolean;
  show: () => void;
}

export function useCheckedForm(definition: EventDefinition): CheckedForm {
  const t = useT();
  const f = useFormat();
  const [shown, setShown] = useState(false);
  const problems = useMemo(() => checkEventDefinition(definition).problems, [definition]);
  return {
    problems,
    shown,
    show: () => setShown(true),
    at: (path, exact = false) => {
      if (!shown) return [];
      const here = exact
        ? problems.filter((p) => String(p.params['path']) === path)
        : problemsAt(problems, path);
      return here.map((p) => eventProblemText(t, withNames(p, definition, f.money)));
    },
    errorsIn: (paths) =>
      problems.filter(
        (p) => p.level === 'error' && paths.some((path) => problemsAt([p], path).length > 0),
      ),
  };
}

/** Moves focus to the first field marked invalid in `form`, after React has drawn the marks. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
