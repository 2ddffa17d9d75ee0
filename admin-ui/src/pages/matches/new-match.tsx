import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Match, Tournament } from '../../api/domain-types';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { fromLocalInput } from '../../components/date-time-input';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextField } from '../../components/field';
import { PageHeader, Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { viewerTimeZone } from '../../components/time';
import { useOrg } from '../../org/org-context';
import { type PickedPlayer, PlayerPicker } from './player-picker';

/** Schedules a match: tournament, time in the viewer's zone, title, round and players in seat order. */
export function NewMatchPage() {
  const { org } = useOrg();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const tournaments = useApi<{ items: Tournament[] }>(`/orgs/${org.slug}/tournaments`, { limit: 100 });
  const [tournamentId, setTournamentId] = useState(params.get('tournament') ?? '');
  const [when, setWhen] = useState('');
  const [title, setTitle] = useState('');
  const [round, setRound] = useState('');
  const [players, setPlayers] = useState<PickedPlayer[]>([]);
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const create = useMutation((body: Record<string, unknown>) =>
    api<Match>(`/orgs/${org.slug}/matches`, { method: 'POST', body }),
  );
  const errors = { ...(create.error?.fieldErrors() ?? {}), ...localError };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const scheduledAt = fromLocalInput(when);
    const missing: Record<string, string> = {};
    if (!tournamentId) missing.tournamentId = 'Choose the tournament this match belongs to.';
    if (!scheduledAt) missing.scheduledAt = 'Enter the date and time the match starts.';
    setLocalError(missing);
    if (Object.keys(missing).length) return;
    const match = await create.run({
      tournamentId: Number(tournamentId),
      scheduledAt,
      title: title.trim() || null,
      round: round.trim() || null,
      players: players.map((p) => p.userId),
    });
    if (match) navigate(`/orgs/${org.slug}/matches/${match.id}`);
  };
  return (
    <>
      <PageHeader title="New match" description="Players are invited and notified as your plugins decide." />
      <Section title="Match">
        <ResourceView resource={tournaments} label="tournaments">
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState
                title="No tournaments yet"
                action={
                  <Link className="btn" to={`/orgs/${org.slug}/tournaments`}>
                    Create a tournament
                  </Link>
                }
              >
                Every match belongs to a tournament: create one first.
              </EmptyState>
            ) : (
              <form className="form" onSubmit={submit} noValidate>
                <SelectField
                  label="Tournament"
                  required
                  value={tournamentId}
                  error={errors.tournamentId}
                  onChange={(e) => setTournamentId(e.target.value)}
                  options={[
                    { value: '', label: 'Choose…' },
                    ...items.map((t) => ({ value: String(t.id), label: t.name })),
                  ]}
                />
                <TextField
                  label="Starts at"
                  hint={`In your time zone, ${viewerTimeZone().replaceAll('_', ' ')}.`}
                  type="datetime-local"
                  required
                  value={when}
                  error={errors.scheduledAt}
                  onChange={(e) => setWhen(e.target.value)}
                />
                <TextField
                  label="Title"
                  hint="Optional; the players' names are used when empty."
                  value={title}
                  error={errors.title}
                  onChange={(e) => setTitle(e.target.value)}
                />
                <TextField
                  label="Round"
                  hint="Optional, e.g. Quarterfinal."
                  value={round}
                  error={errors.round}
                  onChange={(e) => setRound(e.target.value)}
                />
                <PlayerPicker value={players} onChange={setPlayers} error={errors.players} />
                <div className="form-actions">
                  <Button type="submit" variant="primary" busy={create.running} busyLabel="Scheduling…">
                    Schedule match
                  </Button>
                </div>
                {create.error && Object.keys(errors).length === 0 ? (
                  <ErrorNotice error={create.error} />
                ) : null}
              </form>
            )
          }
        </ResourceView>
      </Section>
    </>
  );
}
