/** A URL name suggested from a display name ("Zelda Cup 2030" → "zelda-cup-2030"). */
export const slugFrom = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

/** IANA zones this browser knows as select options, with `current` first if the browser lacks it. */
export function timeZoneOptions(current: string): { value: string; label: string }[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return (zones.includes(current) ? zones : [current, ...zones]).map((z) => ({
    value: z,
    label: z.replaceAll('_', ' '),
  }));
}
