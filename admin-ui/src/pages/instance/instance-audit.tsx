import { AuditTable } from '../../components/audit-table';
import { PageHeader } from '../../components/page-header';

/** Every organization's audit entries plus instance-wide ones. */
export function InstanceAuditPage() {
  return (
    <>
      <PageHeader
        title="Instance audit log"
        description="Everything recorded on this instance, newest first."
      />
      <AuditTable path="/audit" />
    </>
  );
}
