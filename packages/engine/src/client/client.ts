import { EventEmitter } from 'eventemitter3';
import { JobQueueError } from '@jq/core';
import type { DemandRequest } from '../scheduler/scheduler-demand.js';
import type { TaskSubmission } from '../scheduler/scheduler-submission.js';
import { CancelledError } from '../scheduler/scheduler-errors.js';
import type { TaskSettlement } from '../scheduler/scheduler-tasks.js';
import { asCompleted, type Completed } from './as-completed.js';
import { resolveConnectTarget, type ConnectTarget } from './client-connect.js';
import { Future } from './future.js';
import { RemoteScheduler } from './remote-scheduler.js';
import { demandRequest, type TaskResources } from './task-resources.js';
import type { TaskScheduler } from './task-scheduler.js';
import { createModuleTask, describeTarget, withArguments, type ModuleTask, type ModuleTasks, type TaskArguments, type TaskTarget } from './task-target.js';

/** Task counts, sent with every `progress` event. */
export interface ClientProgress {
  submitted: number;
  completed: number;
  failed: number;
}

/** Events of a {@link Client}. */
export interface ClientEvents {
  /** A task of this client ended. */
  progress: (progress: ClientProgress) => void;
}

/** Options of one submission. */
export interface SubmitOptions {
  /**
   * Aborting cancels the task(s): futures reject at once with a `CancelledError` whose cause
   * is the signal's reason, and a task already running has its thread stopped.
   */
  signal?: AbortSignal;
  /**
   * Seconds each task may run on its worker; past it the thread is stopped and the future
   * rejects with `JQ_TIMEOUT` (or the task is retried, with `retryOnTimeout`). Default: the
   * scheduler's `taskTimeout` (none unless set).
   */
  timeout?: number;
  /** Run a task that timed out again (on another worker when there is one), up to the crash limit. Default false. */
  retryOnTimeout?: boolean;
  /**
   * What each task needs of its worker: it runs only where that much is free. A request
   * no pool of the cluster can ever fit throws at submit, naming the request and the pools.
   */
  resources?: TaskResources;
  /**
   * Time each task needs (seconds, `'10m'`, `'01:30:00'`): it runs only on a worker with
   * that much lifetime left before it retires, so it is not cut at walltime.
   */
  timeRequest?: number | string;
  /** Run only on workers of this pool. */
  pool?: string;
}

/** Options of a {@link Client}. */
export interface ClientOptions {
  /** Tasks of a `map` handed to the scheduler per event-loop turn. Default 1000. */
  mapChunkSize?: number;
}

/**
 * Sends tasks to an `EngineScheduler` — in this process (`new Client(scheduler)`) or in
 * another one (`Client.connect`) — and hands back futures.
 * Functions given to `submit`/`map` must be self-contained (they travel as source);
 * anything with imports goes through {@link Client.module}.
 */
export class Client extends EventEmitter<ClientEvents> {
  private readonly progress: ClientProgress = { submitted: 0, completed: 0, failed: 0 };
  private readonly mapChunkSize: number;

  constructor(
    readonly scheduler: TaskScheduler,
    options: ClientOptions = {},
  ) {
    super();
    this.mapChunkSize = options.mapChunkSize ?? 1000;
  }

  /**
   * A client of an engine scheduler in another process: `{ cluster: name }` reads the
   * cluster's private journal (address, token, TLS certificate); `{ address, token }` takes
   * them as given. Rejects with a clear error when the cluster is unknown, runs another
   * scheduler, or nothing answers at the address. {@link close} disconnects.
   */
  static async connect(target: ConnectTarget, options: ClientOptions = {}): Promise<Client> {
    return new Client(await RemoteScheduler.connect(resolveConnectTarget(target)), options);
  }

  /** Disconnects a client made by {@link connect} (its unfinished tasks are cancelled); a no-op for a scheduler of this process. */
  async close(): Promise<void> {
    if (this.scheduler instanceof RemoteScheduler) await this.scheduler.close();
  }

  /** Typed handles on a task module's exports: `client.module<typeof import('./tasks.js')>(url)`. */
  module<M>(url: string | URL): ModuleTasks<M> {
    const href = String(url);
    const handles = new Map<string, ModuleTask<unknown[], unknown>>();
    return new Proxy({} as ModuleTasks<M>, {
      get: (_target, property) => {
        // Not a task name: keeps the proxy from looking like a promise or a symbol-keyed object.
        if (typeof property !== 'string' || property === 'then') return undefined;
        let handle = handles.get(property);
        if (handle === undefined) {
          handle = createModuleTask(href, property, (task, args) => this.submit(task, ...args));
          handles.set(property, handle);
        }
        return handle;
      },
    });
  }

  /** Runs `target(...args)` on a worker. Arguments may be futures: the task waits for them. */
  submit<A extends unknown[], R>(target: TaskTarget<A, R>, ...args: TaskArguments<A>): Future<Awaited<R>> {
    return this.submitWith({}, target, ...args);
  }

  /** {@link submit} with options (an `AbortSignal`, a timeout, resources, a time request, a pool). */
  submitWith<A extends unknown[], R>(options: SubmitOptions, target: TaskTarget<A, R>, ...args: TaskArguments<A>): Future<Awaited<R>> {
    const body = describeTarget(target as TaskTarget<never, unknown>);
    const demand = demandRequest(options);
    const future = this.createFuture<Awaited<R>>(options.signal);
    const dependencies = args.filter((argument): argument is Future<unknown> => argument instanceof Future);
    if (dependencies.length === 0) {
      this.hand([{ future, spec: withArguments(body, args) }], options, demand);
      return future;
    }
    Promise.all(args.map((argument) => (argument instanceof Future ? argument : Promise.resolve(argument)))).then(
      (values) => this.hand([{ future, spec: withArguments(body, values) }], options, demand),
      (error: unknown) => future.settle({ ok: false, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return future;
  }

  /** Runs `target(item)` for every item; tasks reach the scheduler in chunks, in order. */
  map<T, R>(target: TaskTarget<[T], R>, items: Iterable<T>, options: SubmitOptions = {}): Future<Awaited<R>>[] {
    const body = describeTarget(target as TaskTarget<never, unknown>);
    const demand = demandRequest(options);
    const entries = [...items].map((item) => ({ future: this.createFuture<Awaited<R>>(options.signal), spec: withArguments(body, [item]) }));
    const handChunk = (start: number): void => {
      this.hand(entries.slice(start, start + this.mapChunkSize), options, demand);
      if (start + this.mapChunkSize < entries.length) setImmediate(() => handChunk(start + this.mapChunkSize));
    };
    if (entries.length > 0) handChunk(0);
    return entries.map((entry) => entry.future);
  }

  /** Waits for every future; rejects with the first error. */
  gather<T>(futures: Iterable<PromiseLike<T>>): Promise<T[]> {
    const all = [...futures];
    if (!all.every((future) => future instanceof Future)) return Promise.all(all);
    // Futures only (a map's): one promise for all of them instead of a few per future.
    return new Promise<T[]>((resolve, reject) => {
      let remaining = all.length;
      if (remaining === 0) return resolve([]);
      const settled = (future: Future<T>): void => {
        if (future.status !== 'finished') return reject(future.error);
        remaining -= 1;
        if (remaining === 0) resolve(all.map((done) => (done as Future<T>).value as T));
      };
      for (const future of all as Future<T>[]) future.onSettled(() => settled(future));
    });
  }

  /** Yields `{ future, ok, value | error }` for each future as it settles. */
  asCompleted<T>(futures: Iterable<Future<T>>): AsyncIterable<Completed<T>> {
    return asCompleted(futures);
  }

  /** Cancels tasks; their futures reject with a `CancelledError` (code `JQ_CANCELLED`, `reason` as its cause). */
  cancel(futures: Future<unknown> | Iterable<Future<unknown>>, reason?: unknown): void {
    for (const future of futures instanceof Future ? [futures] : futures) future.cancel(reason);
  }

  /** Resolves once `count` workers are connected; rejects with `JQ_TIMEOUT` after `timeout` seconds. */
  waitForWorkers(count: number, options: { timeout?: number } = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.scheduler.workers().length < count) return;
        cleanup();
        resolve();
      };
      const timer =
        options.timeout === undefined
          ? undefined
          : setTimeout(() => {
              cleanup();
              const have = this.scheduler.workers().length;
              reject(new JobQueueError('JQ_TIMEOUT', `[jq/engine] waited ${options.timeout}s for ${count} workers, have ${have}`));
            }, options.timeout * 1000);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.scheduler.off('worker-added', check);
      };
      this.scheduler.on('worker-added', check);
      check();
    });
  }

  private readonly cancelOne = (target: Future<unknown>, reason?: unknown): void => this.cancelFuture(target, reason);

  private readonly countSettled = (future: Future<unknown>): void => {
    if (future.status === 'finished') this.progress.completed += 1;
    else this.progress.failed += 1;
    if (this.listenerCount('progress') > 0) this.emit('progress', { ...this.progress });
  };

  private createFuture<T>(signal: AbortSignal | undefined): Future<T> {
    const future = new Future<T>(this.cancelOne, this.countSettled);
    this.progress.submitted += 1;
    if (signal !== undefined) {
      if (signal.aborted) this.cancelFuture(future, signal.reason);
      const abort = (): void => this.cancelFuture(future, signal.reason);
      signal.addEventListener('abort', abort, { once: true });
      future.onSettled(() => signal.removeEventListener('abort', abort));
    }
    return future;
  }

  private cancelFuture(future: Future<unknown>, reason?: unknown): void {
    if (future.status !== 'pending') return;
    const error = new CancelledError(reason);
    if (future.taskId !== undefined) this.scheduler.cancelTasks([future.taskId], error);
    future.settle({ ok: false, error });
  }

  private hand(entries: Array<{ future: Future<unknown>; spec: TaskSubmission['spec'] }>, options: SubmitOptions, demand: DemandRequest): void {
    const pending = entries.filter((entry) => entry.future.status === 'pending');
    if (pending.length === 0) return;
    const limits = {
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.retryOnTimeout === undefined ? {} : { retryOnTimeout: options.retryOnTimeout }),
      ...demand,
    };
    const limited = Object.keys(limits).length > 0;
    const submissions: TaskSubmission[] = pending.map((entry) => {
      const submission: TaskSubmission = { spec: entry.spec, settle: (settlement: TaskSettlement) => entry.future.settle(settlement) };
      return limited ? { ...submission, ...limits } : submission;
    });
    let ids: string[];
    try {
      ids = this.scheduler.submitTasks(submissions);
    } catch (error) {
      for (const entry of pending) entry.future.settle({ ok: false, error: error as Error });
      return;
    }
    pending.forEach((entry, index) => (entry.future.taskId = ids[index]));
  }
}
