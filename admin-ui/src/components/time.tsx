/** The viewer's IANA time zone. */
export const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, withDate: boolean) {
  const key = `${timeZone}|${withDate}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, {
      timeZone,
      ...(withDate ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

/** `iso` in the viewer's time zone, e.g. "Tue, Jan 7, 19:00 CET". */
export const formatDateTime = (iso: string, timeZone = viewerTimeZone()) =>
  formatter(timeZone, true).format(new Date(iso));

/** A time in the viewer's zone; hover or focus shows the UTC time. */
export function Time({ iso, timeOnly }: { iso: string | null | undefined; timeOnly?: boolean }) {
  if (!iso) return <span className="muted">never</span>;
  const utc = `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return (
    <time dateTime={iso} title={utc}>
      {formatter(viewerTimeZone(), !timeOnly).format(new Date(iso))}
    </time>
  );
}

/** The day of `iso` in the viewer's zone, e.g. "Tuesday, 7 January 2030". */
export const formatDay = (iso: string) =>
  new Intl.DateTimeFormat(undefined, {
    timeZone: viewerTimeZone(),
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(iso));
