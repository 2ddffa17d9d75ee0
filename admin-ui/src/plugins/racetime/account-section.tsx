import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
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
 * Asks the server for the consent URL without following it: a 302 means linking can start (this tab
 * then goes to the same route), an error is shown here instead of on a bare JSON page.
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

type LinkOutcome = { linked: true } | { linked: false; code: string; message: string };

/**
 * What the link that just brought the viewer back from racetime.gg did: the callback sends the browser
 * to `/admin/profile?racetime=linked` or `?racetime=failed&code=…&message=…`. Read once, then the query
 * is dropped so a reload or a shared address does not show it again.
 */
function useLinkOutcome(): [LinkOutcome | undefined, () => void] {
  const [params, setParams] = useSearchParams();
  const [outcome, setOutcome] = useState<LinkOutcome | undefined>(() => {
    const result = params.get('racetime');
    if (result === 'linked') return { linked: true };
    if (result === 'failed')
      return {
        linked: false,
        code: params.get('code') ?? 'unknown',
        message: params.get('message') ?? 'racetime.gg or Racedesk refused the link.',
      };
    return undefined;
  });
  const hasQuery = params.has('racetime');
  useEffect(() => {
    if (!hasQuery) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of ['racetime', 'code', 'message']) next.delete(key);
        return next;
      },
      { replace: true },
    );
  }, [hasQuery, setParams]);
  return [outcome, () => setOutcome(undefined)];
}

/** The viewer's racetime.gg account: link it (this tab goes to racetime.gg for consent and comes back) or unlink. */
export function RacetimeAccountSection() {
  const link = useApi<AccountLink>('/me/racetime');
  const start = useMutation(checkLinkingAvailable);
  const [outcome, dismissOutcome] = useLinkOutcome();
  // The route is missing when this server runs without the racetime plugin: no section then.
  if (link.error?.code === 'RD_NOT_FOUND') return null;
  const notLinked = link.error?.code === 'RD_RACETIME_NOT_LINKED';
  const open = async () => {
    dismissOutcome();
    if (await start.run()) window.location.assign(apiUrl('/me/racetime/link'));
  };
  return (
    <Section
      title="racetime.gg account"
      description="Race rooms invite you by your racetime.gg account and record your results under your name."
    >
      {outcome?.linked ? (
        <div className="notice notice-success" role="status">
          <div>Linked your racetime.gg account: race rooms of your matches now invite you.</div>
          <Button size="small" onClick={dismissOutcome}>
            Dismiss
          </Button>
        </div>
      ) : outcome ? (
        <div className="notice notice-error" role="alert">
          <div>
            <strong>Your racetime.gg account was not linked: </strong>
            {outcome.message}
            <span className="notice-code"> ({outcome.code})</span>
            <span className="notice-hint"> Try “Link racetime.gg account” again.</span>
          </div>
          <Button size="small" onClick={dismissOutcome}>
            Dismiss
          </Button>
        </div>
      ) : null}
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
            <Button variant="primary" busy={start.running} busyLabel="Going to racetime.gg…" onClick={open}>
              Link racetime.gg account
            </Button>
          }
        >
          Link it so race rooms of your matches invite you. This page goes to racetime.gg, which asks you to
          allow Racedesk, then brings you back here.
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
