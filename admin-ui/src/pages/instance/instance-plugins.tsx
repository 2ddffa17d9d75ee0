import type { InstalledPlugin } from '../../api/types';
import { useApi } from '../../api/use-api';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';

/** Plugins installed on this instance, their versions, dependencies and permissions. */
export function InstancePluginsPage() {
  const plugins = useApi<{ items: InstalledPlugin[] }>('/plugins');
  return (
    <>
      <PageHeader
        title="Installed plugins"
        description="Loaded at start from RACEDESK_PLUGINS; each organization turns them on separately."
      />
      <ResourceView resource={plugins} label="plugins">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No plugins are installed">
              Install plugin packages and list them in <code>RACEDESK_PLUGINS</code>, then restart.{' '}
              <code>npx racedesk plugins</code> shows what loads.
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Plugin</th>
                    <th scope="col">Version</th>
                    <th scope="col">Depends on</th>
                    <th scope="col">Permissions</th>
                    <th scope="col">Org settings</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <strong>{p.id}</strong>
                        <div className="muted">{p.description}</div>
                      </td>
                      <td className="mono">{p.version}</td>
                      <td>{p.dependsOn.length ? p.dependsOn.join(', ') : '—'}</td>
                      <td>
                        {Object.entries(p.permissions).map(([action, role]) => (
                          <div key={action}>
                            <span className="mono">{action}</span> <span className="muted">≥ {role}</span>
                          </div>
                        ))}
                        {Object.keys(p.permissions).length === 0 ? '—' : null}
                      </td>
                      <td>{p.settingsSchema ? 'yes' : 'none'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceView>
    </>
  );
}
