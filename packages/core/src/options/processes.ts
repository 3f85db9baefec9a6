/**
 * Worker processes per job when the user does not say, as dask-jobqueue does:
 * one process per core up to 4 cores, else the smallest factor of `cores` that is
 * at least √cores (so threads per process stay close to the process count).
 */
export function defaultProcesses(cores: number): number {
  if (cores <= 4) return cores;
  const root = Math.sqrt(cores);
  for (let factor = Math.ceil(root); factor <= cores; factor += 1) {
    if (cores % factor === 0) return factor;
  }
  return cores;
}
