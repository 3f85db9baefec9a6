import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SchedulerEventsV1, SchedulerV1, WorkerInfo, WorkerLaunch } from '@jq/core';
import { EventEmitter } from 'eventemitter3';
import { DaskError } from './dask-errors.js';
import { DaskHttpApi } from './dask-http-api.js';
import { type DaskSchedulerOptions, type ResolvedDaskOptions, resolveDaskOptions } from './dask-options.js';
import { type DaskPython, defaultPythonCandidates, findDaskPython } from './dask-python.js';
import { daskSchedulerArgs, daskSchedulerEnvironment, httpBaseUrl } from './dask-scheduler-args.js';
import { DaskSchedulerProcess } from './dask-scheduler-process.js';
import { type DaskTlsFiles, createDaskTls, removeDaskTls } from './dask-tls.js';
import { renderDaskWorkerCommand } from './dask-worker-command.js';
import { DaskWorkerTracker } from './dask-worker-tracker.js';

interface Running {
  python: DaskPython;
  process: DaskSchedulerProcess;
  address: string;
  httpUrl: string;
  api: DaskHttpApi;
  tracker: DaskWorkerTracker;
  runDirectory: string;
  tls: DaskTlsFiles | undefined;
}

/**
 * A real Dask scheduler (`python -m distributed.cli.dask_scheduler`) as a jobqueue
 * scheduler: jobs run `dask worker`, Python clients connect to {@link address} with
 * `distributed.Client`, and the cluster scales through the scheduler's HTTP API.
 */
export class DaskScheduler extends EventEmitter<SchedulerEventsV1> implements SchedulerV1 {
  readonly specificationVersion = 'v1';
  readonly name = 'dask';
  readonly options: ResolvedDaskOptions;
  private running: Running | undefined;
  private starting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private processesPerJob = 1;

  constructor(options: DaskSchedulerOptions = {}) {
    super();
    this.options = resolveDaskOptions(options);
  }

  /** Address workers and clients connect to, e.g. `tcp://127.0.0.1:40123`. */
  get address(): string {
    return this.require().address;
  }

  /** Dask's dashboard page (the UI needs bokeh on the scheduler's Python; the HTTP API does not). */
  get dashboardUrl(): string | undefined {
    return this.running && !this.closing ? `${this.running.httpUrl}/status` : undefined;
  }

  /** Base URL of the scheduler's HTTP server (`/api/v1`, `/json`, `/health`). */
  get httpUrl(): string {
    return this.require().httpUrl;
  }

  /** TLS files when `security: true`; a Python client passes them to `distributed.Security`. */
  get tls(): DaskTlsFiles | undefined {
    return this.running?.tls;
  }

  /** `distributed.__version__` of the scheduler's Python. */
  get version(): string {
    return this.require().python.version;
  }

  /** Process id of the scheduler. */
  get pid(): number | undefined {
    return this.running?.process.pid;
  }

  /** The scheduler's recent log (Dask logs to stderr). */
  log(): string {
    return this.running?.process.log ?? '';
  }

  /** Finds Python, starts the scheduler, waits for its scheduler file, starts polling workers. Idempotent. */
  start(): Promise<void> {
    if (this.closing) return Promise.reject(new DaskError('not-started', 'start() after close()'));
    this.starting ??= this.launch();
    return this.starting;
  }

  /** Stops polling and the scheduler process (SIGTERM, then SIGKILL after 10 s), deletes its files. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /**
   * The `dask worker` command of a job. Before `start()` (a job script shown for
   * review) Python and address are placeholders, as in dask-jobqueue's `job_script()`.
   */
  workerCommand(launch: WorkerLaunch): string[] {
    if (this.closing) throw new DaskError('not-started', 'the Dask scheduler is closed');
    const running = this.running;
    this.processesPerJob = launch.processes;
    const protocol = this.options.security ? 'tls' : 'tcp';
    return renderDaskWorkerCommand(
      {
        python: this.options.workerPython ?? running?.python.python ?? this.options.python ?? defaultPythonCandidates[0]!,
        address: running?.address ?? `${protocol}://<insert-scheduler-address-here>:8786`,
        nanny: this.options.nanny,
        interface: this.options.interface,
        tls: running?.tls,
      },
      launch,
    );
  }

  workerEnvironment(): Record<string, string> {
    return {};
  }

  workers(): WorkerInfo[] {
    return this.running?.tracker.list() ?? [];
  }

  /** Dask's adaptive target; `targetDuration` (seconds) defaults to Dask's `distributed.adaptive.target-duration`. */
  async adaptiveTarget(options?: { targetDuration?: number }): Promise<number> {
    return this.require().api.adaptiveTarget(options?.targetDuration);
  }

  /**
   * Retires the named workers through `POST /api/v1/retire_workers` (Dask moves their
   * data to other workers first). A nanny restarts a retired worker within seconds, so
   * the job must then be cancelled, as `JobQueueCluster` does.
   */
  async retireWorkers(names: string[]): Promise<void> {
    const running = this.require();
    await running.tracker.refresh();
    const addresses = running.tracker.addressesOf(names);
    if (addresses.length > 0) await running.api.retireWorkers(addresses);
    running.tracker.markRetired(names);
  }

  /** Polls the worker list now (it is otherwise refreshed every `pollInterval`). */
  async refresh(): Promise<void> {
    await this.require().tracker.refresh();
  }

  // --- Internal helpers ---

  private async launch(): Promise<void> {
    const python = await findDaskPython(this.options.python === undefined ? defaultPythonCandidates : [this.options.python]);
    const runDirectory = await mkdtemp(join(tmpdir(), 'jq-dask-'));
    let tls: DaskTlsFiles | undefined;
    let started: DaskSchedulerProcess | undefined;
    try {
      tls = this.options.security ? await createDaskTls(this.options.sharedTemporaryDirectory) : undefined;
      const schedulerFile = join(runDirectory, 'scheduler.json');
      const { process, identity } = await DaskSchedulerProcess.start({
        python: python.python,
        args: daskSchedulerArgs(this.options, schedulerFile, tls),
        schedulerFile,
        environment: daskSchedulerEnvironment(this.options, python.routes),
        startTimeout: this.options.startTimeout,
      });
      started = process;
      const httpUrl = httpBaseUrl(identity, this.options);
      const api = new DaskHttpApi(httpUrl, this.options.requestTimeout);
      const tracker = new DaskWorkerTracker({
        api,
        events: this,
        pollInterval: this.options.pollInterval,
        retireGrace: this.options.retireGrace,
        processesPerJob: () => this.processesPerJob,
      });
      this.running = { python, process, address: identity.address, httpUrl, api, tracker, runDirectory, tls };
      await this.verifyApi(api, process);
      tracker.start();
    } catch (error) {
      await started?.stop();
      this.running = undefined;
      if (tls) await removeDaskTls(tls);
      await rm(runDirectory, { recursive: true, force: true });
      throw error;
    }
  }

  /** Fails start() clearly when the API routes did not load (e.g. a site config overrode them). */
  private async verifyApi(api: DaskHttpApi, process: DaskSchedulerProcess): Promise<void> {
    try {
      await api.adaptiveTarget();
      await api.adaptiveTarget(5);
    } catch (error) {
      throw new DaskError('api-failed', `the scheduler's HTTP API does not answer: ${(error as Error).message}; scheduler log:`, {
        stderr: process.log,
        cause: error,
      });
    }
  }

  private async shutdown(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const running = this.running;
    if (!running) return;
    await running.tracker.stop('closed');
    await running.process.stop();
    if (running.tls) await removeDaskTls(running.tls);
    await rm(running.runDirectory, { recursive: true, force: true });
  }

  private require(): Running {
    if (this.closing) throw new DaskError('not-started', 'the Dask scheduler is closed');
    if (!this.running) throw new DaskError('not-started', 'the Dask scheduler is not started; await start() first');
    return this.running;
  }
}
