import { Link } from 'react-router';
import { useApi } from '../../api/use-api';
import { EmptyState } from '../../components/empty-state';
import { PageHeader, Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { Time } from '../../components/time';
import { useLiveFeed } from '../../live/use-live-feed';
import type { PluginPageProps } from '../contract';
import type { Bot } from './settings-types';

/** What racetime.gg does for this org and the bots it may use, with their live status and last error. */
export function RacetimeOverview({ org }: PluginPageProps) {
  const bots = useApi<Bot[]>(`/orgs/${org.slug}/racetime/bots`);
  useLiveFeed(org.slug, () => void bots.reload(), ['racetime.bot.']);
  return (
    <>
      <PageHeader
        title="racetime.gg"
        description="Race rooms open on racetime.gg before each match; players are invited and results come back live."
      />
      <Section
        title="Bots"
        description="Each tournament picks one of these under its settings; rooms open in the bot's category."
      >
        <ResourceView resource={bots} label="bots">
          {(items) =>
            items.length === 0 ? (
              <EmptyState title="No bot for this organization yet">
                An instance superadmin registers a racetime.gg category bot and lets this organization use it.
              </EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table" aria-label="Bots">
                  <thead>
                    <tr>
                      <th scope="col">Bot</th>
                      <th scope="col">Category</th>
                      <th scope="col">Status</th>
                      <th scope="col">Last error</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((b) => (
                      <tr key={b.id}>
                        <td>{b.name}</td>
                        <td className="mono">{b.category}</td>
                        <td>
                          {b.active ? b.status : 'deactivated'}
                          {b.statusAt ? (
                            <span className="muted">
                              {' '}
                              since <Time iso={b.statusAt} />
                            </span>
                          ) : null}
                        </td>
                        <td>{b.statusMessage ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </ResourceView>
      </Section>
      <Section title="Rooms">
        <p>
          Rooms are set per tournament (bot, goal, when they open) under{' '}
          <Link to={`/orgs/${org.slug}/tournaments`}>Tournaments</Link>; each match's room, with the reason
          when one was not opened, is on the match page.
        </p>
      </Section>
    </>
  );
}
