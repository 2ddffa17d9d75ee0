import { type InstalledPlugin, roleAtLeast } from '../../api/types';
import { useApi } from '../../api/use-api';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { useOrg } from '../../org/org-context';
import { PluginCard } from './plugin-card';

/** Every plugin installed on the instance, with this org's on/off switch and settings. */
export function PluginsPage() {
  const { role, plugins } = useOrg();
  const installed = useApi<{ items: InstalledPlugin[] }>('/plugins');
  const canEdit = roleAtLeast(role, 'admin');
  return (
    <>
      <PageHeader
        title="Plugins"
        description={
          canEdit
            ? 'Turn on what this organization uses. Each plugin is off until you turn it on here.'
            : 'What this organization uses. Admins turn plugins on and change their settings.'
        }
      />
      <ResourceView resource={plugins} label="plugins">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No plugins are installed on this instance">
              The instance operator installs plugins (see <code>RACEDESK_PLUGINS</code>); then they appear
              here.
            </EmptyState>
          ) : (
            <div className="stack">
              {items.map((state) => (
                <PluginCard
                  key={`${state.id}-${installed.data ? 'schema' : 'plain'}`}
                  state={state}
                  installed={installed.data?.items.find((p) => p.id === state.id)}
                  canEdit={canEdit}
                  onChanged={(next) =>
                    plugins.setData((current) =>
                      current ? { items: current.items.map((p) => (p.id === next.id ? next : p)) } : current,
                    )
                  }
                />
              ))}
            </div>
          )
        }
      </ResourceView>
    </>
  );
}
