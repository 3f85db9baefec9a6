import { performance } from 'node:perf_hooks';
import type { SchedulerMetrics } from './scheduler-metrics.js';
import type { SchedulerSession } from './scheduler-session.js';
import type { TaskRecord, TaskTable } from './scheduler-tasks.js';

/** Tells workers to retire; resolves when they have left or after `timeoutSeconds`. */
export async function retireSessions(leaving: SchedulerSession[], timeoutSeconds: number): Promise<void> {
  const gone = leaving.map((session) => new Promise<void>((resolve) => session.connection.once('closed', resolve)));
  for (const session of leaving) {
    if (session.status === 'retiring') continue;
    session.status = 'retiring';
    session.connection.send({ type: 'retire' });
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutSeconds * 1000)));
  await Promise.race([Promise.all(gone), timeout]);
  clearTimeout(timer);
}

/**
 * Drops workers silent for longer than `workerTimeout`, and pings the others: an idle
 * scheduler sends nothing else, and its workers must tell idleness from a lost scheduler.
 */
export function monitorSessions(sessions: Iterable<SchedulerSession>, workerTimeoutSeconds: number, counters: SchedulerMetrics): void {
  const deadline = performance.now() - workerTimeoutSeconds * 1000;
  for (const session of sessions) {
    if (session.lastSeen >= deadline) {
      session.connection.send({ type: 'ping' });
      continue;
    }
    counters.heartbeatTimeouts += 1;
    session.connection.socket.destroy();
  }
}

/** Ends unfinished tasks with `reason`; workers holding them are told to drop them (a running one's thread is stopped). */
export function cancelTaskIds(tasks: TaskTable, sessions: Iterable<SchedulerSession>, taskIds: string[], reason: Error): void {
  const perWorker = new Map<SchedulerSession, string[]>();
  const registered = [...sessions];
  for (const taskId of taskIds) {
    const record = tasks.get(taskId);
    if (record === undefined) continue;
    const holder = record.state === 'assigned' ? holderOf(registered, record) : undefined;
    // The worker keeps the slot until it releases the task; a late answer is then ignored.
    tasks.finish(record, { ok: false, error: reason });
    if (holder !== undefined) perWorker.set(holder, [...(perWorker.get(holder) ?? []), taskId]);
  }
  for (const [session, ids] of perWorker) session.connection.send({ type: 'cancel', taskIds: ids });
}

function holderOf(sessions: SchedulerSession[], record: TaskRecord): SchedulerSession | undefined {
  return sessions.find((session) => session.assigned.get(record.spec.taskId) === record);
}
