import { roleAtLeast } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import type { PluginPageProps } from '../contract';
import { ChannelsSection } from './channels-section';
import { GuildsSection } from './guilds-section';
import { InstallOutcome } from './install-outcome';

/** The org's Discord: linked servers and the channels each kind of post goes to. */
export function DiscordPage(props: PluginPageProps) {
  return (
    <>
      <PageHeader
        title="Discord"
        description="Players get DMs about their matches; your server's channels get the posts you choose."
      />
      <InstallOutcome />
      <GuildsSection {...props} />
      {roleAtLeast(props.role, 'admin') ? <ChannelsSection {...props} /> : null}
    </>
  );
}
