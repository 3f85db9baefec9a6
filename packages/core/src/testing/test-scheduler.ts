import { EventEmitter } from 'eventemitter3';
import type { PoolShape, SchedulerEventsV1, SchedulerV1, WorkerInfo, WorkerLaunch } from '../contracts/scheduler-v1.js';
import type { SchedulerRecord } from '../journal/journal-records.js';

/**
 * A scheduler double for cluster tests: its workers are `sleep` processes, and the
 * test says which workers connect or leave. No network, no protocol.
 */
export class TestScheduler extends EventEmitter<SchedulerEventsV1> implements SchedulerV1 {
  readonly specificationVersion = 'v1' as const;
  readonly name = 'test';
  address = '';
  target = 0;
  started = false;
  closed = false;
  readonly retired: string[] = [];
  readonly #workers = new Map<string, WorkerInfo>();

  constructor(private readonly command: string[] = ['sleep', '3600']) {
    super();
  }

  async start(): Promise<void> {
    this.started = true;
    this.address = 'test://scheduler';
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** How a test's second process restores this scheduler (see {@link restoreTestScheduler}). */
  record(): SchedulerRecord {
    return { kind: 'test', packageName: '@jq/core/testing', address: this.address, settings: { command: this.command } };
  }

  workerCommand(_launch: WorkerLaunch): string[] {
    return this.command;
  }

  workerEnvironment(): Record<string, string> {
    return { JQ_TEST_SECRET: 'not-a-real-secret' };
  }

  workers(): WorkerInfo[] {
    return [...this.#workers.values()];
  }

  async adaptiveTarget(): Promise<number> {
    return this.target;
  }

  /** The pools the cluster told; with `query` set, the worker query answers from it. */
  pools: PoolShape[] = [];
  /** Per-pool answers of the worker query; undefined: this scheduler does not answer worker queries. */
  query: Record<string, number> | undefined;

  setPools(pools: PoolShape[]): void {
    this.pools = pools;
  }

  get workerQuery(): ((options: { targetDuration: number }) => Promise<Record<string, number>>) | undefined {
    const query = this.query;
    return query === undefined ? undefined : async () => ({ ...query });
  }

  async retireWorkers(names: string[]): Promise<void> {
    for (const name of names) {
      const worker = this.#workers.get(name);
      this.retired.push(name);
      if (!worker) continue;
      this.#workers.delete(name);
      this.emit('worker-removed', worker, 'retired');
    }
  }

  /** Simulates a worker of job `jobKey` connecting. */
  connect(jobKey: string, processIndex = 0, runningTasks = 0): WorkerInfo {
    const worker: WorkerInfo = { name: `${jobKey}-${processIndex}`, jobKey, status: 'running', threads: 1, memoryLimit: 1e9, runningTasks };
    this.#workers.set(worker.name, worker);
    this.emit('worker-added', worker);
    return worker;
  }

  /** Simulates a worker leaving. */
  disconnect(name: string, reason = 'lost'): void {
    const worker = this.#workers.get(name);
    if (!worker) return;
    this.#workers.delete(name);
    this.emit('worker-removed', worker, reason);
  }
}

/** Restores a {@link TestScheduler} from its journal record: what `attach()` calls after its owner died. */
export function restoreScheduler(record: SchedulerRecord): TestScheduler {
  return new TestScheduler(record.settings.command as string[]);
}
