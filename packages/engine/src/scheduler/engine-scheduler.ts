import type { AddressInfo, Server, Socket } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { EventEmitter } from 'eventemitter3';
import { JobQueueError, type SchedulerEventsV1, type SchedulerMessage, type SchedulerV1, type TaskSpec, type WorkerInfo, type WorkerLaunch, type WorkerMessage } from '@jq/core';
import { workerLaunchPrefix } from '../engine-paths.js';
import { createNonce, createSecret, secretEnvironmentVariable } from '../protocol/protocol-auth.js';
import { ProtocolConnection } from '../protocol/protocol-connection.js';
import { checkWorkerMessage } from '../protocol/protocol-validators.js';
import { adaptiveTarget, TaskDurationEstimate } from './scheduler-adaptive.js';
import { formatHost, startSchedulerHttp } from './scheduler-http.js';
import { listenHost, advertisedHost } from './scheduler-host.js';
import { handleWorkerMessage, type SchedulerCore } from './scheduler-messages.js';
import { dispatchTasks } from './scheduler-dispatch.js';
import { createMetrics, type SchedulerMetrics } from './scheduler-metrics.js';
import { handshakeMaxFrameBytes, resolveSchedulerOptions, type EngineSchedulerOptions, type ResolvedEngineSchedulerOptions } from './scheduler-options.js';
import { SchedulerSession } from './scheduler-session.js';
import { createTlsMaterial, createWorkerServer, removeTlsMaterial, type TlsMaterial } from './scheduler-tls.js';
import { TaskTable, type TaskRecord, type TaskSettlement } from './scheduler-tasks.js';
import { lostWorkerError } from './scheduler-errors.js';

/** A task handed to the scheduler: what to run, and who to tell when it ends. */
export interface TaskSubmission {
  /** Module export or function source, with arguments (the id is assigned here). */
  spec: DistributiveOmit<TaskSpec, 'taskId'>;
  /** Called exactly once with the outcome. */
  settle: (settlement: TaskSettlement) => void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The native scheduler (Scheduler contract v1). It runs in the client's process,
 * listens for `jq-worker` processes over TCP, authenticates them with the cluster
 * secret, and hands them tasks in batches. A lost worker's tasks are re-queued.
 */
export class EngineScheduler extends EventEmitter<SchedulerEventsV1> implements SchedulerV1, SchedulerCore {
  readonly specificationVersion = 'v1' as const;
  readonly name = 'engine';
  readonly options: ResolvedEngineSchedulerOptions;
  readonly tasks = new TaskTable();
  readonly durations = new TaskDurationEstimate();
  readonly counters: SchedulerMetrics = createMetrics();
  /** Registered workers by name. */
  readonly registered = new Map<string, SchedulerSession>();
  private readonly sessions = new Set<SchedulerSession>();
  private starting: Promise<void> | undefined;
  private server: Server | undefined;
  private tls: TlsMaterial | undefined;
  private http: HttpServer | undefined;
  private listenAddress: string | undefined;
  private httpUrl: string | undefined;
  private monitor: NodeJS.Timeout | undefined;
  private dispatchPending = false;
  private nextTaskId = 0;
  private closing = false;

  constructor(options: EngineSchedulerOptions = {}) {
    super();
    this.options = resolveSchedulerOptions({ ...options, host: listenHost(options) }, createSecret());
  }

  /** Address workers connect to, `tcp://host:port` (`tls://` with `tls: true`); valid after {@link start}. */
  get address(): string {
    if (this.listenAddress === undefined) throw new JobQueueError('JQ_PROTOCOL', '[jq/engine] scheduler is not started');
    return this.listenAddress;
  }

  /** URL of the HTTP API, when it is on. */
  get dashboardUrl(): string | undefined {
    return this.httpUrl;
  }

  start(): Promise<void> {
    this.starting ??= this.listen();
    return this.starting;
  }

  private async listen(): Promise<void> {
    const host = advertisedHost(this.options.host);
    if (this.options.tls) this.tls = await createTlsMaterial([host, '127.0.0.1', 'localhost'], this.options.tlsDirectory);
    const server = createWorkerServer(this.tls, this.options.handshakeTimeout, (socket) => this.accept(socket), () => (this.counters.tlsHandshakeFailures += 1));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    this.listenAddress = `${this.tls === undefined ? 'tcp' : 'tls'}://${formatHost(host)}:${port}`;
    if (this.options.httpPort !== false) {
      const started = await startSchedulerHttp(this, this.options.host, this.options.httpPort);
      this.http = started.server;
      this.httpUrl = started.url;
    }
    this.monitor = setInterval(() => this.monitorWorkers(), this.options.heartbeatInterval * 1000);
    this.monitor.unref();
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.monitor);
    for (const session of this.sessions) session.connection.end({ type: 'close', reason: 'scheduler-closing' });
    const closed = new JobQueueError('JQ_CLUSTER_CLOSED', '[jq/engine] the scheduler closed before the task finished');
    for (const record of [...this.tasks.all()]) this.tasks.finish(record, { ok: false, error: closed });
    await Promise.all([closeServer(this.server), closeServer(this.http)]);
    await removeTlsMaterial(this.tls);
  }

  workerCommand(launch: WorkerLaunch): string[] {
    const optional = (flag: string, value: number | string | undefined): string[] => (value === undefined ? [] : [flag, String(value)]);
    return [
      ...workerLaunchPrefix(this.options.node),
      // Before start() a script is only a preview (cluster.jobScript()): show where the address goes.
      this.listenAddress ?? 'tcp://<scheduler-address>',
      '--name', launch.jobKey,
      '--nthreads', String(launch.threads),
      '--memory-limit', String(launch.memoryLimit),
      '--death-timeout', String(launch.deathTimeout),
      '--nworkers', String(launch.processes),
      ...optional('--lifetime', launch.lifetime),
      ...optional('--lifetime-stagger', launch.lifetime === undefined ? undefined : launch.lifetimeStagger),
      ...optional('--local-directory', launch.localDirectory),
      ...optional('--tls-ca', this.tls?.caPath),
      ...launch.extraArgs,
    ];
  }

  workerEnvironment(): Record<string, string> {
    return { [secretEnvironmentVariable]: this.options.secret };
  }

  workers(): WorkerInfo[] {
    return [...this.registered.values()].map((session) => session.info());
  }

  /** Counters of refused connections and task outcomes. */
  metrics(): SchedulerMetrics {
    return structuredClone(this.counters);
  }

  async adaptiveTarget(options: { targetDuration?: number } = {}): Promise<number> {
    const workers = [...this.registered.values()];
    return adaptiveTarget({
      queued: this.tasks.queuedCount,
      running: this.tasks.size - this.tasks.queuedCount,
      workerThreads: workers.map((session) => session.registration?.threads ?? 1),
      busyWorkers: workers.filter((session) => session.assigned.size > 0).length,
      taskSeconds: this.durations.seconds,
      targetDuration: options.targetDuration ?? this.options.targetDuration,
    });
  }

  async retireWorkers(names: string[]): Promise<void> {
    const leaving = names.flatMap((name) => this.registered.get(name) ?? []);
    const gone = leaving.map((session) => new Promise<void>((resolve) => session.connection.once('closed', resolve)));
    for (const session of leaving) {
      if (session.status === 'retiring') continue;
      session.status = 'retiring';
      session.connection.send({ type: 'retire' });
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.retireTimeout * 1000)));
    await Promise.race([Promise.all(gone), timeout]);
    clearTimeout(timer);
  }

  /** Queues tasks; each submission's `settle` runs exactly once. Returns the task ids. */
  submitTasks(submissions: TaskSubmission[]): string[] {
    if (this.closing) throw new JobQueueError('JQ_CLUSTER_CLOSED', '[jq/engine] the scheduler is closed');
    const ids = submissions.map((submission) => {
      const taskId = `t${(this.nextTaskId++).toString(36)}`;
      this.tasks.add({ ...submission.spec, taskId } as TaskSpec, submission.settle);
      return taskId;
    });
    this.scheduleDispatch();
    return ids;
  }

  /** Ends unfinished tasks with `reason`; workers holding them are told to drop them. */
  cancelTasks(taskIds: string[], reason: Error): void {
    const perWorker = new Map<SchedulerSession, string[]>();
    for (const taskId of taskIds) {
      const record = this.tasks.get(taskId);
      if (record === undefined) continue;
      const holder = record.state === 'assigned' ? this.holderOf(record) : undefined;
      // The worker keeps the slot until it answers; its late answer is then ignored.
      this.tasks.finish(record, { ok: false, error: reason });
      if (holder !== undefined) perWorker.set(holder, [...(perWorker.get(holder) ?? []), taskId]);
    }
    for (const [session, ids] of perWorker) session.connection.send({ type: 'cancel', taskIds: ids });
  }

  /** Hands queued tasks to workers once, at the end of this turn of the event loop. */
  scheduleDispatch(): void {
    if (this.dispatchPending || this.closing) return;
    this.dispatchPending = true;
    setImmediate(() => {
      this.dispatchPending = false;
      dispatchTasks(this.registered.values(), this.tasks, this.durations, this.options.prefetch);
    });
  }

  private holderOf(record: TaskRecord): SchedulerSession | undefined {
    for (const session of this.registered.values()) if (session.assigned.get(record.spec.taskId) === record) return session;
    return undefined;
  }

  private accept(socket: Socket): void {
    if (this.closing) return void socket.destroy();
    const connection = new ProtocolConnection<WorkerMessage, SchedulerMessage>(socket, checkWorkerMessage, handshakeMaxFrameBytes);
    const session = new SchedulerSession(connection, createNonce(), performance.now());
    this.sessions.add(session);
    const handshake = setTimeout(() => {
      if (session.phase === 'registered' || session.phase === 'refused') return;
      this.counters.handshakeTimeouts += 1;
      socket.destroy();
    }, this.options.handshakeTimeout * 1000);
    connection.on('violation', (kind) => (this.counters.refusedFrames[kind] += 1));
    connection.on('message', (message) => handleWorkerMessage(this, session, message));
    connection.on('closed', () => {
      clearTimeout(handshake);
      this.remove(session);
    });
    connection.send({ type: 'challenge', version: 1, nonce: session.nonce });
  }

  private remove(session: SchedulerSession): void {
    this.sessions.delete(session);
    const registration = session.registration;
    if (registration === undefined || this.registered.get(registration.name) !== session) return;
    const info = session.info();
    this.registered.delete(registration.name);
    const reason = session.closeReason ?? (this.closing ? 'closed' : 'lost');
    for (const record of session.assigned.values()) {
      if (record.state !== 'assigned') continue;
      // A worker that said goodbye released what it did not run; anything else it held was started.
      if (session.closeReason === undefined) record.attempts += 1;
      if (record.attempts >= this.options.maxAttempts) {
        this.tasks.finish(record, { ok: false, error: lostWorkerError(record, registration.name) });
        this.counters.tasksFailed += 1;
      } else {
        this.tasks.requeue(record);
        this.counters.tasksRequeued += 1;
      }
    }
    session.assigned.clear();
    this.emit('worker-removed', info, reason);
    this.scheduleDispatch();
  }

  /**
   * Drops workers silent for longer than `workerTimeout`, and pings the others: an idle
   * scheduler sends nothing else, and its workers must tell idleness from a lost scheduler.
   */
  private monitorWorkers(): void {
    const deadline = performance.now() - this.options.workerTimeout * 1000;
    for (const session of this.registered.values()) {
      if (session.lastSeen >= deadline) {
        session.connection.send({ type: 'ping' });
        continue;
      }
      this.counters.heartbeatTimeouts += 1;
      session.connection.socket.destroy();
    }
  }
}

function closeServer(server: Server | HttpServer | undefined): Promise<void> {
  if (server === undefined || !server.listening) return Promise.resolve();
  return new Promise((resolve) => server.close(() => resolve()));
}
