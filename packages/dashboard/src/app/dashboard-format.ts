/** Shown in a cell that has no value: a screen reader reads it as a dash, not as silence. */
export const noValue = '—';

const countFormat = new Intl.NumberFormat('en-US');

/**
 * A duration in seconds as its two largest units: `45s`, `12m 05s`, `3h 04m`, `2d 03h`.
 * Rounded down (a "time left" never promises more than there is); negative counts as zero.
 */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || Number.isNaN(seconds)) return noValue;
  const whole = Math.max(0, Math.floor(seconds));
  const days = Math.floor(whole / 86_400);
  const hours = Math.floor((whole % 86_400) / 3_600);
  const minutes = Math.floor((whole % 3_600) / 60);
  const rest = whole % 60;
  if (days > 0) return `${days}d ${twoDigits(hours)}h`;
  if (hours > 0) return `${hours}h ${twoDigits(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${twoDigits(rest)}s`;
  return `${rest}s`;
}

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes in binary units, as batch systems count memory: `512 B`, `1.5 GiB`, `12 GiB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || Number.isNaN(bytes) || bytes < 0) return noValue;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${byteUnits[unit]}`;
}

/** A worker's memory: `1.5 GiB of 4.0 GiB (38%)`, or only the limit when use is unknown. */
export function formatMemory(used: number | undefined, limit: number): string {
  if (used === undefined) return `${noValue} of ${formatBytes(limit)}`;
  if (limit <= 0) return formatBytes(used);
  return `${formatBytes(used)} of ${formatBytes(limit)} (${Math.round((used / limit) * 100)}%)`;
}

/** A count with thousands separators: `12,345`. */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** A rate in tasks per second: `0.5/s`, `12/s`. */
export function formatRate(perSecond: number | undefined): string {
  if (perSecond === undefined || Number.isNaN(perSecond)) return noValue;
  return `${perSecond >= 10 ? Math.round(perSecond) : Math.round(perSecond * 10) / 10}/s`;
}

/** A moment as the local wall-clock time, `14:03:07`. */
export function formatClock(time: number): string {
  const date = new Date(time);
  return `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`;
}

/** A moment in full for a `<time datetime>` attribute and a tooltip (ISO 8601, UTC). */
export function formatTimestamp(time: number): string {
  return new Date(time).toISOString();
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
