import type { ReactNode } from 'react';
import { POST_KINDS, type PostKind } from './types';

/** What one row of a {@link ChannelTable} shows for its kind of post. */
export interface ChannelRow {
  channel: ReactNode;
  canPost: ReactNode;
  action: ReactNode;
}

/** One row per kind of post: the channel it goes to, whether the bot can post there, and an action. */
export function ChannelTable({
  label,
  row,
}: {
  label: string;
  row: (kind: PostKind, kindLabel: string) => ChannelRow;
}) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Post</th>
            <th scope="col">Channel</th>
            <th scope="col">Bot can post</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {POST_KINDS.map(({ kind, label: kindLabel }) => {
            const { channel, canPost, action } = row(kind, kindLabel);
            return (
              <tr key={kind}>
                <td>{kindLabel}</td>
                <td>{channel}</td>
                <td>{canPost}</td>
                <td>{action}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
