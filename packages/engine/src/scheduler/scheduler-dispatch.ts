import { performance } from 'node:perf_hooks';
import { encodeFrame, framePrefixBytes } from '../protocol/protocol-codec.js';
import type { TaskDurationEstimate } from './scheduler-adaptive.js';
import { mayRunOn } from './scheduler-crashes.js';
import { fitsNow, type ResourcesInUse } from './scheduler-placement.js';
import { tooLargeError } from './scheduler-errors.js';
import type { SchedulerSession } from './scheduler-session.js';
import type { TaskRecord, TaskTable } from './scheduler-tasks.js';

/** Seconds of short tasks a worker may hold beyond its threads. */
const prefetchSeconds = 0.05;
const maximumPrefetch = 2000;

/** What dispatching needs from the scheduler. */
export interface DispatchContext {
  sessions: Map<string, SchedulerSession>;
  tasks: TaskTable;
  durations: TaskDurationEstimate;
  prefetch: number;
  maxFrameBytes: number;
  /** A task that could not be sent (its arguments exceed the frame limit). */
  failed: (record: TaskRecord, error: Error) => void;
}

/**
 * Runs {@link dispatchTasks} once, at the end of the current turn of the event loop, however
 * often it is asked in that turn: a burst of submissions and results costs one pass.
 */
export class DispatchTrigger {
  #pending = false;

  constructor(
    private readonly context: DispatchContext,
    private readonly stopped: () => boolean,
  ) {}

  request(): void {
    if (this.#pending || this.stopped()) return;
    this.#pending = true;
    setImmediate(() => {
      this.#pending = false;
      dispatchTasks(this.context);
    });
  }
}

/**
 * Fills every running worker's free slots from the queue, one `run` batch per worker.
 * Tasks with a demand come first, each only to a worker whose free resources and lifetime
 * fit it; a worker such a task waits for gets no plain tasks meanwhile, so it drains for
 * it. A task that crashed on a worker goes to another one while there is another. A batch
 * over the frame limit is split: a task too large alone fails with `JQ_TOO_LARGE`, and
 * the worker never receives a frame it would refuse.
 */
export function dispatchTasks(context: DispatchContext): void {
  const now = performance.now();
  const { sessions, tasks } = context;
  for (const [name, session] of sessions) {
    if (tasks.queuedCount === 0) return;
    const slots = session.freeSlots(prefetchFor(session, context.durations, context.prefetch));
    if (slots === 0) continue;
    const inUse = session.inUse();
    const { records, reserved } = takeFitting(context, session, name, inUse, now);
    // Plain slots left: threads and prefetch less the cores held (the new tasks with a demand included).
    const free = slots + session.assigned.size - inUse.cores;
    if (!reserved && free > 0) records.push(...tasks.take(free, now, (record) => mayRunOn(record, name, sessions.keys())));
    if (records.length === 0) continue;
    const frame = encodeFrame({ type: 'run', tasks: records.map((record) => record.spec) });
    if (frame.length - framePrefixBytes <= context.maxFrameBytes) {
      for (const record of records) session.assigned.set(record.spec.taskId, record);
      session.connection.sendFrame(frame);
      continue;
    }
    for (const record of records) sendAlone(context, session, record);
  }
}

/** The queued tasks with a demand that fit this worker now, and whether one waits for it to drain. */
function takeFitting(context: DispatchContext, session: SchedulerSession, name: string, inUse: ResourcesInUse, now: number): { records: TaskRecord[]; reserved: boolean } {
  const capacity = session.capacity();
  const idle = { cores: 0, gpus: 0, memory: 0 };
  let reserved = false;
  const records = context.tasks.takeFitting(now, (record) => {
    const demand = record.demand;
    if (demand === undefined || !mayRunOn(record, name, context.sessions.keys())) return false;
    if (!fitsNow(demand, capacity, inUse, now)) {
      reserved ||= fitsNow(demand, capacity, idle, now);
      return false;
    }
    inUse.cores += demand.cores;
    inUse.gpus += demand.gpus;
    inUse.memory += demand.memory;
    return true;
  });
  return { records, reserved };
}

function sendAlone(context: DispatchContext, session: SchedulerSession, record: TaskRecord): void {
  const frame = encodeFrame({ type: 'run', tasks: [record.spec] });
  const size = frame.length - framePrefixBytes;
  if (size > context.maxFrameBytes) return context.failed(record, tooLargeError(`the arguments of task ${record.spec.taskId} are`, size, context.maxFrameBytes));
  session.assigned.set(record.spec.taskId, record);
  session.connection.sendFrame(frame);
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
