import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Tournament } from '../../api/domain-types';
import { roleAtLeast } from '../../api/types';
import { usePagedApi } from '../../api/use-api';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { CheckboxField } from '../../components/field';
import { Loading } from '../../components/loading';
import { PageHeader, Section } from '../../components/page-header';
import { ShowMore } from '../../components/show-more';
import { useLiveFeed } from '../../live/use-live-feed';
import { useOrg } from '../../org/org-context';
import { NewTournamentForm } from './new-tournament-form';

/** The org's tournaments; admins create new ones. Updates live. */
export function TournamentsPage() {
  const { org, role } = useOrg();
  const navigate = useNavigate();
  const [archived, setArchived] = useState(false);
  const list = usePagedApi<Tournament>(`/orgs/${org.slug}/tournaments`, {
    limit: 100,
    archived: archived ? 'true' : undefined,
  });
  useLiveFeed(org.slug, () => void list.reload(), ['core.tournament.']);
  const admin = roleAtLeast(role, 'admin');
  const base = `/orgs/${org.slug}`;
  return (
    <>
      <PageHeader
        title="Tournaments"
        description="Each tournament groups matches and holds the settings its plugins use for them."
      />
      {admin ? (
        <Section title="Create a tournament">
          <NewTournamentForm onCreated={(t) => navigate(`${base}/tournaments/${t.id}`)} />
        </Section>
      ) : null}
      <Section
        title="All tournaments"
        actions={
          <CheckboxField
            label="Show archived"
            checked={archived}
            onChange={(e) => setArchived(e.target.checked)}
          />
        }
      >
        {list.error ? <ErrorNotice error={list.error} retry={() => void list.reload()} /> : null}
        {list.items === undefined ? (
          list.error ? null : (
            <Loading label="Loading tournaments…" />
          )
        ) : list.items.length === 0 ? (
          <EmptyState title="No tournaments yet">
            {admin
              ? 'Create the first one above, then schedule its matches.'
              : 'An admin of this organization creates tournaments.'}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Time zone</th>
                  <th scope="col">
                    <span className="sr-only">Matches</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <Link to={`${base}/tournaments/${t.id}`}>{t.name}</Link>
                      {t.archivedAt ? <span className="badge badge-muted">archived</span> : null}
                    </td>
                    <td>{t.timezone.replaceAll('_', ' ')}</td>
                    <td className="cell-actions">
                      <Link className="btn btn-small" to={`${base}/schedule?tournament=${t.id}&range=all`}>
                        Matches
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ShowMore list={list} />
      </Section>
    </>
  );
}
