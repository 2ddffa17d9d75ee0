import { type ReactNode, useId, useRef, useState } from 'react';
import type { ApiError } from '../api/client';
import { Button } from './button';
import { ErrorNotice } from './error-notice';

/**
 * A destructive action behind a confirmation dialog (a native modal <dialog>: focus stays inside,
 * Escape cancels). The dialog stays open with the error if the action fails.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  size = 'small',
  ariaLabel,
  disabled,
}: {
  label: string;
  /** The trigger's accessible name when `label` alone is too short to say what it acts on. */
  ariaLabel?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Resolves when done; rejects with an ApiError to keep the dialog open and show it. */
  onConfirm: () => Promise<void>;
  size?: 'small' | 'normal';
  /** Keeps the trigger from opening the dialog (the action makes no sense yet). */
  disabled?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const titleId = useId();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant="danger"
        size={size}
        aria-label={ariaLabel}
        disabled={disabled}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </Button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={() => setError(undefined)}>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        {error ? <ErrorNotice error={error} /> : null}
        <div className="dialog-actions">
          <Button onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </Button>
          <Button variant="danger" busy={busy} busyLabel="Working…" onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
