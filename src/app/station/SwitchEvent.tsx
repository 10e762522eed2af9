/**
 * Switching the station to another event: the refusal while the current event's ballots are only
 * on this tablet (it says which button exports them), and the question once they are safe.
 */
import type { SwitchProblem } from '../../db/event-status.ts';
import { ConfirmDialog } from '../shared/ConfirmDialog.tsx';
import { useT, type Translate } from '../i18n/react.tsx';

export interface Switching {
  from: string;
  to: string;
  onAnswer: (yes: boolean) => void;
}

/** "This tablet still has 3 ballots for X … press “Export 3 ballots for X” …" */
export function switchRefusal(t: Translate, problem: SwitchProblem): string {
  const count = Number(problem.params['count'] ?? 0);
  const event = String(problem.params['event'] ?? '');
  return t('station.switch.refused', {
    count,
    event,
    // The export button's own words, so the volunteer finds it.
    button: t('station.export.save', { count, event }),
    section: t('station.export.heading'),
  });
}

export function SwitchConfirm({ switching }: { switching: Switching }) {
  const t = useT();
  return (
    <ConfirmDialog
      title={t('station.switch.confirm.title', { event: switching.to })}
      keepLabel={t('station.switch.confirm.keep')}
      confirmLabel={t('station.switch.confirm.switch')}
      onKeep={() => switching.onAnswer(false)}
      onConfirm={() => switching.onAnswer(true)}
    >
      <p>{t('station.switch.confirm.body', { event: switching.to, previous: switching.from })}</p>
    </ConfirmDialog>
  );
}
