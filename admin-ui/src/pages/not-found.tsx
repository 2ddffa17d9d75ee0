import { Link } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';

/** A panel URL that leads nowhere. */
export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title="There is no page at this address."
        action={
          <Link className="btn" to="/">
            Go to your organization
          </Link>
        }
      >
        It may have moved, or a plugin that provides it is turned off.
      </EmptyState>
    </>
  );
}
