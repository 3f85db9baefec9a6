/**
 * Walltimes in the forms batch systems accept: `HH:MM:SS`, `D-HH:MM:SS`, `D-HH`,
 * `D-HH:MM`, `MM:SS`, and minutes (a number or a string of digits), as Slurm reads them.
 */
const dayPattern = /^(\d+)-(\d+)(?::(\d+))?(?::(\d+))?$/;
const clockPattern = /^(\d+)(?::(\d+))?(?::(\d+))?$/;

/** Seconds for `value`, or `undefined` when it is not a walltime. */
export function parseWalltime(value: string | number): number | undefined {
  if (typeof value === 'number') return positive(Math.round(value * 60));
  const text = value.trim();
  const day = dayPattern.exec(text);
  if (day) {
    const [days, hours, minutes, seconds] = day.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
    if (minutes >= 60 || seconds >= 60) return undefined;
    return positive(((days * 24 + hours) * 60 + minutes) * 60 + seconds);
  }
  const clock = clockPattern.exec(text);
  if (!clock) return undefined;
  const parts = clock.slice(1).filter((part) => part !== undefined).map(Number);
  if (parts.length === 1) return positive((parts[0] ?? 0) * 60);
  if (parts.length === 2) {
    const [minutes = 0, seconds = 0] = parts;
    return seconds >= 60 ? undefined : positive(minutes * 60 + seconds);
  }
  const [hours = 0, minutes = 0, seconds = 0] = parts;
  if (minutes >= 60 || seconds >= 60) return undefined;
  return positive((hours * 60 + minutes) * 60 + seconds);
}

/** `HH:MM:SS` with hours past 24 when needed (PBS, SGE, Slurm all read it). */
export function formatWalltime(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(rest)}`;
}

/** `HH:MM`, rounded up to the minute (LSF). */
export function formatWalltimeMinutes(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function positive(seconds: number): number | undefined {
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
}
