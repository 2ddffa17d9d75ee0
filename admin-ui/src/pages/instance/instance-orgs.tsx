import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Org } from '../../api/types';
import { usePagedApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { TextField } from '../../components/field';
import { Loading } from '../../components/loading';
import { slugFrom } from '../../components/naming';
import { PageHeader, Section } from '../../components/page-header';
import { ShowMore } from '../../components/show-more';
import { Time, viewerTimeZone } from '../../components/time';
import { useSession } from '../../session/session';

function NewOrgForm({ onCreated }: { onCreated: () => void }) {
  const { reload } = useSession();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const create = useMutation(() =>
    api<Org>('/orgs', { method: 'POST', body: { name: name.trim(), slug, timezone: viewerTimeZone() } }),
  );
  const errors = create.error?.fieldErrors() ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await create.run()) {
      setName('');
      setSlug('');
      setSlugEdited(false);
      await reload();
      onCreated();
    }
  };
  return (
    <form className="form form-inline" onSubmit={submit} noValidate>
      <TextField
        label="Name"
        required
        value={name}
        error={errors.name}
        onChange={(e) => {
          setName(e.target.value);
          if (!slugEdited) setSlug(slugFrom(e.target.value));
        }}
      />
      <TextField
        label="URL name"
        hint="Lowercase letters, digits and dashes; cannot change later."
        required
        value={slug}
        error={errors.slug}
        onChange={(e) => {
          setSlugEdited(true);
          setSlug(e.target.value);
        }}
      />
      <Button type="submit" variant="primary" busy={create.running} busyLabel="Creating…">
        Create organization
      </Button>
      {create.error && !errors.name && !errors.slug ? <ErrorNotice error={create.error} /> : null}
    </form>
  );
}

/** Every organization on the instance; superadmins create new ones (and become their owner). */
export function InstanceOrgsPage() {
  const orgs = usePagedApi<Org>('/orgs', { limit: 100 });
  return (
    <>
      <PageHeader
        title="Organizations"
        description="Each community or event series is one organization with its own members, plugins and tournaments."
      />
      <Section
        title="Create an organization"
        description="You become its owner and can add its organizers under Members."
      >
        <NewOrgForm onCreated={() => void orgs.reload()} />
      </Section>
      <Section title="All organizations">
        {orgs.error ? <ErrorNotice error={orgs.error} retry={() => void orgs.reload()} /> : null}
        {orgs.items === undefined ? (
          orgs.error ? null : (
            <Loading />
          )
        ) : orgs.items.length === 0 ? (
          <EmptyState title="No organizations yet">Create the first one above.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">URL name</th>
                  <th scope="col">Time zone</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {orgs.items.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/orgs/${o.slug}`}>{o.name}</Link>
                    </td>
                    <td className="mono">{o.slug}</td>
                    <td>{o.timezone}</td>
                    <td>
                      <Time iso={o.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ShowMore list={orgs} />
      </Section>
    </>
  );
}
