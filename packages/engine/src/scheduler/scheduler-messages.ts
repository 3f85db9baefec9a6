import { performance } from 'node:perf_hooks';
import type { RegisterMessage, TaskOutcome, WorkerInfo, WorkerMessage } from '@jq/core';
import { verifyProof } from '../protocol/protocol-auth.js';
import type { TaskDurationEstimate } from './scheduler-adaptive.js';
import { crashFromFault, recordCrash } from './scheduler-crashes.js';
import { remoteTaskError, taskTimeoutError, tooLargeError } from './scheduler-errors.js';
import type { SchedulerMetrics } from './scheduler-metrics.js';
import type { ResolvedEngineSchedulerOptions } from './scheduler-options.js';
import type { SchedulerSession } from './scheduler-session.js';
import type { TaskTable } from './scheduler-tasks.js';

/** The parts of the scheduler that incoming worker messages act on. */
export interface SchedulerCore {
  readonly options: ResolvedEngineSchedulerOptions;
  readonly tasks: TaskTable;
  readonly durations: TaskDurationEstimate;
  readonly counters: SchedulerMetrics;
  readonly registered: Map<string, SchedulerSession>;
  scheduleDispatch(): void;
  emit(event: 'worker-added', worker: WorkerInfo): boolean;
}

/**
 * Acts on one validated message. The phase decides what is allowed: `auth` first,
 * then `register`, then work messages; anything out of order closes the connection.
 */
export function handleWorkerMessage(core: SchedulerCore, session: SchedulerSession, message: WorkerMessage): void {
  session.lastSeen = performance.now();
  const connection = session.connection;
  // Frames the peer sent before it saw our refusal.
  if (session.phase === 'refused') return;
  if (session.phase === 'challenged') {
    if (message.type === 'auth' && verifyProof(core.options.secret, session.nonce, message.response)) {
      session.phase = 'authenticated';
      return;
    }
    core.counters.unauthenticated += 1;
    session.phase = 'refused';
    return connection.end({ type: 'close', reason: 'auth-failed' });
  }
  if (session.phase === 'authenticated') {
    if (message.type !== 'register') return connection.refuse('unexpected', `${message.type} before register`);
    return register(core, session, message);
  }
  switch (message.type) {
    case 'results':
      return receiveResults(core, session, message.results);
    case 'heartbeat': {
      session.rss = message.rss;
      session.cpu = message.cpu;
      if (session.status === 'retiring') return;
      const wasPaused = session.status === 'paused';
      session.status = message.paused ? 'paused' : 'running';
      if (wasPaused && !message.paused) core.scheduleDispatch();
      return;
    }
    case 'release':
      for (const taskId of message.taskIds) {
        const record = session.assigned.get(taskId);
        if (record === undefined) continue;
        session.assigned.delete(taskId);
        if (record.state !== 'assigned') continue;
        core.tasks.requeue(record);
        core.counters.tasksRequeued += 1;
      }
      return core.scheduleDispatch();
    case 'pong':
      // Its arrival is the news: lastSeen is already updated.
      return;
    case 'close':
      session.closeReason = message.reason;
      session.status = 'retiring';
      return;
    default:
      return connection.refuse('unexpected', `${message.type} after register`);
  }
}

function register(core: SchedulerCore, session: SchedulerSession, message: RegisterMessage): void {
  if (core.registered.has(message.name)) {
    session.phase = 'refused';
    return session.connection.end({ type: 'close', reason: 'duplicate-name' });
  }
  session.registration = message;
  session.registeredAt = Date.now();
  session.retireAt = message.lifetimeLeft === undefined ? undefined : performance.now() + message.lifetimeLeft * 1000;
  session.phase = 'registered';
  session.connection.setMaxFrameBytes(core.options.maxFrameBytes);
  core.registered.set(message.name, session);
  session.connection.send({ type: 'welcome', heartbeatInterval: core.options.heartbeatInterval, maxFrameBytes: core.options.maxFrameBytes });
  core.emit('worker-added', session.info());
  core.scheduleDispatch();
}

function receiveResults(core: SchedulerCore, session: SchedulerSession, results: TaskOutcome[]): void {
  const workerName = session.registration?.name ?? 'unknown worker';
  for (const outcome of results) {
    const record = session.assigned.get(outcome.taskId);
    // Not ours (re-queued after a reconnect) or already answered: the first answer counts.
    if (record === undefined) continue;
    session.assigned.delete(outcome.taskId);
    if (record.state !== 'assigned') continue;
    if (outcome.ok) session.tasksDone += 1;
    else session.tasksFailed += 1;
    // The protocol makes it optional: without it, the time since sending is the best estimate there is.
    core.durations.observe(outcome.duration ?? (performance.now() - record.sentAt) / 1000);
    if (outcome.ok) {
      core.counters.tasksCompleted += 1;
      core.tasks.finish(record, { ok: true, value: outcome.value });
      continue;
    }
    const fault = outcome.fault;
    if (fault === undefined) {
      core.counters.tasksFailed += 1;
      core.tasks.finish(record, { ok: false, error: remoteTaskError(outcome.error, workerName) });
    } else if (fault.kind === 'too-large') {
      core.counters.tasksFailed += 1;
      core.tasks.finish(record, { ok: false, error: tooLargeError(`the result of task ${record.spec.taskId} on ${workerName} is`, fault.size ?? 0, fault.limit ?? core.options.maxFrameBytes) });
    } else if (fault.kind === 'timeout' && !record.retryOnTimeout) {
      core.counters.tasksFailed += 1;
      core.tasks.finish(record, { ok: false, error: taskTimeoutError(record, workerName) });
    } else {
      recordCrash({ tasks: core.tasks, counters: core.counters, crashLimit: core.options.crashLimit }, record, crashFromFault(workerName, fault, outcome.error.message));
    }
  }
  core.scheduleDispatch();
}
