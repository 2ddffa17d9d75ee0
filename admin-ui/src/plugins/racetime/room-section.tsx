import { api } from '../../api/client';
import { roleAtLeast } from '../../api/types';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ErrorNotice } from '../../components/error-notice';
import { Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { Time } from '../../components/time';
import type { MatchSectionProps } from '../contract';
import { EntrantsTable } from './room-entrants';
import { type MatchRoom, OPENABLE, RACE_STATUS, ROOM_STATUS } from './room-types';
import { useRoom } from './use-room';

/**
 * The match's racetime.gg room: status, link, invitations, why it was skipped, "Open room now", and
 * the race with its entrants, kept current from the live feed.
 */
export function RoomSection({ org, role, match, reload }: MatchSectionProps) {
  const room = useRoom(org.slug, match.id);
  const open = useMutation(() =>
    api<MatchRoom>(`/orgs/${org.slug}/racetime/matches/${match.id}/room`, { method: 'POST', body: {} }),
  );
  const nameOf = (userId: number) =>
    match.players.find((p) => p.userId === userId)?.displayName ?? `user ${userId}`;
  const openNow = async () => {
    const next = await open.run();
    if (next) {
      room.set(next);
      reload();
    }
  };
  return (
    <Section title="Race room">
      <ResourceView resource={room} label="the race room">
        {(r) => (
          <>
            <dl className="kv">
              <div>
                <dt>Status</dt>
                <dd>
                  <span className={`badge room-${r.status}`}>{ROOM_STATUS[r.status] ?? r.status}</span>
                </dd>
              </div>
              {r.url ? (
                <div>
                  <dt>Room</dt>
                  <dd>
                    <a href={r.url} target="_blank" rel="noreferrer">
                      {r.slug}
                    </a>
                  </dd>
                </div>
              ) : null}
              {r.race ? (
                <div>
                  <dt>Race</dt>
                  <dd>
                    {RACE_STATUS[r.race.status] ?? r.race.status}
                    {r.race.startedAt ? (
                      <span className="muted">
                        {' '}
                        (started <Time iso={r.race.startedAt} timeOnly />)
                      </span>
                    ) : null}
                  </dd>
                </div>
              ) : null}
              {r.openAt && (r.status === 'pending' || r.status === 'none' || r.status === 'skipped') ? (
                <div>
                  <dt>Opens</dt>
                  <dd>
                    <Time iso={r.openAt} />
                  </dd>
                </div>
              ) : null}
            </dl>
            {r.skipReason ? (
              <div className="notice notice-warning" role="status">
                <strong>Why it was not opened: </strong>
                {r.skipDetail ?? r.skipReason} <span className="notice-code">({r.skipReason})</span>
              </div>
            ) : null}
            {r.invited.length || r.notInvited.length ? (
              <ul className="plain-list">
                {r.invited.map((i) => (
                  <li key={i.userId}>
                    {nameOf(i.userId)}: invited <span className="muted mono">({i.racetimeId})</span>
                  </li>
                ))}
                {r.notInvited.map((i) => (
                  <li key={i.userId}>
                    {nameOf(i.userId)}: not invited, {i.reason}
                  </li>
                ))}
              </ul>
            ) : null}
            {r.race ? (
              <>
                <h3 className="subheading">Entrants</h3>
                <EntrantsTable entrants={r.entrants} match={match} />
              </>
            ) : null}
            {roleAtLeast(role, 'moderator') && OPENABLE.includes(r.status) && match.state !== 'cancelled' ? (
              <div className="button-row">
                <Button
                  variant="primary"
                  busy={open.running}
                  busyLabel="Opening…"
                  onClick={() => void openNow()}
                >
                  Open room now
                </Button>
              </div>
            ) : null}
            {open.error ? <ErrorNotice error={open.error} title="The room did not open" /> : null}
          </>
        )}
      </ResourceView>
    </Section>
  );
}
