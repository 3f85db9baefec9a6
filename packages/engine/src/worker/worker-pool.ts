import { Piscina } from 'piscina';
import type { TaskSpec } from '@jq/core';
import { taskThreadUrl } from '../engine-paths.js';
import type { ThreadOutcome } from '../task-thread.js';

/** Marks a rejection caused by {@link TaskPool.restart}, so the task is released, not failed. */
export class PoolRestartedError extends Error {}

/** The worker's threads (piscina), with a restart that fails whatever was running. */
export class TaskPool {
  private pool: Piscina;
  private generation = 0;

  constructor(private readonly threads: number) {
    this.pool = this.create();
  }

  /** Runs a task on a free thread. Rejects with {@link PoolRestartedError} if the pool restarts meanwhile. */
  async run(task: TaskSpec): Promise<ThreadOutcome> {
    const generation = this.generation;
    try {
      return (await this.pool.run(task)) as ThreadOutcome;
    } catch (error) {
      if (generation !== this.generation) throw new PoolRestartedError('pool restarted');
      const remote = error instanceof Error ? error : new Error(String(error));
      // The thread itself died (or the value could not be cloned): report it as the task's error.
      return { taskId: task.taskId, ok: false, error: { name: remote.name, message: remote.message, ...(remote.stack ? { stack: remote.stack } : {}) }, duration: 0 };
    }
  }

  /** Replaces every thread; frees the memory they held. */
  async restart(): Promise<void> {
    const old = this.pool;
    this.generation += 1;
    this.pool = this.create();
    await old.destroy();
  }

  /** Stops every thread. */
  async destroy(): Promise<void> {
    this.generation += 1;
    await this.pool.destroy();
  }

  private create(): Piscina {
    return new Piscina({ filename: taskThreadUrl.href, minThreads: this.threads, maxThreads: this.threads, idleTimeout: Number.MAX_SAFE_INTEGER });
  }
}
