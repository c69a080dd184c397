// "Remove…" for a library item: the button that asks, and the confirmation with the two ways to
// remove (keep the downloaded file, or delete it) and Cancel, which starts with the focus.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import { removeItem } from '../../store/actions';
import { setRemoveDialog, useAppStore } from '../../store/app-store';
import { ErrorMessage } from '../common/error-message';
import { ModalDialog } from '../common/modal-dialog';
import { itemDisplayName } from '../../lib/item-name';

interface ButtonProps {
  itemId: string;
  className: string;
  /** id of the item's name, so "Remove…" in a list says which item it removes */
  describedBy?: string;
}

export function RemoveButton({ itemId, className, describedBy }: ButtonProps) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={className}
      data-testid="remove-button"
      aria-haspopup="dialog"
      aria-describedby={describedBy}
      onClick={() => setRemoveDialog(itemId)}
    >
      {t('library.remove')}
    </button>
  );
}

export function RemoveDialog({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const item = useAppStore((s) => s.library.find((i) => i.id === itemId));
  // the name is kept: the engine's library event may drop the item before its answer arrives
  const catalog = useAppStore((s) => s.catalog);
  const [name] = useState(
    () => (item ? itemDisplayName(item, catalog) : '') || t('library.unnamed'),
  );
  const [busy, setBusy] = useState<'keep' | 'delete' | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const descriptionId = useId();
  useFocusReturn();

  const remove = async (deleteData: boolean) => {
    if (busy) return; // buttons stay enabled so focus never falls out of the dialog
    setBusy(deleteData ? 'delete' : 'keep');
    setError(null);
    const result = await removeItem(itemId, deleteData);
    setBusy(null);
    if (!result.ok) setError(result.error);
  };

  return (
    <ModalDialog
      title={t('remove.title', { name })}
      testId="remove-dialog"
      role="alertdialog"
      describedBy={descriptionId}
      initialFocus={cancel}
      onClose={() => setRemoveDialog(null)}
    >
      <p id={descriptionId} className="remove-dialog__body">
        {t('remove.body')}
      </p>
      <p className="field__error" role="alert">
        {error && <ErrorMessage error={error} />}
      </p>
      <div className="remove-dialog__choices" aria-busy={busy !== null}>
        <button
          type="button"
          className="button"
          data-testid="remove-keep"
          onClick={() => void remove(false)}
        >
          {busy === 'keep' ? t('remove.removing') : t('remove.keep')}
        </button>
        <button
          type="button"
          className="button button--danger"
          data-testid="remove-delete"
          onClick={() => void remove(true)}
        >
          {busy === 'delete' ? t('remove.removing') : t('remove.delete')}
        </button>
        <button
          ref={cancel}
          type="button"
          className="button button--ghost"
          onClick={() => setRemoveDialog(null)}
        >
          {t('common.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}

/**
 * Unmounting an open <dialog> gives focus back to nobody, so it goes back to the opener by hand,
 * or to the library when the opener left with the removed item.
 */
function useFocusReturn(): void {
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      else
        (
          document.getElementById('library-heading') ?? document.getElementById('tab-titles')
        )?.focus();
    },
    [opener],
  );
}
