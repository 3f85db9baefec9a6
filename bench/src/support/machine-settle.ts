import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** How quiet the machine was when a benchmark started, and how long the run waited for it. */
export interface MachineQuiet {
  /** Share of all cores' time spent idle in the last window before the start, 0..1. */
  idleFraction: number;
  /** Seconds waited for the machine to settle (0 when it already was). */
  waitedSeconds: number;
  /** False when the wait gave up at its bound and the benchmark started on a busy machine. */
  settled: boolean;
}

function idleAndTotal(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    idle += cpu.times.idle;
    total += cpu.times.idle + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq;
  }
  return { idle, total };
}

/** Idle share of every core over the next `windowMs`. */
async function measureIdle(windowMs: number): Promise<number> {
  const before = idleAndTotal();
  await sleep(windowMs);
  const after = idleAndTotal();
  const total = after.total - before.total;
  return total <= 0 ? 1 : (after.idle - before.idle) / total;
}

/**
 * Waits until one `windowMs` window has the cores at least `idleAtLeast` idle, for at
 * most `boundSeconds`. The 1-minute load average is no use here: it lags a finished
 * build or the benchmark before by a minute or more, while the CPU-time counters tell
 * what the cores are doing now. The previous benchmark's processes (Dask workers,
 * Slurm jobs being cleaned up) and `pnpm bench`'s own build are what this waits out.
 */
export async function waitForQuietMachine(idleAtLeast = 0.8, boundSeconds = 60, windowMs = 1000): Promise<MachineQuiet> {
  const began = performance.now();
  for (;;) {
    const idleFraction = await measureIdle(windowMs);
    const waitedSeconds = Math.round((performance.now() - began - windowMs) / 100) / 10;
    if (idleFraction >= idleAtLeast) return { idleFraction, waitedSeconds: Math.max(0, waitedSeconds), settled: true };
    if (performance.now() - began >= boundSeconds * 1000) return { idleFraction, waitedSeconds, settled: false };
  }
}
