import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Tournament } from '../../api/domain-types';
import { roleAtLeast } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice } from '../../components/error-notice';
import { PageHeader, Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { useOrg } from '../../org/org-context';
import { enabledAdminPlugins } from '../../plugins/registry';
import { TournamentSettingsForm } from './tournament-settings-form';

/** One tournament: its settings, each enabled plugin's tournament settings, archive and restore. */
export function TournamentPage() {
  const { id = '' } = useParams();
  const { org, role, plugins } = useOrg();
  const tournament = useApi<Tournament>(`/orgs/${org.slug}/tournaments/${encodeURIComponent(id)}`);
  const admin = roleAtLeast(role, 'admin');
  const sections = enabledAdminPlugins(plugins.data?.items ?? []).filter((c) => c.plugin.TournamentSettings);
  const archive = async (archived: boolean) => {
    const next = await api<Tournament>(`/orgs/${org.slug}/tournaments/${id}`, {
      method: 'PATCH',
      body: { archived },
    });
    tournament.setData(() => next);
  };
  const restore = useMutation(() => archive(false));
  return (
    <ResourceView resource={tournament} label="the tournament">
      {(t) => (
        <>
          <PageHeader
            title={t.name}
            description={
              t.archivedAt ? 'Archived: its matches stay, but it is hidden from lists.' : undefined
            }
            actions={
              <>
                <Link className="btn" to={`/orgs/${org.slug}/schedule?tournament=${t.id}&range=all`}>
                  Matches
                </Link>
                {roleAtLeast(role, 'moderator') && !t.archivedAt ? (
                  <Link className="btn btn-primary" to={`/orgs/${org.slug}/matches/new?tournament=${t.id}`}>
                    New match
                  </Link>
                ) : null}
              </>
            }
          />
          <Section title="Tournament settings">
            <TournamentSettingsForm
              key={t.id}
              tournament={t}
              canEdit={admin}
              onSaved={(next) => tournament.setData(() => next)}
            />
          </Section>
          {sections.map(({ plugin, state }) => {
            const Settings = plugin.TournamentSettings!;
            return (
              <Section key={plugin.id} title={`${plugin.title ?? plugin.id} settings`}>
                <Settings org={org} plugin={state} role={role} tournamentId={t.id} />
              </Section>
            );
          })}
          {admin ? (
            <Section title={t.archivedAt ? 'Restore' : 'Archive'}>
              {t.archivedAt ? (
                <>
                  <Button onClick={() => void restore.run()} busy={restore.running} busyLabel="Restoring…">
                    Restore tournament
                  </Button>
                  {restore.error ? <ErrorNotice error={restore.error} /> : null}
                </>
              ) : (
                <ConfirmButton
                  label="Archive tournament"
                  title={`Archive ${t.name}?`}
                  confirmLabel="Archive"
                  onConfirm={() => archive(true)}
                >
                  It disappears from the tournament list; its matches and results stay. You can restore it.
                </ConfirmButton>
              )}
            </Section>
          ) : null}
        </>
      )}
    </ResourceView>
  );
}
