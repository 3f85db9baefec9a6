import type { TaskOutcome } from '@jq/core';
import type { ThreadStop } from './worker-thread.js';

const megabytes = (bytes: number): string => `${Math.round(bytes / 1e6)} MB`;

/** The outcome of a task whose thread was stopped under it: an error that says why, and the protocol's `fault`. */
export function faultOutcome(taskId: string, stop: ThreadStop, duration: number): TaskOutcome {
  switch (stop.kind) {
    case 'timeout':
      return {
        taskId,
        ok: false,
        error: { name: 'TimeoutError', message: `the task ran longer than its timeout of ${stop.seconds} s; its thread was stopped` },
        duration,
        fault: { kind: 'timeout' },
      };
    case 'memory': {
      const seen = stop.rss === undefined ? 'its thread filled its heap' : `RSS ${megabytes(stop.rss)}`;
      const against = stop.limit === undefined ? '' : ` with a memory limit of ${megabytes(stop.limit)}`;
      return {
        taskId,
        ok: false,
        error: { name: 'MemoryError', message: `the worker ran out of memory while running the task (${seen}${against}); its thread was stopped` },
        duration,
        fault: { kind: 'memory', ...(stop.rss === undefined ? {} : { rss: stop.rss }), ...(stop.limit === undefined ? {} : { limit: stop.limit }) },
      };
    }
    case 'thread-exit':
      return { taskId, ok: false, error: { name: 'ThreadExit', message: `the task's thread died: ${stop.detail}` }, duration, fault: { kind: 'thread-exit' } };
  }
}
