import { useSearchParams } from 'react-router';
import { Button } from '../../components/button';

/**
 * What the bot install that just brought the admin back did (`?install=linked|failed`, set by the
 * install callback), until dismissed.
 */
export function InstallOutcome() {
  const [params, setParams] = useSearchParams();
  const outcome = params.get('install');
  if (outcome !== 'linked' && outcome !== 'failed') return null;
  const dismiss = () => setParams({}, { replace: true });
  return outcome === 'linked' ? (
    <div className="notice notice-success" role="status">
      <div>
        Linked the Discord server <strong>{params.get('guild') ?? ''}</strong>. Choose below which channels
        get posts.
      </div>
      <Button size="small" onClick={dismiss}>
        Dismiss
      </Button>
    </div>
  ) : (
    <div className="notice notice-error" role="alert">
      <div>
        <strong>The Discord server was not linked: </strong>
        {params.get('message') ?? 'Discord or Racedesk refused the install.'}
        <span className="notice-code"> ({params.get('code') ?? 'unknown'})</span>
        <span className="notice-hint"> Try “Add the bot to a server” again.</span>
      </div>
      <Button size="small" onClick={dismiss}>
        Dismiss
      </Button>
    </div>
  );
}
