import type { ReactNode } from 'react';
import type { Resource } from '../api/use-api';
import { ErrorNotice } from './error-notice';
import { Loading } from './loading';

/** Renders a loaded resource, its loading state, or its error with a retry button. */
export function ResourceView<T>({
  resource,
  label,
  children,
}: {
  resource: Pick<Resource<T>, 'data' | 'error' | 'loading' | 'reload'>;
  label?: string;
  children: (data: T) => ReactNode;
}) {
  if (resource.error && resource.data === undefined) {
    return (
      <ErrorNotice
        error={resource.error}
        retry={() => void resource.reload()}
        title={label ? `Could not load ${label}` : undefined}
      />
    );
  }
  if (resource.data === undefined) return <Loading label={label ? `Loading ${label}…` : undefined} />;
  return <>{children(resource.data)}</>;
}
