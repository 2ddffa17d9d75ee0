import { NavLink } from 'react-router';
import { type InstalledPlugin, roleAtLeast } from '../api/types';
import { useApi } from '../api/use-api';
import type { OrgContextValue } from '../org/org-context';
import { adminPlugins, enabledAdminPlugins } from '../plugins/registry';
import { useMe } from '../session/session';

const link = ({ isActive }: { isActive: boolean }) => `nav-link${isActive ? ' nav-link-active' : ''}`;

function OrgLinks({ org, role, plugins }: Pick<OrgContextValue, 'org' | 'role' | 'plugins'>) {
  const base = `/orgs/${org.slug}`;
  const admin = roleAtLeast(role, 'admin');
  const contributions = enabledAdminPlugins(plugins.data?.items ?? []);
  return (
    <>
      <p className="nav-heading">{org.name}</p>
      <NavLink to={base} end className={link}>
        Overview
      </NavLink>
      <NavLink to={`${base}/schedule`} className={link}>
        Schedule
      </NavLink>
      <NavLink to={`${base}/tournaments`} className={link}>
        Tournaments
      </NavLink>
      <NavLink to={`${base}/members`} className={link}>
        Members
      </NavLink>
      <NavLink to={`${base}/plugins`} className={link}>
        Plugins
      </NavLink>
      {admin ? (
        <>
          <NavLink to={`${base}/tokens`} className={link}>
            API tokens
          </NavLink>
          <NavLink to={`${base}/settings`} className={link}>
            Settings
          </NavLink>
          <NavLink to={`${base}/webhooks`} className={link}>
            Webhooks
          </NavLink>
          <NavLink to={`${base}/audit`} className={link}>
            Audit log
          </NavLink>
        </>
      ) : null}
      {contributions.flatMap(({ plugin }) =>
        (plugin.pages ?? [])
          .filter((page) => roleAtLeast(role, page.minRole ?? 'member'))
          .map((page) => (
            <NavLink
              key={`${plugin.id}/${page.path}`}
              to={`${base}/p/${plugin.id}/${page.path}`}
              className={link}
            >
              {page.label}
            </NavLink>
          )),
      )}
    </>
  );
}

/** Instance pages of the installed plugins (racetime bots, the Discord bot). */
function InstancePluginLinks() {
  const installed = useApi<{ items: InstalledPlugin[] }>('/plugins');
  return (
    <>
      {(installed.data?.items ?? []).flatMap((p) =>
        (adminPlugins.get(p.id)?.instancePages ?? []).map((page) => (
          <NavLink key={`${p.id}/${page.path}`} to={`/instance/p/${p.id}/${page.path}`} className={link}>
            {page.label}
          </NavLink>
        )),
      )}
    </>
  );
}

/** The side navigation: the current org's pages, then instance pages for superadmins. */
export function Nav({
  org,
  onNavigate,
}: {
  org?: Pick<OrgContextValue, 'org' | 'role' | 'plugins'>;
  onNavigate: () => void;
}) {
  const me = useMe();
  return (
    // Clicking a link closes the menu on phones.
    // biome-ignore lint/a11y/useKeyWithClickEvents: links inside handle the keyboard; this only closes the drawer
    <nav
      aria-label="Main"
      className="nav"
      onClick={(e) => (e.target as HTMLElement).closest('a') && onNavigate()}
    >
      {org ? <OrgLinks {...org} /> : null}
      {me.superadmin ? (
        <>
          <p className="nav-heading">Instance</p>
          <NavLink to="/instance/orgs" className={link}>
            Organizations
          </NavLink>
          <NavLink to="/instance/plugins" className={link}>
            Installed plugins
          </NavLink>
          <NavLink to="/instance/jobs" className={link}>
            Jobs
          </NavLink>
          <NavLink to="/instance/audit" className={link}>
            Instance audit log
          </NavLink>
          <InstancePluginLinks />
        </>
      ) : null}
      <p className="nav-heading">You</p>
      <NavLink to="/profile" className={link}>
        Profile
      </NavLink>
    </nav>
  );
}
