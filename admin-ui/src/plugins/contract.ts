import type { ComponentType } from 'react';
import type { Match } from '../api/domain-types';
import type { Org, OrgPlugin, OrgRole } from '../api/types';

/** What a plugin page receives: the org, the plugin's state there and the viewer's role. */
export interface PluginPageProps {
  org: Org;
  plugin: OrgPlugin;
  role: OrgRole;
}

/** A page a plugin adds under `/orgs/:org/p/<plugin-id>/<path>`, listed in the org's navigation. */
export interface AdminPluginPage {
  path: string;
  label: string;
  /** Least role that sees the page in the navigation (default member). */
  minRole?: OrgRole;
  Component: ComponentType<PluginPageProps>;
}

/** What a plugin's section of the match page receives; `reload` reloads the match. */
export type MatchSectionProps = PluginPageProps & { match: Match; reload: () => void };

/** A plugin's contribution to the panel; shown only while the plugin is enabled for the org. */
export interface AdminPlugin {
  /** The plugin id, as in `GET /api/v1/orgs/:org/plugins`. */
  id: string;
  /** Name in the navigation and section titles (default: the id). */
  title?: string;
  pages?: AdminPluginPage[];
  /** A section of the tournament settings page, for the plugin's per-tournament settings. */
  TournamentSettings?: ComponentType<PluginPageProps & { tournamentId: number }>;
  /** A section of the match page (e.g. the race room), shown under the match's details. */
  MatchSection?: ComponentType<MatchSectionProps>;
  /** A column of the schedule: its heading and the cell of one match (keep it small; it shows per row). */
  ScheduleColumn?: { label: string; Cell: ComponentType<PluginPageProps & { match: Match }> };
}

/** Identity helper for typing `src/plugins/<id>/index.tsx`'s `admin` export. */
export const defineAdminPlugin = (plugin: AdminPlugin): AdminPlugin => plugin;
