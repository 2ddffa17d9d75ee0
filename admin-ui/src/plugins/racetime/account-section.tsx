import { useEffect } from 'react';
import { ApiError, api, apiUrl } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { Section } from '../../components/page-header';
import { Time } from '../../components/time';

interface AccountLink {
  racetimeId: string;
  racetimeName: string;
  linkedAt: string;
}

/**
 * Asks the server for the consent URL without following it: a 302 means linking can start (the
 * popup then opens the same route), an error is shown here instead of on a bare JSON page.
 */
async function checkLinkingAvailable(): Promise<true> {
  const res = await fetch(apiUrl('/me/racetime/link'), { redirect: 'manual', credentials: 'same-origin' });
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) return true;
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  throw new ApiError(
    res.status,
    body.error?.code ?? 'RD_HTTP',
    body.error?.message ?? `The server answered ${res.status}`,
  );
}

/** The viewer's racetime.gg account: link it (racetime.gg asks for consent in a new window) or unlink. */
export function RacetimeAccountSection() {
  const link = useApi<AccountLink>('/me/racetime');
  const start = useMutation(checkLinkingAvailable);
  // Coming back from the racetime.gg window shows the new link without a reload.
  useEffect(() => {
    const onFocus = () => void link.reload();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [link.reload]);
  // The route is missing when this server runs without the racetime plugin: no section then.
  if (link.error?.code === 'RD_NOT_FOUND') return null;
  const notLinked = link.error?.code === 'RD_RACETIME_NOT_LINKED';
  const open = async () => {
    // Opened during the click (popup blockers allow that), pointed at racetime.gg once the server agrees.
    const popup = window.open('about:blank', '_blank');
    if (await start.run()) {
      if (popup) popup.location.href = apiUrl('/me/racetime/link');
      else window.location.href = apiUrl('/me/racetime/link');
    } else popup?.close();
  };
  return (
    <Section
      title="racetime.gg account"
      description="Race rooms invite you by your racetime.gg account and record your results under your name."
      actions={
        notLinked || link.data ? (
          <Button onClick={() => void link.reload()} aria-label="Refresh racetime.gg account">
            Refresh
          </Button>
        ) : null
      }
    >
      {link.data ? (
        <div className="button-row">
          <p>
            Linked to <strong>{link.data.racetimeName}</strong>{' '}
            <span className="muted mono">{link.data.racetimeId}</span>{' '}
            <span className="muted">
              since <Time iso={link.data.linkedAt} />
            </span>
          </p>
          <ConfirmButton
            label="Unlink racetime.gg"
            title="Unlink your racetime.gg account?"
            confirmLabel="Unlink"
            onConfirm={async () => {
              await api('/me/racetime', { method: 'DELETE' });
              link.setData(() => undefined);
              await link.reload();
            }}
          >
            <p>Race rooms can no longer invite you until you link an account again.</p>
          </ConfirmButton>
        </div>
      ) : notLinked ? (
        <EmptyState
          title="No racetime.gg account linked"
          action={
            <Button variant="primary" busy={start.running} busyLabel="Opening racetime.gg…" onClick={open}>
              Link racetime.gg account
            </Button>
          }
        >
          Link it so race rooms of your matches invite you. racetime.gg opens in a new window; come back here
          when you have allowed Racedesk.
        </EmptyState>
      ) : link.error ? (
        <ErrorNotice error={link.error} retry={() => void link.reload()} />
      ) : (
        <Loading label="Loading your racetime.gg account…" />
      )}
      {start.error ? <ErrorNotice error={start.error} title="Could not start linking" /> : null}
    </Section>
  );
}
