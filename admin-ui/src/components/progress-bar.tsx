import { useEffect, useState } from 'react';
import { onPendingChange } from '../api/client';

/** A thin bar at the top while any request is in flight longer than a moment. */
export function ProgressBar() {
  const [pending, setPending] = useState(0);
  const [visible, setVisible] = useState(false);
  useEffect(() => onPendingChange(setPending), []);
  useEffect(() => {
    if (pending === 0) {
      setVisible(false);
      return;
    }
    const timer = window.setTimeout(() => setVisible(true), 150);
    return () => window.clearTimeout(timer);
  }, [pending]);
  return <div className={`progress-bar${visible ? ' progress-bar-on' : ''}`} aria-hidden="true" />;
}
