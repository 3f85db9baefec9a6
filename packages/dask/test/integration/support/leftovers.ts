import { processTree } from './process-table.js';

/**
 * SIGKILLs every process whose command line mentions one of `markers` (the test file's
 * private state directory, which every Dask process of its clusters names in its TLS
 * arguments; a cluster's script directory), with their descendants: what a failed test left.
 */
export function killLeftovers(markers: string[]): number {
  const left = processTree(markers).filter((process) => process.pid !== globalThis.process.pid);
  for (const { pid } of left) {
    try {
      globalThis.process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return left.length;
}
