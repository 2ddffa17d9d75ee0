// Value formats from reference §1.2: Django's JSON encoder for race data, Python isoformat for
// chat timestamps and frame dates, ISO-8601 durations with two-digit fields.

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A datetime as Django's JSON encoder writes it: millisecond precision, `Z`, no zero fraction. */
export function djangoDate(date: Date): string;
export function djangoDate(date: Date | null): string | null;
export function djangoDate(date: Date | null): string | null {
  if (!date) return null;
  const iso = date.toISOString();
  return date.getUTCMilliseconds() === 0 ? `${iso.slice(0, 19)}Z` : iso;
}

/** A datetime as Python's `isoformat()` writes it (`...T18:05:00.118000+00:00`). */
export function pythonIsoDate(date: Date): string {
  const ms = date.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${pad(ms * 1000, 6)}`;
  return `${date.toISOString().slice(0, 19)}${fraction}+00:00`;
}

/** A duration as Django encodes a timedelta: `P0DT01H32M10.482000S`. */
export function isoDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(Math.round(ms));
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const seconds = Math.floor((abs % 60_000) / 1000);
  const micro = (abs % 1000) * 1000;
  const fraction = micro === 0 ? '' : `.${pad(micro, 6)}`;
  return `${sign}P${days}DT${pad(hours)}H${pad(minutes)}M${pad(seconds)}${fraction}S`;
}

/** A duration as shown in chat: `1:32:10`, or `1:35:02.4` with tenths. */
export function chatDuration(ms: number, tenths: boolean): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  const base = `${hours}:${pad(minutes)}:${pad(seconds)}`;
  return tenths ? `${base}.${Math.floor((ms % 1000) / 100)}` : base;
}

/** `1st`, `2nd`, `3rd`, `11th`, `22nd`… */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Length of Python's `json.dumps(value)` (`", "`/`": "` separators, ASCII escapes), used by size limits. */
export function pythonJsonLength(value: unknown): number {
  const ascii = (s: string) => JSON.stringify(s).replace(/[\u007f-\uffff]/g, '\\uXXXX').length;
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' ? ascii(value) : String(JSON.stringify(value) ?? 'null').length;
  }
  const items = Array.isArray(value)
    ? value.map(pythonJsonLength)
    : Object.entries(value).map(([k, v]) => ascii(k) + 2 + pythonJsonLength(v));
  return 2 + items.reduce((sum, n) => sum + n, 0) + Math.max(0, items.length - 1) * 2;
}
