import { Modal } from './Modal.tsx';

interface IdleWarningProps {
  secondsLeft: number;
  onStillHere: () => void;
  /** What happens if nobody answers, e.g. "your choices will be cleared". */
  consequence: string;
}

export function IdleWarning({ secondsLeft, onStillHere, consequence }: IdleWarningProps) {
  return (
    <Modal title="Are you still there?" role="alertdialog" onClose={onStillHere}>
      <p>
        If nobody touches the screen, {consequence} in about {secondsLeft} seconds.
      </p>
      <div className="actions">
        <button type="button" className="button primary" data-autofocus onClick={onStillHere}>
          Yes, I’m still here
        </button>
      </div>
    </Modal>
  );
}
