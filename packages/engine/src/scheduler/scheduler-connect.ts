import { EventEmitter } from 'eventemitter3';
import type { PoolShape, SchedulerEventsV1, SchedulerRecord, SchedulerV1, WorkerInfo, WorkerLaunch } from '@jq/core';
import { RemoteScheduler } from '../client/remote-scheduler.js';
import { resolveSchedulerOptions, type ResolvedEngineSchedulerOptions } from './scheduler-options.js';
import { type EngineRecordSettings, readEngineRecord, restoredOptions } from './scheduler-record.js';
import { buildWorkerCommand, workerEnvironmentOf, workerTuning } from './scheduler-worker-command.js';

/** Seconds between attempts to reach a scheduler whose connection was lost: doubling from the first, up to the last. */
const reconnectDelays = [0.5, 1, 2, 4, 5];

/**
 * An engine scheduler that runs in another process (a batch job of its own, core's
 * `placement: 'scheduler-job'`), as the cluster manager on the login node sees it: the worker
 * command and secret come from its record, the workers from a client connection to it.
 * It is already running: `start()` does nothing, `close()` only disconnects (the job's
 * cancel stops the scheduler). Adapt's questions (its load, per pool), the pools and the
 * drain of retiring workers travel as control requests over the same connection. A lost
 * connection (an SSH forward whose master died, a network blip) is dialed again until it
 * answers or the cluster closes; workers that came or went meanwhile are reported then.
 */
class ConnectedScheduler extends EventEmitter<SchedulerEventsV1> implements SchedulerV1 {
  readonly specificationVersion = 'v1';
  readonly name = 'engine';
  readonly address: string;
  readonly dashboardUrl: string | undefined;
  readonly #options: ResolvedEngineSchedulerOptions;
  #remote: RemoteScheduler;
  #closed = false;

  constructor(
    private readonly recorded: SchedulerRecord,
    private readonly settings: EngineRecordSettings,
    remote: RemoteScheduler,
  ) {
    super();
    this.address = recorded.address;
    this.dashboardUrl = recorded.dashboardUrl;
    this.#options = resolveSchedulerOptions(restoredOptions(settings), { secret: settings.secret, httpToken: settings.httpToken });
    this.#remote = remote;
    this.#listen(remote);
  }

  async start(): Promise<void> {
    // Already listening, in its own job.
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#remote.close();
  }

  workerCommand(launch: WorkerLaunch): string[] {
    return buildWorkerCommand(this.#options, this.address, launch);
  }

  workerEnvironment(): Record<string, string> {
    return workerEnvironmentOf(this.settings.secret, this.settings.tls?.certificate);
  }

  workerTuning(): Record<string, string> {
    return { ...workerTuning };
  }

  workers(): WorkerInfo[] {
    return this.#remote.workers();
  }

  async adaptiveTarget(options: { targetDuration?: number } = {}): Promise<number> {
    return (await this.#remote.control({ kind: 'adaptive-target', ...options })) as number;
  }

  async workerQuery(options: { targetDuration: number }): Promise<Record<string, number>> {
    return (await this.#remote.control({ kind: 'worker-query', targetDuration: options.targetDuration })) as Record<string, number>;
  }

  /** Told once as the cluster starts; a failure shows in the next worker query, which the same connection carries. */
  setPools(pools: PoolShape[]): void {
    this.#remote.control({ kind: 'set-pools', pools: pools.map((pool) => ({ ...pool })) }).catch(() => undefined);
  }

  record(): SchedulerRecord {
    return this.recorded;
  }

  async retireWorkers(names: string[]): Promise<void> {
    await this.#remote.control({ kind: 'retire-workers', names });
  }

  #listen(remote: RemoteScheduler): void {
    remote.on('worker-added', (worker) => this.emit('worker-added', worker));
    remote.on('worker-removed', (worker, reason) => this.emit('worker-removed', worker, reason));
    remote.onLost(() => void this.#reconnect(remote.workers()));
  }

  async #reconnect(before: WorkerInfo[]): Promise<void> {
    for (let attempt = 0; !this.#closed; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, reconnectDelays[Math.min(attempt, reconnectDelays.length - 1)]! * 1000));
      if (this.#closed) return;
      const next = await RemoteScheduler.connect(connectTarget(this.recorded, this.settings)).catch(() => undefined);
      if (next === undefined) continue;
      if (this.#closed) return void (await next.close());
      this.#remote = next;
      this.#listen(next);
      // The pools live in the scheduler; they were told before. The workers are told again: what changed while cut off.
      const now = new Set(next.workers().map((worker) => worker.name));
      const known = new Set(before.map((worker) => worker.name));
      for (const worker of before) if (!now.has(worker.name)) this.emit('worker-removed', worker, 'gone while the connection was lost');
      for (const worker of next.workers()) if (!known.has(worker.name)) this.emit('worker-added', worker);
      return;
    }
  }
}

/** Where and how to dial the scheduler `record` describes: the forward's local end when there is one, its token and certificate. */
function connectTarget(record: SchedulerRecord, settings: EngineRecordSettings) {
  return { address: record.clientAddress ?? record.address, token: settings.secret, ...(settings.tls === undefined ? {} : { ca: settings.tls.certificate }) };
}

/**
 * Connects to the running engine scheduler `record` describes (core calls this for a
 * scheduler that lives in a batch job of its own): through `record.clientAddress` when
 * the job is reached through a forward (the certificate also names 127.0.0.1), else at its
 * address. Rejects with a clear error when it does not answer or refuses the recorded secret.
 */
export async function connectScheduler(record: SchedulerRecord): Promise<SchedulerV1> {
  const settings = readEngineRecord(record);
  const remote = await RemoteScheduler.connect(connectTarget(record, settings));
  return new ConnectedScheduler(record, settings, remote);
}
