import { join } from 'node:path';

const powers: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5, e: 6, z: 7 };

/**
 * `#BSUB -M` as dask-jobqueue's `lsf_format_bytes_ceil` writes it: decimal units,
 * rounded up (`28GB` in KB → `28000000`, `16GB` in MB → `16000`).
 */
export function formatLsfMemory(bytes: number, units: string): string {
  const power = powers[units.charAt(0).toLowerCase()] ?? 1;
  return String(Math.ceil(bytes / 1000 ** power));
}

/**
 * Where LSF keeps `lsf.conf`: `$LSF_ENVDIR`, else `$LSF_CONFDIR`, else `/etc`, as
 * dask-jobqueue looks it up. Core reads the file; this backend never touches the disk.
 */
export function lsfConfPath(environment: Readonly<Record<string, string | undefined>>): string {
  return join(environment.LSF_ENVDIR || environment.LSF_CONFDIR || '/etc', 'lsf.conf');
}

/**
 * The unit LSF reads `-M` in: `LSF_UNIT_FOR_LIMITS` from the last line setting it in
 * `lsf.conf`; `k` (LSF's default, KB) when there is no such file or line.
 */
export function lsfUnitsFromConf(text: string | undefined): string {
  const line = text?.split('\n').reverse().find((candidate) => candidate.startsWith('LSF_UNIT_FOR_LIMITS'));
  const unit = line?.split('=')[1]?.trim().charAt(0).toLowerCase();
  return unit && unit in powers ? unit : 'k';
}
