import { performance } from 'node:perf_hooks';
import type { TaskDurationEstimate } from './scheduler-adaptive.js';
import type { SchedulerSession } from './scheduler-session.js';
import type { TaskTable } from './scheduler-tasks.js';

/** Seconds of short tasks a worker may hold beyond its threads. */
const prefetchSeconds = 0.05;
const maximumPrefetch = 2000;

/** Fills every running worker's free slots from the queue, one `run` batch per worker. */
export function dispatchTasks(sessions: Iterable<SchedulerSession>, tasks: TaskTable, durations: TaskDurationEstimate, prefetch: number): void {
  const now = performance.now();
  for (const session of sessions) {
    if (tasks.queuedCount === 0) return;
    const free = session.freeSlots(prefetchFor(session, durations, prefetch));
    if (free === 0) continue;
    const records = tasks.take(free, now);
    for (const record of records) session.assigned.set(record.spec.taskId, record);
    session.connection.send({ type: 'run', tasks: records.map((record) => record.spec) });
  }
}

/**
 * Tasks a worker holds beyond its threads: the configured few, or about
 * {@link prefetchSeconds} of work once tasks are known to be short, so tiny tasks are
 * not held back by the round trip while long ones stay free to go to new workers.
 */
function prefetchFor(session: SchedulerSession, durations: TaskDurationEstimate, prefetch: number): number {
  if (!durations.observed) return prefetch;
  const threads = session.registration?.threads ?? 1;
  const byDuration = Math.ceil((threads * prefetchSeconds) / Math.max(durations.seconds, 1e-6));
  return Math.max(prefetch, Math.min(maximumPrefetch, byDuration));
}
