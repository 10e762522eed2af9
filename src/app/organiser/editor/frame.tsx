/**
 * What every editor screen shares: its heading, the event's detail loaded
 * once, and saving a changed definition against the version the organiser started from.
 *
 * Saving never overwrites someone else's change: the server refuses a stale version with
 * `edit-conflict`, and the screen says so and offers to reload (which shows their changes and
 * drops the ones on this screen, as it says). Any other refusal keeps the organiser's changes on
 * the screen and says that nothing was saved.
 */
import { useRef, useState, type ComponentType, type FormEvent, type ReactNode } from 'react';
import type { EventDefinition } from '../../../core/schema.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import { Button, Callout, LoadProblem, ScreenHeading } from '../components/ui.tsx';
import { ProblemText } from '../components/problem-text.tsx';
import { isEditConflict, type EditorProblem, type EventDetail } from '../editor-api.ts';
import { eventProblemText, withNames } from './problems.ts';
import { focusFirstInvalid, useCheckedForm } from './form.ts';
import { editorProblemOf, useEventDetail, useSaveDefinition } from './queries.ts';
import styles from './editor.module.css';

export type EditorScreenName = 'setup' | 'bids' | 'pots' | 'ballot' | 'checkin' | 'preview';

interface FrameProps {
  eventId: string;
  screen: EditorScreenName;
  children: (detail: EventDetail) => ReactNode;
}

export function EditorFrame({ eventId, screen, children }: FrameProps) {
  const t = useT();
  const detail = useEventDetail(eventId);
  const title = t(`editor.screen.${screen}`);
  const name = detail.data?.definition.name;
  return (
    <>
      <ScreenHeading
        title={name === undefined ? title : t('editor.title.event', { screen: title, event: name })}
      >
        {title}
      </ScreenHeading>
      {detail.isPending && <p role="status">{t('editor.loading')}</p>}
      {detail.isError && <LoadProblem error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.data !== undefined && children(detail.data)}
    </>
  );
}

/** Why the definition cannot change now, in words; null while it can be saved. */
export function LockedNotice({ detail }: { detail: EventDetail }) {
  const t = useT();
  if (detail.definitionLocked === null || detail.definitionLocked === 'needs-new-version') {
    return null;
  }
  return (
    <Callout kind="notice">
      <p>{t(`editor.locked.${detail.definitionLocked}`)}</p>
    </Callout>
  );
}

export const canEdit = (detail: EventDetail): boolean =>
  detail.definitionLocked === null || detail.definitionLocked === 'needs-new-version';

export type SaveOutcome =
  | { kind: 'saved'; version: number }
  | { kind: 'conflict' }
  | { kind: 'refused'; problem: EditorProblem };

export interface DefinitionSaver {
  save: (definition: EventDefinition) => Promise<SaveOutcome | null>;
  saving: boolean;
  outcome: SaveOutcome | null;
  clear: () => void;
  /** The question before saving an open event as a new version, while it is asked. */
  dialog: ReactNode;
}

/**
 * Saves whole definitions for one screen. Resolves with what happened (null if the organiser
 * chose not to make a new version of an open event).
 */
export function useDefinitionSaver(detail: EventDetail): DefinitionSaver {
  const t = useT();
  const mutation = useSaveDefinition(detail.id);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [asking, setAsking] = useState<((yes: boolean) => void) | null>(null);

  async function send(definition: EventDefinition, confirmNewVersion: boolean) {
    try {
      const saved = await mutation.mutateAsync({
        version: detail.version,
        definition,
        ...(confirmNewVersion ? { confirmNewVersion } : {}),
      });
      return { kind: 'saved', version: saved.version } as const;
    } catch (error) {
      const problem = editorProblemOf(error);
      return isEditConflict(problem)
        ? ({ kind: 'conflict' } as const)
        : ({ kind: 'refused', problem } as const);
    }
  }

  async function save(definition: EventDefinition): Promise<SaveOutcome | null> {
    setOutcome(null);
    let confirmNewVersion = false;
    if (detail.definitionLocked === 'needs-new-version') {
      const yes = await new Promise<boolean>((resolve) => setAsking(() => resolve));
      setAsking(null);
      if (!yes) return null;
      confirmNewVersion = true;
    }
    const result = await send(definition, confirmNewVersion);
    setOutcome(result);
    return result;
  }

  const dialog =
    asking === null ? null : (
      <ConfirmDialog
        title={t('editor.new-version.title')}
        keepLabel={t('editor.new-version.keep')}
        confirmLabel={t('editor.new-version.confirm')}
        onKeep={() => asking(false)}
        onConfirm={() => asking(true)}
      >
        <p>{t('editor.new-version.body')}</p>
      </ConfirmDialog>
    );

  return { save, saving: mutation.isPending, outcome, clear: () => setOutcome(null), dialog };
}

/**
 * What became of the last save, in words. `extra` says what else was kept whatever happened to
 * the definition (e.g. an uploaded picture).
 */
export function SaveStatus({
  outcome,
  onReload,
  savedText,
  extra,
  definition,
}: {
  /** The definition the problems are about, to name bids and pots by their titles. */
  definition?: EventDefinition | undefined;
  outcome: SaveOutcome | null;
  onReload: () => void;
  savedText?: string;
  extra?: string | undefined;
}) {
  const t = useT();
  const f = useFormat();
  if (outcome === null) return null;
  if (outcome.kind === 'saved') {
    return (
      <Callout kind="success" role="status">
        <p>{savedText ?? t('editor.save.saved', { version: outcome.version })}</p>
      </Callout>
    );
  }
  if (outcome.kind === 'conflict') {
    return (
      <Callout kind="error" role="alert">
        <p>{t('editor.save.conflict')}</p>
        {extra !== undefined && <p>{extra}</p>}
        <p>
          <Button onClick={onReload}>{t('editor.save.reload')}</Button>
        </p>
      </Callout>
    );
  }
  const problems = outcome.problem.problems ?? [];
  return (
    <Callout kind="error" role="alert">
      <p>
        {t('editor.save.not-saved')} <ProblemText problem={outcome.problem} />
      </p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              {eventProblemText(
                t,
                definition === undefined ? p : withNames(p, definition, f.money),
              )}
            </li>
          ))}
        </ul>
      )}
      {extra !== undefined && <p>{extra}</p>}
      <p>{t('editor.save.kept')}</p>
    </Callout>
  );
}

/**
 * A screen that edits the definition as one form: why it may be locked, what became of the last
 * save, the form (drawn again from each new version, so a reload shows the saved event), and the
 * question before saving an open event as a new version.
 */
export function DefinitionScreen({
  detail,
  Form,
}: {
  detail: EventDetail;
  Form: ComponentType<{ detail: EventDetail; saver: DefinitionSaver }>;
}) {
  const saver = useDefinitionSaver(detail);
  const reload = useEventDetail(detail.id);
  return (
    <>
      <LockedNotice detail={detail} />
      <SaveStatus
        outcome={saver.outcome}
        definition={detail.definition}
        onReload={() => {
          saver.clear();
          void reload.refetch();
        }}
      />
      <Form key={detail.version} detail={detail} saver={saver} />
      {saver.dialog}
    </>
  );
}

/**
 * A draft of the whole definition, checked as it changes; `submit` sends it only when none of
 * `paths` (this screen's parts) has an error, else marks the fields and focuses the first.
 */
export function useDraftForm(
  detail: EventDetail,
  saver: DefinitionSaver,
  paths: readonly string[],
) {
  const [draft, setDraft] = useState<EventDefinition>(detail.definition);
  const form = useCheckedForm(draft);
  const formRef = useRef<HTMLFormElement>(null);
  const [blocked, setBlocked] = useState(0);
  async function submit(e: FormEvent) {
    e.preventDefault();
    form.show();
    const errors = form.errorsIn(paths);
    setBlocked(errors.length);
    if (errors.length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    await saver.save(draft);
  }
  return { draft, setDraft, form, formRef, blocked, submit: (e: FormEvent) => void submit(e) };
}

/** Under a form: how many problems stop the save, and the save button. */
export function FormActions({
  blocked,
  saving,
  label,
  children,
}: {
  blocked: number;
  saving: boolean;
  label?: string;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      {blocked > 0 && (
        <Callout kind="error" role="alert">
          <p>{t('editor.save.fix-first', { count: blocked })}</p>
        </Callout>
      )}
      <p className={styles['actions']}>
        <Button primary type="submit" busy={saving} busyLabel={t('editor.save.saving')}>
          {label ?? t('editor.save.button')}
        </Button>
        {children}
      </p>
    </>
  );
}
