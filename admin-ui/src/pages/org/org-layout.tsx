import { useEffect } from 'react';
import { Outlet, useParams } from 'react-router';
import type { Org, OrgPlugin, OrgRole } from '../../api/types';
import { useApi } from '../../api/use-api';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { LAST_ORG_KEY } from '../../layout/org-switcher';
import { Shell } from '../../layout/shell';
import { OrgContext } from '../../org/org-context';
import { useMe } from '../../session/session';

/** Loads the org and its plugins for every page under `/orgs/:org`. */
export function OrgLayout() {
  const { org: slug = '' } = useParams();
  const me = useMe();
  const org = useApi<Org>(`/orgs/${encodeURIComponent(slug)}`);
  const plugins = useApi<{ items: OrgPlugin[] }>(`/orgs/${encodeURIComponent(slug)}/plugins`);
  const role: OrgRole = me.superadmin
    ? 'owner'
    : (me.memberships.find((m) => m.org.slug === slug)?.role ?? 'member');
  useEffect(() => {
    if (org.data) localStorage.setItem(LAST_ORG_KEY, org.data.slug);
  }, [org.data]);

  if (!org.data) {
    return (
      <Shell>
        {org.error ? (
          <ErrorNotice error={org.error} retry={() => void org.reload()} title={`Organization "${slug}"`} />
        ) : (
          <Loading />
        )}
      </Shell>
    );
  }
  const value = { org: org.data, role, plugins, setOrg: (next: Org) => org.setData(() => next) };
  return (
    <OrgContext.Provider value={value}>
      <Shell org={value}>
        <Outlet />
      </Shell>
    </OrgContext.Provider>
  );
}
