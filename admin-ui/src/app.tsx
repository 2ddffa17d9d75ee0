import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ProgressBar } from './components/progress-bar';
import { HomePage } from './pages/home';
import { InstanceAuditPage } from './pages/instance/instance-audit';
import { InstanceJobsPage } from './pages/instance/instance-jobs';
import { InstanceLayout } from './pages/instance/instance-layout';
import { InstanceOrgsPage } from './pages/instance/instance-orgs';
import { InstancePluginPageHost } from './pages/instance/instance-plugin-page-host';
import { InstancePluginsPage } from './pages/instance/instance-plugins';
import { MatchPage } from './pages/matches/match';
import { NewMatchPage } from './pages/matches/new-match';
import { NotFoundPage } from './pages/not-found';
import { MembersPage } from './pages/org/members';
import { OrgAuditPage } from './pages/org/org-audit';
import { OrgLayout } from './pages/org/org-layout';
import { OrgOverviewPage } from './pages/org/org-overview';
import { OrgSettingsPage } from './pages/org/org-settings';
import { PluginPageHost } from './pages/org/plugin-page-host';
import { PluginsPage } from './pages/org/plugins';
import { TokensPage } from './pages/org/tokens';
import { WebhooksPage } from './pages/org/webhooks/webhooks';
import { ProfilePage } from './pages/profile';
import { PersonalLayout } from './pages/profile-layout';
import { SchedulePage } from './pages/schedule/schedule';
import { SignInPage } from './pages/sign-in';
import { TournamentPage } from './pages/tournaments/tournament';
import { TournamentsPage } from './pages/tournaments/tournaments';
import { RequireSession } from './session/require-session';
import { SessionProvider } from './session/session';

/** The panel's routes, under /admin. */
export function App() {
  return (
    <SessionProvider>
      <ProgressBar />
      <BrowserRouter basename="/admin">
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route element={<RequireSession />}>
            <Route index element={<HomePage />} />
            <Route path="orgs/:org" element={<OrgLayout />}>
              <Route index element={<OrgOverviewPage />} />
              <Route path="schedule" element={<SchedulePage />} />
              <Route path="tournaments" element={<TournamentsPage />} />
              <Route path="tournaments/:id" element={<TournamentPage />} />
              <Route path="matches/new" element={<NewMatchPage />} />
              <Route path="matches/:id" element={<MatchPage />} />
              <Route path="members" element={<MembersPage />} />
              <Route path="plugins" element={<PluginsPage />} />
              <Route path="tokens" element={<TokensPage />} />
              <Route path="settings" element={<OrgSettingsPage />} />
              <Route path="audit" element={<OrgAuditPage />} />
              <Route path="webhooks" element={<WebhooksPage />} />
              <Route path="p/:pluginId/:page" element={<PluginPageHost />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
            <Route path="instance" element={<InstanceLayout />}>
              <Route index element={<Navigate to="orgs" replace />} />
              <Route path="orgs" element={<InstanceOrgsPage />} />
              <Route path="plugins" element={<InstancePluginsPage />} />
              <Route path="audit" element={<InstanceAuditPage />} />
              <Route path="jobs" element={<InstanceJobsPage />} />
              <Route path="p/:pluginId/:page" element={<InstancePluginPageHost />} />
            </Route>
            <Route element={<PersonalLayout />}>
              <Route path="profile" element={<ProfilePage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
