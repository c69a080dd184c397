// A modal built on the native <dialog>: the browser traps focus, handles Esc and restores focus.
// Mounted only while open, so each opening starts from a fresh form.
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './icons';

interface Props {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
  /** where focus starts instead of the Close button, e.g. the safest choice of a confirmation */
  initialFocus?: RefObject<HTMLElement | null>;
  /** id of the text that explains the dialog, read out with its title */
  describedBy?: string;
  /** 'alertdialog' for a confirmation that interrupts to ask before something destructive */
  role?: 'dialog' | 'alertdialog';
}

export function ModalDialog({
  title,
  testId,
  onClose,
  children,
  initialFocus,
  describedBy,
  role,
}: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = ref.current;
    // no close() on cleanup: unmounting removes it from the top layer, and a close event fired
    // by a cleanup would report a dismissal the user never made
    if (dialog && !dialog.open) dialog.showModal();
    // showModal has just focused the first control; a dialog may ask for a better start
    initialFocus?.current?.focus();
  }, [initialFocus]);

  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={headingId}
      aria-describedby={describedBy}
      role={role === 'alertdialog' ? role : undefined}
      data-testid={testId}
      onClose={onClose}
    >
      <div className="modal__head">
        <h2 id={headingId}>{title}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('common.close')}
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </div>
      {children}
    </dialog>
  );
}
