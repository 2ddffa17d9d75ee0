import { useId } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../session/session';

export const LAST_ORG_KEY = 'racedesk.lastOrg';

/** Switches between the viewer's organizations, keeping the current page (settings, members…). */
export function OrgSwitcher() {
  const me = useMe();
  const { org } = useParams();
  const navigate = useNavigate();
  const id = useId();
  if (me.memberships.length === 0 && !org) return null;
  const known = me.memberships.some((m) => m.org.slug === org);
  return (
    <div className="topbar-control">
      <label htmlFor={id} className="sr-only">
        Organization
      </label>
      <select
        id={id}
        className="input input-compact org-switcher"
        value={org ?? ''}
        onChange={(e) => {
          const next = e.target.value;
          if (!next) return;
          localStorage.setItem(LAST_ORG_KEY, next);
          const rest = org ? (window.location.pathname.split(`/orgs/${org}`)[1] ?? '') : '';
          // Plugin pages may not exist in the other org: land on its overview instead.
          navigate(`/orgs/${next}${rest.startsWith('/p/') ? '' : rest}`);
        }}
      >
        {!org ? <option value="">Choose an organization…</option> : null}
        {org && !known ? <option value={org}>{org}</option> : null}
        {me.memberships.map((m) => (
          <option key={m.org.slug} value={m.org.slug}>
            {m.org.name}
          </option>
        ))}
      </select>
    </div>
  );
}
