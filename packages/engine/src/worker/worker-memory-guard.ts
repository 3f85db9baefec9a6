import { WorkerResources } from './worker-resources.js';
import type { TaskRunner } from './worker-task-runner.js';

/** Milliseconds between memory samples: an allocation loop gets this long past the limit, at most. */
const sampleInterval = 50;
/** Samples paused with no task running before the worker gives up and exits, so the cluster starts a fresh one. */
const idlePausedSamples = 200;

/**
 * Enforces the worker's memory limit on the whole process, task threads included: above
 * 80 % of it no new task starts (queued ones go back to the scheduler for other workers);
 * above 95 % the threads running tasks are stopped, which frees what they held, and their
 * tasks fail with a memory fault (the scheduler retries them elsewhere up to its crash
 * limit). Memory that stays over the limit with nothing running ends the process.
 */
export class WorkerMemoryGuard {
  readonly resources: WorkerResources;
  private timer: NodeJS.Timeout | undefined;
  private idlePaused = 0;
  /** Whether memory has been below the pause line since start: a worker that never was gains nothing by restarting. */
  private wasBelowPause = false;
  private warnedTooSmall = false;

  constructor(
    memoryLimit: number,
    private readonly runner: TaskRunner,
    private readonly actions: { release: (taskIds: string[]) => void; log: (line: string) => void; exit: () => void },
  ) {
    this.resources = new WorkerResources(memoryLimit);
  }

  /** Starts sampling (only with a limit; without one, heartbeats sample). */
  start(): void {
    if (this.resources.memoryLimit <= 0) return;
    this.timer = setInterval(() => this.check(), sampleInterval);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Samples once and acts on what changed. */
  check(): void {
    const change = this.resources.sampleMemory();
    const limit = this.resources.memoryLimit;
    if (change === 'paused' || change === 'over-limit') {
      this.runner.paused = true;
      this.actions.release(this.runner.takeQueued());
    }
    if (change === 'resumed') {
      this.runner.paused = false;
      this.runner.pump();
    }
    const megabytes = (bytes: number): number => Math.round(bytes / 1e6);
    if (change === 'over-limit') {
      const stopped = this.runner.stopForMemory(this.resources.rss, limit);
      if (stopped > 0) this.actions.log(`memory ${megabytes(this.resources.rss)} MB is over 95 % of the ${megabytes(limit)} MB limit: stopped ${stopped} task thread(s)`);
    }
    if (!this.resources.paused) this.wasBelowPause = true;
    this.idlePaused = this.resources.paused && this.runner.running === 0 ? this.idlePaused + 1 : 0;
    if (this.idlePaused === idlePausedSamples && !this.wasBelowPause) {
      if (!this.warnedTooSmall) this.actions.log(`memory ${megabytes(this.resources.rss)} MB is over 80 % of the ${megabytes(limit)} MB limit from the start: the limit is too small for a worker; it takes no tasks`);
      this.warnedTooSmall = true;
      return;
    }
    if (this.idlePaused === idlePausedSamples) {
      this.actions.log(`memory ${megabytes(this.resources.rss)} MB stays over 80 % of the ${megabytes(limit)} MB limit with no task running; exiting`);
      this.actions.exit();
    }
  }
}
