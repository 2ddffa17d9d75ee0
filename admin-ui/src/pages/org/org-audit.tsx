import { AuditTable } from '../../components/audit-table';
import { PageHeader } from '../../components/page-header';
import { useOrg } from '../../org/org-context';

/** The org's audit log (admins). */
export function OrgAuditPage() {
  const { org } = useOrg();
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what in this organization." />
      <AuditTable path={`/orgs/${org.slug}/audit`} />
    </>
  );
}
