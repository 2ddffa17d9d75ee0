/** Finish times: the API speaks ISO 8601 durations (PT1H23M45.6S); people type and read 1:23:45.6. */

/** "PT1H23M45.6S" as "1:23:45.6"; null stays null. */
export function formatDuration(iso: string | null): string {
  if (!iso) return '';
  const m = /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso);
  if (!m) return iso;
  const hours = Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0);
  const minutes = Number(m[3] ?? 0);
  const seconds = Number(m[4] ?? 0);
  const [whole, fraction] = String(seconds).split('.');
  return `${hours}:${String(minutes).padStart(2, '0')}:${whole!.padStart(2, '0')}${fraction ? `.${fraction}` : ''}`;
}

/** "1:23:45.6" (or "23:45") as "PT1H23M45.6S"; undefined when it is not a time. */
export function parseDuration(text: string): string | undefined {
  const m = /^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return undefined;
  const [hours, minutes, seconds] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
  if (minutes > 59 || seconds >= 60) return undefined;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}
