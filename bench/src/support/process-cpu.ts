import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time a process has used so far, in milliseconds: the sum over all its threads (V8's
 * compiler and GC helpers included) of the first field of /proc/<pid>/task/<tid>/schedstat,
 * nanoseconds on a CPU. Unlike `utime`/`stime` (10 ms ticks) it resolves a start-up of a few
 * tens of milliseconds, and unlike wall time it barely moves when other processes load the
 * machine. 0 if the process is gone.
 */
export function cpuMilliseconds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).reduce((sum, thread) => {
      try {
        return sum + Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
      } catch {
        // The thread ended while the list was read.
        return sum;
      }
    }, 0);
  } catch {
    return 0;
  }
}
