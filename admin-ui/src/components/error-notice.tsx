import type { ApiError } from '../api/client';

const HINTS: Record<string, string> = {
  RD_NETWORK: 'The server may be restarting; try again in a moment.',
  RD_ROLE_TOO_LOW: 'Ask an owner or admin of this organization to do it, or to give you a stronger role.',
  RD_RATE_LIMITED: 'Wait a little before trying again.',
  RD_AUTH_CSRF: 'Reload the page and try again.',
};

/** An API error in words, next to what caused it; optionally with a retry button. */
export function ErrorNotice({
  error,
  retry,
  title,
}: {
  error: ApiError;
  retry?: () => void;
  title?: string;
}) {
  const hint = HINTS[error.code];
  return (
    <div className="notice notice-error" role="alert">
      <div>
        {title ? <strong>{title}: </strong> : null}
        {error.message}
        {hint ? <span className="notice-hint"> {hint}</span> : null}
        <span className="notice-code">
          {' '}
          ({error.code}
          {error.status ? `, HTTP ${error.status}` : ''})
        </span>
      </div>
      {retry ? (
        <button type="button" className="btn btn-small" onClick={retry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
