/**
 * Where the event stands (draft, open, voting closed, final), shown on every editor screen, with
 * the one next step and a question that says what it will change before anything happens.
 * A refusal (e.g. problems that stop the event opening) is said in words, with the problems.
 */
import { useState } from 'react';
import { nextState, type EventState } from '../../../core/event-lifecycle.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { useFormat, useT } from '../../i18n/react.tsx';
import { NarrowFold } from '../components/NarrowFold.tsx';
import { Button, Callout } from '../components/ui.tsx';
import { ProblemText } from '../components/problem-text.tsx';
import type { EditorProblem, EventDetail } from '../editor-api.ts';
import { eventProblemText, withNames } from './problems.ts';
import { useSession } from '../session/session.tsx';
import { editorProblemOf, useChangeState, useEventPackage } from './queries.ts';
import styles from './editor.module.css';

const ACTION: Record<Exclude<EventState, 'draft'>, string> = {
  open: 'editor.lifecycle.open-voting',
  closed: 'editor.lifecycle.close-voting',
  final: 'editor.lifecycle.finalise',
};

export function LifecycleBar({ detail }: { detail: EventDetail }) {
  const t = useT();
  const f = useFormat();
  const named = (p: { code: string; params: Readonly<Record<string, string | number>> }) =>
    eventProblemText(t, withNames(p, detail.definition, f.money));
  const change = useChangeState(detail.id);
  const [asking, setAsking] = useState(false);
  const [refused, setRefused] = useState<EditorProblem | null>(null);
  const pack = useEventPackage(detail.id);
  const { saveFile } = useSession();
  const [packProblem, setPackProblem] = useState<EditorProblem | null>(null);

  async function download() {
    setPackProblem(null);
    try {
      const file = await pack.mutateAsync();
      saveFile(file.fileName, await file.blob.text(), 'application/json');
    } catch (error) {
      setPackProblem(editorProblemOf(error));
    }
  }
  const next = nextState(detail.state);
  const blocking = detail.problems.filter((p) => p.level === 'warning');

  function confirm(to: EventState) {
    setAsking(false);
    setRefused(null);
    change.mutate(
      { version: detail.version, to },
      { onError: (error) => setRefused(editorProblemOf(error)) },
    );
  }

  return (
    <section className={styles['lifecycle']} aria-labelledby="editor-lifecycle-state">
      <p id="editor-lifecycle-state" className={styles['state']}>
        <span>{t('editor.lifecycle.state', { state: t(`editor.state.${detail.state}`) })}</span>{' '}
        <span className={styles['fingerprint']}>
          {t('editor.lifecycle.fingerprint')} <span dir="ltr">{detail.fingerprint}</span>
        </span>
      </p>
      <p className={styles['hint']}>{t(`editor.state.${detail.state}.means`)}</p>
      {detail.state === 'draft' && blocking.length > 0 && (
        <Callout kind="warning">
          <p>{t('editor.lifecycle.to-fix', { count: blocking.length })}</p>
          <ul>
            {blocking.map((p, i) => (
              <li key={i}>{named(p)}</li>
            ))}
          </ul>
        </Callout>
      )}
      {/* On a phone the actions fold away, so the screen's own heading is in the first screenful. */}
      <div className={styles['lifecycle-fold']}>
        <NarrowFold
          label={t(next === null ? 'editor.lifecycle.fold-final' : 'editor.lifecycle.fold')}
        >
          <p className={styles['actions']}>
            {next !== null && (
              <Button
                primary
                busy={change.isPending}
                busyLabel={t('editor.lifecycle.working')}
                onClick={() => setAsking(true)}
              >
                {t(ACTION[next as Exclude<EventState, 'draft'>])}
              </Button>
            )}
            <Button
              busy={pack.isPending}
              busyLabel={t('editor.lifecycle.working')}
              aria-describedby="editor-package-hint"
              onClick={() => void download()}
            >
              {t('editor.package.download')}
            </Button>
          </p>
          <p id="editor-package-hint" className={styles['hint']}>
            {t('editor.package.hint')}
          </p>
        </NarrowFold>
      </div>
      {packProblem !== null && (
        <Callout kind="error" role="alert">
          <p>
            <ProblemText problem={packProblem} />
          </p>
        </Callout>
      )}
      {refused !== null && (
        <Callout kind="error" role="alert">
          <p>
            <ProblemText problem={refused} />
          </p>
          {(refused.problems ?? []).length > 0 && (
            <ul>
              {(refused.problems ?? []).map((p, i) => (
                <li key={i}>{named(p)}</li>
              ))}
            </ul>
          )}
        </Callout>
      )}
      {asking && next !== null && (
        <ConfirmDialog
          title={t(`editor.lifecycle.confirm.${next}.title`)}
          keepLabel={t('editor.lifecycle.confirm.keep')}
          confirmLabel={t(ACTION[next as Exclude<EventState, 'draft'>])}
          onKeep={() => setAsking(false)}
          onConfirm={() => confirm(next)}
        >
          <p>{t(`editor.lifecycle.confirm.${next}.body`)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
