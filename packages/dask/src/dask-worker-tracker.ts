import type { SchedulerEventsV1, WorkerInfo } from '@jq/core';
import type { EventEmitter } from 'eventemitter3';
import type { DaskHttpApi, DaskWorkerRecord } from './dask-http-api.js';
import { daskWorkerJobKey } from './dask-worker-command.js';

interface TrackedWorker {
  record: DaskWorkerRecord;
  info: WorkerInfo;
  /** False for a retired worker its nanny brought back: it was already announced as removed. */
  announced: boolean;
}

/** How the tracker reads and interprets the worker list. */
export interface DaskWorkerTrackerSettings {
  api: DaskHttpApi;
  events: EventEmitter<SchedulerEventsV1>;
  /** Milliseconds between polls. */
  pollInterval: number;
  /** Seconds a retired name stays retired. */
  retireGrace: number;
  /** Worker processes per job, to map worker names back to job names. */
  processesPerJob: () => number;
}

/**
 * Keeps the scheduler's worker list in memory (the contract's `workers()` is synchronous)
 * by polling the HTTP API, and emits `worker-added` / `worker-removed` from the differences.
 */
export class DaskWorkerTracker {
  private workersByName = new Map<string, TrackedWorker>();
  private readonly retiredAt = new Map<string, number>();
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The last poll failure, cleared by the next success. */
  lastError: Error | undefined;

  constructor(private readonly settings: DaskWorkerTrackerSettings) {}

  /** Polls now and then every `pollInterval` until {@link stop}. */
  start(): void {
    const loop = (): void => {
      this.refresh()
        .catch((error: unknown) => {
          this.lastError = error as Error;
        })
        .finally(() => {
          if (this.stopped) return;
          this.timer = setTimeout(loop, this.settings.pollInterval);
          this.timer.unref();
        });
    };
    loop();
  }

  /** One poll; concurrent callers share it. */
  refresh(): Promise<void> {
    this.inFlight ??= this.poll().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Workers as of the last poll, retired ones that came back shown as `retiring`. */
  list(): WorkerInfo[] {
    return [...this.workersByName.values()].map((worker) => worker.info);
  }

  /** Dask addresses of the named workers that are connected now. */
  addressesOf(names: string[]): string[] {
    return names.flatMap((name) => {
      const worker = this.workersByName.get(name);
      return worker ? [worker.record.address] : [];
    });
  }

  /** Records a retirement: the workers are removed now and not announced again if they return. */
  markRetired(names: string[]): void {
    for (const name of names) {
      this.retiredAt.set(name, Date.now());
      const worker = this.workersByName.get(name);
      if (!worker) continue;
      this.workersByName.delete(name);
      if (worker.announced) this.settings.events.emit('worker-removed', worker.info, 'retired');
    }
  }

  /** Stops polling and reports every remaining worker as removed for `reason`. */
  async stop(reason: string): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
    for (const worker of this.workersByName.values()) {
      if (worker.announced) this.settings.events.emit('worker-removed', worker.info, reason);
    }
    this.workersByName.clear();
  }

  // --- Internal helpers ---

  private async poll(): Promise<void> {
    const records = await this.settings.api.workers();
    if (this.stopped) return;
    this.lastError = undefined;
    const previous = this.workersByName;
    const next = new Map<string, TrackedWorker>();
    for (const record of records) {
      const known = previous.get(record.name);
      const announced = known?.announced ?? !this.recentlyRetired(record.name);
      next.set(record.name, { record, announced, info: this.toInfo(record, announced) });
    }
    this.workersByName = next;
    for (const [name, worker] of previous) {
      if (next.has(name) || !worker.announced) continue;
      this.settings.events.emit('worker-removed', worker.info, this.retiredAt.has(name) ? 'retired' : 'disconnected');
    }
    for (const [name, worker] of next) {
      if (!previous.has(name) && worker.announced) this.settings.events.emit('worker-added', worker.info);
    }
  }

  private recentlyRetired(name: string): boolean {
    const at = this.retiredAt.get(name);
    if (at === undefined) return false;
    if (Date.now() - at <= this.settings.retireGrace * 1000) return true;
    this.retiredAt.delete(name);
    return false;
  }

  private toInfo(record: DaskWorkerRecord, announced: boolean): WorkerInfo {
    return {
      name: record.name,
      jobKey: daskWorkerJobKey(record.name, this.settings.processesPerJob()),
      status: !announced ? 'retiring' : statusOf(record.status),
      threads: record.nthreads,
      memoryLimit: record.memoryLimit,
      runningTasks: record.tasks,
      ...(record.host === undefined ? {} : { host: record.host }),
    };
  }
}

function statusOf(daskStatus: string): WorkerInfo['status'] {
  if (daskStatus === 'paused') return 'paused';
  if (daskStatus === 'closing_gracefully' || daskStatus === 'closing' || daskStatus === 'closed') return 'retiring';
  return 'running';
}
