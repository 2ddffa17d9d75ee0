import { Link } from 'react-router';
import { PageHeader, Section } from '../../components/page-header';
import type { PluginPageProps } from '../contract';

/** What racetime.gg does for this org, with its current settings. */
export function RacetimeOverview({ org, plugin }: PluginPageProps) {
  const entries = Object.entries(plugin.settings);
  return (
    <>
      <PageHeader
        title="racetime.gg"
        description="Race rooms open on racetime.gg before each match; players are invited and results come back live."
      />
      <Section
        title="Room settings"
        actions={
          <Link className="btn btn-small" to={`/orgs/${org.slug}/plugins#plugin-${plugin.id}`}>
            Edit settings
          </Link>
        }
      >
        {entries.length === 0 ? (
          <p className="muted">No settings yet: the defaults apply.</p>
        ) : (
          <dl className="kv">
            {entries.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd className="mono">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        )}
      </Section>
    </>
  );
}
