import { Button } from './button';

/** A settings form's submit button, with "Saved." (or `savedText`) announced after a save. */
export function SaveActions({
  label,
  running,
  saved,
  savedText = 'Saved.',
  disabled,
}: {
  label: string;
  running: boolean;
  saved: boolean;
  savedText?: string;
  disabled?: boolean;
}) {
  return (
    <div className="form-actions">
      <Button type="submit" variant="primary" disabled={disabled} busy={running} busyLabel="Saving…">
        {label}
      </Button>
      {saved ? (
        <span className="notice notice-success" role="status">
          {savedText}
        </span>
      ) : null}
    </div>
  );
}
