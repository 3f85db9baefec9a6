import { join } from 'node:path';
import { EventEmitter } from 'eventemitter3';
import type { PoolShape, SchedulerEventsV1, SchedulerRecord, SchedulerV1, WorkerInfo, WorkerLaunch } from '@jq/core';
import { RemoteScheduler } from '../client/remote-scheduler.js';
import { secretEnvironmentVariable } from '../protocol/protocol-auth.js';
import { resolveSchedulerOptions, type ResolvedEngineSchedulerOptions } from './scheduler-options.js';
import { type EngineRecordSettings, readEngineRecord, restoredOptions } from './scheduler-record.js';
import { buildWorkerCommand } from './scheduler-worker-command.js';

/**
 * An engine scheduler that runs in another process (a batch job of its own, core's
 * `placement: 'scheduler-job'`), as the cluster manager on the login node sees it: the worker
 * command and secret come from its record, the workers from a client connection to it.
 * It is already running: `start()` does nothing, `close()` only disconnects (the job's
 * cancel stops the scheduler). Adapt's questions (its load, per pool), the pools and the
 * drain of retiring workers travel as control requests over the same connection.
 */
class ConnectedScheduler extends EventEmitter<SchedulerEventsV1> implements SchedulerV1 {
  readonly specificationVersion = 'v1';
  readonly name = 'engine';
  readonly address: string;
  readonly dashboardUrl: string | undefined;
  readonly #options: ResolvedEngineSchedulerOptions;

  constructor(
    private readonly recorded: SchedulerRecord,
    private readonly settings: EngineRecordSettings,
    private readonly remote: RemoteScheduler,
  ) {
    super();
    this.address = recorded.address;
    this.dashboardUrl = recorded.dashboardUrl;
    this.#options = resolveSchedulerOptions(restoredOptions(settings), { secret: settings.secret, httpToken: settings.httpToken });
    remote.on('worker-added', (worker) => this.emit('worker-added', worker));
    remote.on('worker-removed', (worker, reason) => this.emit('worker-removed', worker, reason));
  }

  async start(): Promise<void> {
    // Already listening, in its own job.
  }

  async close(): Promise<void> {
    await this.remote.close();
  }

  workerCommand(launch: WorkerLaunch): string[] {
    const caPath = this.settings.tls === undefined ? undefined : join(this.settings.tls.directory, 'ca.pem');
    return buildWorkerCommand(this.#options, this.address, caPath, launch);
  }

  workerEnvironment(): Record<string, string> {
    return { [secretEnvironmentVariable]: this.settings.secret };
  }

  workers(): WorkerInfo[] {
    return this.remote.workers();
  }

  async adaptiveTarget(options: { targetDuration?: number } = {}): Promise<number> {
    return (await this.remote.control({ kind: 'adaptive-target', ...options })) as number;
  }

  async workerQuery(options: { targetDuration: number }): Promise<Record<string, number>> {
    return (await this.remote.control({ kind: 'worker-query', targetDuration: options.targetDuration })) as Record<string, number>;
  }

  /** Told once as the cluster starts; a failure shows in the next worker query, which the same connection carries. */
  setPools(pools: PoolShape[]): void {
    this.remote.control({ kind: 'set-pools', pools: pools.map((pool) => ({ ...pool })) }).catch(() => undefined);
  }

  record(): SchedulerRecord {
    return this.recorded;
  }

  async retireWorkers(names: string[]): Promise<void> {
    await this.remote.control({ kind: 'retire-workers', names });
  }
}

/**
 * Connects to the running engine scheduler `record` describes (core calls this for a
 * scheduler that lives in a batch job of its own): rejects with a clear error when it does
 * not answer or refuses the recorded secret.
 */
export async function connectScheduler(record: SchedulerRecord): Promise<SchedulerV1> {
  const settings = readEngineRecord(record);
  const remote = await RemoteScheduler.connect({ address: record.address, token: settings.secret, ...(settings.tls === undefined ? {} : { ca: settings.tls.certificate }) });
  return new ConnectedScheduler(record, settings, remote);
}
