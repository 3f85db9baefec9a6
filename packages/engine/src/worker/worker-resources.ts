import { cpuUsage, memoryUsage } from 'node:process';
import { performance } from 'node:perf_hooks';

/** Fraction of the memory limit at which the worker stops taking work. */
export const pauseFraction = 0.8;
/** Fraction at which the thread pool is restarted to give memory back. */
export const restartFraction = 0.95;

/**
 * Samples RSS and CPU for heartbeats and applies the memory limit: pause above 80 %,
 * restart the pool above 95 %, resume below 80 %. A limit of 0 means none.
 */
export class WorkerResources {
  paused = false;
  private rss = 0;
  private cpu = 0;
  private lastCpu = cpuUsage();
  private lastTime = performance.now();

  constructor(private readonly memoryLimit: number) {}

  /** Takes a sample; says what changed. */
  sample(): 'paused' | 'resumed' | 'restart-pool' | undefined {
    this.rss = memoryUsage.rss();
    const now = performance.now();
    const used = cpuUsage(this.lastCpu);
    const elapsedMicroseconds = Math.max(1, (now - this.lastTime) * 1000);
    this.cpu = (100 * (used.user + used.system)) / elapsedMicroseconds;
    this.lastCpu = cpuUsage();
    this.lastTime = now;
    if (this.memoryLimit <= 0) return undefined;
    const fraction = this.rss / this.memoryLimit;
    const wasPaused = this.paused;
    this.paused = fraction >= pauseFraction;
    if (fraction >= restartFraction) return 'restart-pool';
    if (this.paused !== wasPaused) return this.paused ? 'paused' : 'resumed';
    return undefined;
  }

  /** The resource part of a heartbeat. */
  heartbeat(): { rss: number; cpu: number; paused: boolean } {
    return { rss: this.rss, cpu: this.cpu, paused: this.paused };
  }
}
