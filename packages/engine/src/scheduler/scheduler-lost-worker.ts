import type { WorkerInfo } from '@jq/core';
import { recordCrash } from './scheduler-crashes.js';
import type { SchedulerCore } from './scheduler-messages.js';
import type { SchedulerSession } from './scheduler-session.js';

/**
 * A registered worker's connection is gone: its unanswered tasks go back to the queue.
 * A worker that said goodbye released what it did not run; for any other, each task it
 * held counts a crash (`lost`), and a task at the crash limit fails. Returns the worker
 * as it was and why it left, for `worker-removed`.
 */
export function workerGone(core: SchedulerCore, session: SchedulerSession, closing: boolean): { info: WorkerInfo; reason: string } {
  const info = session.info();
  const reason = session.closeReason ?? (closing ? 'closed' : 'lost');
  for (const record of session.assigned.values()) {
    if (record.state !== 'assigned') continue;
    if (session.closeReason === undefined) {
      recordCrash({ tasks: core.tasks, counters: core.counters, crashLimit: core.options.crashLimit }, record, { worker: info.name, cause: 'lost', detail: closing ? 'the scheduler closed' : 'its connection closed' });
    } else {
      core.tasks.requeue(record);
      core.counters.tasksRequeued += 1;
    }
  }
  session.assigned.clear();
  return { info, reason };
}
