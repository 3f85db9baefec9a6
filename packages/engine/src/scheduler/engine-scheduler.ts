import { performance } from 'node:perf_hooks';
import type { Socket } from 'node:net';
import { EventEmitter } from 'eventemitter3';
import { createHttpToken, JobQueueError, type ClusterView, type SchedulerEventsV1, type PoolShape, type SchedulerRecord, type SchedulerV1, type WorkerInfo, type WorkerLaunch } from '@jq/core';
import { createSecret } from '../protocol/protocol-auth.js';
import { acceptWorker } from './scheduler-accept.js';
import { SchedulerClients } from './scheduler-clients.js';
import { adaptiveTarget, loadSnapshot, TaskDurationEstimate } from './scheduler-adaptive.js';
import { SchedulerHttpService, type SchedulerHttpRoute } from './scheduler-http-service.js';
import { schedulerListenFor } from '../network-interface.js';
import { listenHost } from './scheduler-host.js';
import { listenForWorkers, type WorkerPort } from './scheduler-listen.js';
import { workerGone } from './scheduler-lost-worker.js';
import type { SchedulerCore } from './scheduler-messages.js';
import { DispatchTrigger } from './scheduler-dispatch.js';
import { createMetrics, type SchedulerMetrics } from './scheduler-metrics.js';
import { resolveSchedulerOptions, type EngineSchedulerOptions, type ResolvedEngineSchedulerOptions } from './scheduler-options.js';
import { SchedulerSession, type WorkerStartup } from './scheduler-session.js';
import { engineRecord, type RecordedTls } from './scheduler-record.js';
import { closeWorkerServer, removeTlsMaterial } from './scheduler-tls.js';
import { TaskTable, type TaskRecord } from './scheduler-tasks.js';
import { admitTask, type TaskSubmission } from './scheduler-submission.js';
import { poolLoad, workerQuery } from './scheduler-worker-query.js';
import { cancelTaskIds, monitorSessions, retireSessions } from './scheduler-worker-control.js';
import { buildWorkerCommand, workerEnvironmentOf, workerTuning } from './scheduler-worker-command.js';

/**
 * The native scheduler (Scheduler contract v1). It runs in the client's process,
 * listens for `jq-worker` processes over TCP, authenticates them with the cluster
 * secret, and hands them tasks in batches. A lost worker's tasks are re-queued. Clients of
 * other processes (`Client.connect`) reach it on the same port with the same secret; its
 * {@link record} lets another process take it over on the same port (`restoreScheduler`).
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
  /** Clients of other processes. */
  readonly clients = new SchedulerClients(this);
  /** Serves the dashboard of the cluster `view` shows at `/dashboard/` (with `@jq/dashboard` installed). */
  readonly attachCluster = (view: ClusterView): void => this.http.mountDashboard(this, view);
  private readonly sessions = new Set<SchedulerSession>();
  private readonly http: SchedulerHttpService;
  private readonly dispatch: DispatchTrigger;
  private starting: Promise<void> | undefined;
  private readonly workerPort: WorkerPort = { server: undefined, tls: undefined };
  private listenAddress: string | undefined;
  private monitor: NodeJS.Timeout | undefined;
  private nextTaskId = 0;
  private pools: PoolShape[] | undefined;
  private closing = false;

  /**
   * `restored` is for `restoreScheduler`: the TLS material of the scheduler this one
   * succeeds, so workers that trust its certificate reconnect.
   */
  constructor(
    private readonly given: EngineSchedulerOptions = {},
    private readonly restored: { tls?: RecordedTls } = {},
  ) {
    super();
    this.options = resolveSchedulerOptions({ ...given, host: listenHost(given) }, { secret: createSecret(), httpToken: createHttpToken() });
    this.http = new SchedulerHttpService(this, { host: this.options.httpHost, port: this.options.httpPort || 0, token: this.options.httpToken });
    const failed = (record: TaskRecord, error: Error): void => {
      this.counters.tasksFailed += 1;
      this.tasks.finish(record, { ok: false, error });
    };
    const { prefetch, maxFrameBytes } = this.options;
    this.dispatch = new DispatchTrigger({ sessions: this.registered, tasks: this.tasks, durations: this.durations, prefetch, maxFrameBytes, failed }, () => this.closing);
    this.on('worker-added', () => this.clients.workersChanged()).on('worker-removed', () => this.clients.workersChanged());
  }

  /** Address workers connect to, `tcp://host:port` (`tls://` with `tls: true`); valid after {@link start}. */
  get address(): string {
    if (this.listenAddress === undefined) throw new JobQueueError('JQ_PROTOCOL', '[jq/engine] scheduler is not started');
    return this.listenAddress;
  }

  /**
   * Address of the HTTP server (the dashboard at `/dashboard/` when one is mounted), when
   * it is on. Safe to print or store: it carries no token, so it opens nothing by itself.
   */
  get dashboardUrl(): string | undefined {
    return this.http.dashboardUrl;
  }

  /**
   * **Secret.** The token every HTTP request must carry. Whoever has it reads the
   * scheduler's state: show it only to the cluster's owner, never log or store it.
   */
  get httpToken(): string {
    return this.options.httpToken;
  }

  /**
   * **Secret.** {@link dashboardUrl} with `?token=` — opened once in a browser, it sets an
   * HttpOnly cookie and drops the token from the address. Print it only to the owner.
   */
  get dashboardUrlWithToken(): string | undefined {
    return this.http.dashboardUrlWithToken;
  }

  /** Mounts routes on the HTTP server (before or after start), behind its token check. */
  addHttpRoutes(routes: SchedulerHttpRoute[]): void {
    this.http.addRoutes(routes);
  }

  start(): Promise<void> {
    this.starting ??= this.listen();
    return this.starting;
  }

  private async listen(): Promise<void> {
    const handlers = { accept: (socket: Socket) => this.accept(socket), handshakeFailed: () => (this.counters.tlsHandshakeFailures += 1) };
    this.listenAddress = await listenForWorkers(this.workerPort, this.options, this.restored.tls, handlers);
    if (this.options.httpPort !== false) await this.http.start();
    this.monitor = setInterval(() => monitorSessions(this.registered.values(), this.options.workerTimeout, this.counters), this.options.heartbeatInterval * 1000);
    this.monitor.unref();
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.monitor);
    for (const session of this.sessions) session.connection.end({ type: 'close', reason: 'scheduler-closing' });
    const closed = new JobQueueError('JQ_CLUSTER_CLOSED', '[jq/engine] the scheduler closed before the task finished');
    for (const record of [...this.tasks.all()]) this.tasks.finish(record, { ok: false, error: closed });
    await Promise.all([closeWorkerServer(this.workerPort.server), this.http.close()]);
    await removeTlsMaterial(this.workerPort.tls);
  }

  /**
   * Listens on the cluster's `interface` when this host has it, else on every address (see the
   * returned note). A `host` or `interface` of the scheduler's own settings wins.
   */
  listenOn(networkInterface: string): string | undefined {
    if (this.given.host !== undefined || this.given.interface !== undefined || this.starting !== undefined) return undefined;
    const { host, note } = schedulerListenFor(networkInterface);
    this.options.host = host;
    return note;
  }

  /**
   * How another process starts this scheduler again (`restoreScheduler` of this package):
   * its options and credentials, and once it listens its address and ports. **Secret**: it
   * holds the worker secret and the HTTP token; core keeps it in the private journal.
   */
  record(): SchedulerRecord {
    return engineRecord({ given: this.given, options: this.options, address: this.listenAddress, dashboardUrl: this.http.dashboardUrl, tls: this.workerPort.tls });
  }

  workerCommand(launch: WorkerLaunch): string[] {
    return buildWorkerCommand(this.options, this.listenAddress, launch);
  }

  workerEnvironment(): Record<string, string> {
    return workerEnvironmentOf(this.options.secret, this.workerPort.tls?.certificate);
  }

  workerTuning(): Record<string, string> {
    return { ...workerTuning };
  }

  workers(): WorkerInfo[] {
    return [...this.registered.values()].map((session) => session.info());
  }

  /** Start-up timelines of the registered workers that reported theirs. */
  workerStartups(): WorkerStartup[] {
    return [...this.registered.values()].flatMap((session) => session.startup() ?? []);
  }

  /** Counters of refused connections and task outcomes. */
  metrics(): SchedulerMetrics {
    return structuredClone(this.counters);
  }

  async adaptiveTarget(options: { targetDuration?: number } = {}): Promise<number> {
    return adaptiveTarget(loadSnapshot(this.registered.values(), this.tasks, this.durations, options.targetDuration ?? this.options.targetDuration));
  }

  /** The cluster's pools: a task no pool can ever fit is refused at submit, and {@link workerQuery} answers per pool. */
  setPools(pools: PoolShape[]): void {
    this.pools = pools.map((pool) => ({ ...pool }));
  }

  /** Per pool, the workers of its shape the load keeps busy, counting only the queued work the pool can run. */
  async workerQuery(options: { targetDuration: number }): Promise<Record<string, number>> {
    return workerQuery(poolLoad(this.pools ?? [], this.registered.values(), this.tasks, { now: performance.now(), taskSeconds: this.durations.seconds, targetDuration: options.targetDuration }));
  }

  async retireWorkers(names: string[]): Promise<void> {
    await retireSessions(names.flatMap((name) => this.registered.get(name) ?? []), this.options.retireTimeout);
  }

  /**
   * Queues tasks; each submission's `settle` runs exactly once. Returns the task ids. A task
   * whose arguments cannot be sent (a function, a symbol…), or whose demand no pool can
   * ever fit, is settled at once with an error saying why.
   */
  submitTasks(submissions: TaskSubmission[]): string[] {
    if (this.closing) throw new JobQueueError('JQ_CLUSTER_CLOSED', '[jq/engine] the scheduler is closed');
    const ids = submissions.map((submission) => {
      const taskId = `t${(this.nextTaskId++).toString(36)}`;
      const admitted = admitTask(submission, taskId, this.options.taskTimeout, this.pools);
      if ('error' in admitted) submission.settle({ ok: false, error: admitted.error });
      else this.tasks.add(admitted.spec, submission.settle, submission.retryOnTimeout ?? false, admitted.demand);
      return taskId;
    });
    this.scheduleDispatch();
    return ids;
  }

  /** Ends unfinished tasks with `reason`; workers holding them are told to drop them (a running one's thread is stopped). */
  cancelTasks(taskIds: string[], reason: Error): void {
    cancelTaskIds(this.tasks, this.registered.values(), taskIds, reason);
  }

  /** Hands queued tasks to workers once, at the end of this turn of the event loop. */
  scheduleDispatch(): void {
    this.dispatch.request();
  }

  private accept(socket: Socket): void {
    if (this.closing) return void socket.destroy();
    this.sessions.add(acceptWorker(this, socket, (session) => this.remove(session)));
  }

  private remove(session: SchedulerSession): void {
    this.sessions.delete(session);
    const registration = session.registration;
    if (registration === undefined || this.registered.get(registration.name) !== session) return;
    this.registered.delete(registration.name);
    const { info, reason } = workerGone(this, session, this.closing);
    this.emit('worker-removed', info, reason);
    this.scheduleDispatch();
  }
}
