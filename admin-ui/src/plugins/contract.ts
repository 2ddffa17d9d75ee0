import type { ComponentType, ReactNode } from 'react';
import type { Match } from '../api/domain-types';
import type { InstalledPlugin, Org, OrgPlugin, OrgRole } from '../api/types';

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

/** A page a plugin adds to the instance pages (superadmins), under `/instance/p/<plugin-id>/<path>`. */
export interface AdminInstancePage {
  path: string;
  label: string;
  /** Receives the installed plugin (shown only while the plugin is installed on the instance). */
  Component: ComponentType<{ plugin: InstalledPlugin }>;
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
  /** Instance pages for superadmins (e.g. bots), listed under Instance while the plugin is installed. */
  instancePages?: AdminInstancePage[];
  /** A section of the tournament settings page, for the plugin's per-tournament settings. */
  TournamentSettings?: ComponentType<PluginPageProps & { tournamentId: number }>;
  /** A section of the match page (e.g. the race room), shown under the match's details. */
  MatchSection?: ComponentType<MatchSectionProps>;
  /**
   * A section of the viewer's profile (e.g. a linked account). Profiles belong to no org, so it shows
   * whenever the panel has it; it hides itself when the server does not run the plugin.
   */
  ProfileSection?: ComponentType;
  /**
   * A column of the schedule: its heading and the cell of one match (keep it small; it shows per row).
   * `Provider`, when given, wraps the whole schedule with every listed match: load what the cells need
   * there in one request (and share it through a React context) instead of one request per row.
   */
  ScheduleColumn?: {
    label: string;
    Cell: ComponentType<PluginPageProps & { match: Match }>;
    Provider?: ComponentType<PluginPageProps & { matches: readonly Match[]; children: ReactNode }>;
  };
}

/** Identity helper for typing `src/plugins/<id>/index.tsx`'s `admin` export. */
export const defineAdminPlugin = (plugin: AdminPlugin): AdminPlugin => plugin;
