import { cpuUsage, memoryUsage } from 'node:process';
import { performance } from 'node:perf_hooks';

/** Fraction of the memory limit at which the worker stops taking work. */
export const pauseFraction = 0.8;
/** Fraction at which the threads running tasks are stopped to give memory back. */
export const stopFraction = 0.95;

/** What a sample found. */
export type MemoryChange = 'paused' | 'resumed' | 'over-limit' | undefined;

/**
 * Samples RSS (the whole process: the main thread and every task thread) and CPU for
 * heartbeats, and applies the memory limit: pause above 80 %, stop running tasks above
 * 95 %, resume below 80 %. A limit of 0 means none.
 */
export class WorkerResources {
  paused = false;
  rss = 0;
  private cpu = 0;
  private lastCpu = cpuUsage();
  private lastTime = performance.now();

  constructor(readonly memoryLimit: number) {}

  /** Reads RSS and says what changed. Cheap: called every few tens of milliseconds. */
  sampleMemory(): MemoryChange {
    this.rss = memoryUsage.rss();
    if (this.memoryLimit <= 0) return undefined;
    const fraction = this.rss / this.memoryLimit;
    const wasPaused = this.paused;
    this.paused = fraction >= pauseFraction;
    if (fraction >= stopFraction) return 'over-limit';
    if (this.paused !== wasPaused) return this.paused ? 'paused' : 'resumed';
    return undefined;
  }

  /** The resource part of a heartbeat: RSS, CPU % since the last one, and whether paused. */
  heartbeat(): { rss: number; cpu: number; paused: boolean } {
    const now = performance.now();
    const used = cpuUsage(this.lastCpu);
    this.cpu = (100 * (used.user + used.system)) / Math.max(1, (now - this.lastTime) * 1000);
    this.lastCpu = cpuUsage();
    this.lastTime = now;
    return { rss: this.rss, cpu: this.cpu, paused: this.paused };
  }
}
