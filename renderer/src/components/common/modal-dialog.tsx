// A modal built on the native <dialog>: the browser traps focus, handles Esc and restores focus.
// Mounted only while open, so each opening starts from a fresh form.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './icons';

interface Props {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}

export function ModalDialog({ title, testId, onClose, children }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = ref.current;
    // no close() on cleanup: unmounting removes it from the top layer, and a close event fired
    // by a cleanup would report a dismissal the user never made
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={headingId}
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
