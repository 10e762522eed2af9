/**
 * A modal dialog: everything behind it is inert, Tab cycles inside it, Escape closes it, and focus
 * goes back where it was. Hand-made rather than <dialog>.showModal() so it behaves the same in
 * every kiosk browser and in jsdom tests.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface ModalProps {
  title: string;
  /** The title's language, when it is an organiser's text not in the screen's language. */
  titleLang?: string | undefined;
  onClose: () => void;
  children: ReactNode;
  /**
   * What the dialog is about, in a sentence or two: shown under the title and given to assistive
   * technology as the dialog's description (`aria-describedby`), read out as the dialog opens.
   */
  description?: ReactNode;
  /** `alertdialog` for questions that interrupt (cancel, idle warning). */
  role?: 'dialog' | 'alertdialog';
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Modal({
  title,
  titleLang,
  onClose,
  children,
  description,
  role = 'dialog',
}: ModalProps) {
  const titleId = useId();
  const descriptionId = useId();
  const box = useRef<HTMLDivElement>(null);
  const [host] = useState(() => document.createElement('div'));

  useEffect(() => {
    const own = host;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const siblings = [...document.body.children].filter((el) => el !== own);
    const wasInert = siblings.map((el) => el.hasAttribute('inert'));
    document.body.append(own);
    siblings.forEach((el) => el.setAttribute('inert', ''));
    const first = box.current?.querySelector<HTMLElement>('[data-autofocus]') ?? box.current;
    first?.focus();
    return () => {
      siblings.forEach((el, i) => {
        if (!wasInert[i]) el.removeAttribute('inert');
      });
      own.remove();
      before?.focus();
    };
  }, [host]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="modal-backdrop">
      <div
        ref={box}
        className="modal"
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} lang={titleLang}>
          {title}
        </h2>
        {description && (
          <div id={descriptionId} className="modal-description">
            {description}
          </div>
        )}
        {children}
      </div>
    </div>,
    host,
  );
}
