/** A racetime category bot as `GET /api/v1/orgs/:org/racetime/bots` lists it. */
export interface Bot {
  id: number;
  category: string;
  name: string;
  active: boolean;
  status: string;
  statusMessage: string | null;
  statusAt: string | null;
  lastConnectedAt: string | null;
}

/** The room options a tournament sets (the subset the panel edits; the rest keep their values). */
export interface RoomProfile {
  invitational: boolean;
  unlisted: boolean;
  startDelaySeconds: number;
  streamingRequired: boolean;
  autoStart: boolean;
}

/** `GET/PUT /api/v1/orgs/:org/racetime/tournaments/:id/settings`. */
export interface TournamentRacetimeSettings {
  botId: number | null;
  autoCreateRooms: boolean;
  openMinutesBefore: number;
  requireLinkedAccounts: boolean;
  defaultGoal: string | null;
  roomProfile: RoomProfile;
}
