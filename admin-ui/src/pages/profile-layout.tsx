import { Outlet } from 'react-router';
import { Shell } from '../layout/shell';

/** Pages about the viewer, outside any organization. */
export function PersonalLayout() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}
