import type { ApiError } from '../api/client';
import { Button } from './button';
import { ErrorNotice } from './error-notice';

/** The next page of a paged list: its button with progress, and why it failed, next to it. */
export function ShowMore({
  list,
}: {
  list: {
    hasMore: boolean;
    more: () => Promise<void>;
    loadingMore: boolean;
    moreError: ApiError | undefined;
  };
}) {
  return (
    <>
      {list.moreError ? (
        <ErrorNotice error={list.moreError} title="Could not load more" retry={() => void list.more()} />
      ) : null}
      {list.hasMore ? (
        <Button onClick={() => void list.more()} busy={list.loadingMore} busyLabel="Loading…">
          Show more
        </Button>
      ) : null}
    </>
  );
}
