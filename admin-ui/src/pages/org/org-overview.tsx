import { Link } from 'react-router';
import { type Member, roleAtLeast } from '../../api/types';
import { usePagedApi } from '../../api/use-api';
import { PageHeader, Section } from '../../components/page-header';
import { useOrg } from '../../org/org-context';

/** The org's front page: what is set up and what to do next. */
export function OrgOverviewPage() {
  const { org, role, plugins } = useOrg();
  const members = usePagedApi<Member>(`/orgs/${org.slug}/members`, { limit: 100 });
  const enabled = plugins.data?.items.filter((p) => p.enabled) ?? [];
  const admin = roleAtLeast(role, 'admin');
  const steps = [
    {
      done: enabled.length > 0,
      text: 'Turn on the plugins this organization uses (race rooms, schedule import, notifications).',
      to: 'plugins',
      label: 'Plugins',
    },
    {
      done: (members.items?.length ?? 0) > 1,
      text: 'Add your moderators and crew by their Discord id.',
      to: 'members',
      label: 'Members',
    },
    ...(admin
      ? [
          {
            done: false,
            text: 'Scripts and restream tools use API tokens.',
            to: 'tokens',
            label: 'API tokens',
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={org.name}
        description={
          <>
            {org.description || 'No description yet.'}{' '}
            <span className="muted">· times in {org.timezone}</span>
          </>
        }
      />
      <div className="grid-2">
        <Section title="Plugins on">
          {plugins.data === undefined ? null : enabled.length === 0 ? (
            <p className="muted">
              None yet. <Link to="plugins">Choose plugins</Link> to automate rooms, imports and notifications.
            </p>
          ) : (
            <ul className="plain-list">
              {enabled.map((p) => (
                <li key={p.id}>
                  <strong>{p.id}</strong> <span className="muted">{p.version}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Next steps">
          <ol className="steps">
            {steps.map((s) => (
              <li key={s.to} className={s.done ? 'step-done' : undefined}>
                <span className="sr-only">{s.done ? 'Done: ' : 'To do: '}</span>
                {s.text} <Link to={s.to}>{s.label}</Link>
              </li>
            ))}
          </ol>
        </Section>
      </div>
    </>
  );
}
