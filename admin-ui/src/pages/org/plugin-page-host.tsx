import { useParams } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { useOrg } from '../../org/org-context';
import { adminPlugins } from '../../plugins/registry';
import { NotFoundPage } from '../not-found';

/** Renders `/orgs/:org/p/:pluginId/:page` from the plugin's own folder, only while it is on. */
export function PluginPageHost() {
  const { pluginId = '', page = '' } = useParams();
  const { org, role, plugins } = useOrg();
  const contribution = adminPlugins.get(pluginId)?.pages?.find((p) => p.path === page);
  const state = plugins.data?.items.find((p) => p.id === pluginId);
  if (!contribution) return <NotFoundPage />;
  if (!plugins.data) return null;
  if (!state?.enabled) {
    return (
      <EmptyState title={`The ${pluginId} plugin is off for ${org.name}`}>
        An admin can turn it on under Plugins.
      </EmptyState>
    );
  }
  const { Component } = contribution;
  return <Component org={org} plugin={state} role={role} />;
}
