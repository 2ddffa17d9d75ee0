import { Outlet } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { Shell } from '../../layout/shell';
import { useMe } from '../../session/session';

/** Instance pages, for superadmins only. */
export function InstanceLayout() {
  const me = useMe();
  return (
    <Shell>
      {me.superadmin ? (
        <Outlet />
      ) : (
        <EmptyState title="Only instance superadmins see these pages">
          Organization settings are under your organization in the menu.
        </EmptyState>
      )}
    </Shell>
  );
}
