import { useParams } from 'react-router';
import type { InstalledPlugin } from '../../api/types';
import { useApi } from '../../api/use-api';
import { EmptyState } from '../../components/empty-state';
import { ResourceView } from '../../components/resource-view';
import { adminPlugins } from '../../plugins/registry';
import { NotFoundPage } from '../not-found';

/** Renders `/instance/p/:pluginId/:page` from the plugin's own folder, only while it is installed. */
export function InstancePluginPageHost() {
  const { pluginId = '', page = '' } = useParams();
  const installed = useApi<{ items: InstalledPlugin[] }>('/plugins');
  const contribution = adminPlugins.get(pluginId)?.instancePages?.find((p) => p.path === page);
  if (!contribution) return <NotFoundPage />;
  const { Component } = contribution;
  return (
    <ResourceView resource={installed} label="installed plugins">
      {({ items }) => {
        const plugin = items.find((p) => p.id === pluginId);
        return plugin ? (
          <Component plugin={plugin} />
        ) : (
          <EmptyState title={`The ${pluginId} plugin is not installed on this instance`}>
            Add it to <code>RACEDESK_PLUGINS</code> and restart.
          </EmptyState>
        );
      }}
    </ResourceView>
  );
}
