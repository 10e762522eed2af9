import type { ReactNode } from 'react';
import { Modal } from './Modal.tsx';

interface ConfirmDialogProps {
  title: string;
  /** The question's explanation: shown, and given to assistive technology as its description. */
  children: ReactNode;
  /** The safe answer: it has the focus, so a stray Enter changes nothing. */
  keepLabel: string;
  confirmLabel: string;
  onKeep: () => void;
  onConfirm: () => void;
}

/** A question before something that cannot be undone (cancelling a ballot, deleting ballots). */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Modal
      title={props.title}
      role="alertdialog"
      onClose={props.onKeep}
      description={props.children}
    >
      <div className="actions">
        <button type="button" className="button primary" data-autofocus onClick={props.onKeep}>
          {props.keepLabel}
        </button>
        <button type="button" className="button danger" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
