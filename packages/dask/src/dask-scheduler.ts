import { rm } from 'node:fs/promises';
import { ConfigError, type SchedulerEventsV1, type SchedulerRecord, type SchedulerV1, type WorkerInfo, type WorkerLaunch } from '@jq/core';
import { EventEmitter } from 'eventemitter3';
import { type DaskConnection, daskConnection } from './dask-connection.js';
import { DaskError } from './dask-errors.js';
import { warnOnce } from './dask-notices.js';
import { type DaskSchedulerOptions, type ResolvedDaskOptions, resolveDaskOptions } from './dask-options.js';
import { daskPackageName, daskPrefix } from './dask-package.js';
import { readProcessesPerJob, removePrivateDirectory, writeProcessesPerJob } from './dask-private-directory.js';
import { defaultPythonCandidates } from './dask-python.js';
import type { DaskRecordSettings } from './dask-record-settings.js';
import { schedulerInterface } from './dask-scheduler-args.js';
import { type DaskRunning, type DaskSchedulerState, bringUpScheduler, schedulerState } from './dask-scheduler-start.js';
import { type DaskTlsFiles, daskTlsFiles } from './dask-tls.js';
import { renderDaskWorkerCommand } from './dask-worker-command.js';
import { DaskWorkerTracker } from './dask-worker-tracker.js';

interface Running extends DaskRunning {
  tracker: DaskWorkerTracker;
}

/**
 * A real Dask scheduler (`python -m distributed.cli.dask_scheduler`) as a jobqueue
 * scheduler: jobs run `dask worker`, Python clients connect with {@link connection}, and
 * the cluster scales through the scheduler's HTTP API. Connections are TLS with a
 * certificate of the cluster's own unless `security: false`. The scheduler outlives a
 * killed owner; `restoreScheduler(record())` in another process takes it over.
 */
export class DaskScheduler extends EventEmitter<SchedulerEventsV1> implements SchedulerV1 {
  readonly specificationVersion = 'v1';
  readonly name = 'dask';
  readonly options: ResolvedDaskOptions;
  private given: DaskSchedulerOptions;
  private readonly state: DaskSchedulerState;
  private running: Running | undefined;
  private starting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private processesPerJob: number;

  /**
   * @param options how to run the scheduler; every one optional.
   * @param restored what `restoreScheduler` passes: the state a previous owner journaled.
   */
  constructor(options: DaskSchedulerOptions = {}, restored?: { address: string; settings: DaskRecordSettings }) {
    super();
    this.options = resolveDaskOptions(options);
    this.given = options;
    if (this.options.security === false) {
      warnOnce('JQ_DASK_INSECURE', `${daskPrefix} security: false — the Dask scheduler accepts anyone who can reach its port, and any Dask client can run code as you`);
    }
    this.state = schedulerState(this.options, restored);
    this.processesPerJob = restored?.settings.processesPerJob ?? 1;
  }

  /** Address workers and clients connect to, e.g. `tls://10.0.0.5:40123`. */
  get address(): string {
    return this.require().address;
  }

  /** Dask's dashboard page (the UI needs bokeh on the scheduler's Python; the HTTP API does not). */
  get dashboardUrl(): string | undefined {
    return this.running && !this.closing ? `${this.running.httpUrl}/status` : undefined;
  }

  /** Base URL of the scheduler's HTTP server (`/jq/v1`, `/json`, `/health`). */
  get httpUrl(): string {
    return this.require().httpUrl;
  }

  /** Dask's scheduler file, for `distributed.Client(scheduler_file=…)`; written once the scheduler listens. */
  get schedulerFile(): string {
    return this.state.schedulerFile;
  }

  /** The TLS files (a private directory, files 0600), unless `security: false`. Known before start; written by it. */
  get tls(): DaskTlsFiles | undefined {
    return this.options.security ? daskTlsFiles(this.state.directory) : undefined;
  }

  /** How Python connects: scheduler file, TLS files and a snippet that works as printed (once started). */
  get connection(): DaskConnection {
    return daskConnection(this.schedulerFile, this.tls);
  }

  /** `distributed.__version__` of the scheduler's Python. */
  get version(): string {
    return this.require().python.version;
  }

  /** Process id of the scheduler. */
  get pid(): number | undefined {
    return this.running?.handle.pid;
  }

  /** True when `start()` took over a scheduler a previous owner left running. */
  get adopted(): boolean {
    return this.running?.adopted ?? false;
  }

  /** The scheduler's recent log (Dask logs to stderr, which goes to a file in the private directory). */
  log(): string {
    return this.running?.handle.log() ?? '';
  }

  /**
   * Starts the scheduler (or, restored, takes over the previous owner's while it runs),
   * waits for its scheduler file, starts polling workers. Idempotent.
   */
  start(): Promise<void> {
    if (this.closing) return Promise.reject(new DaskError('not-started', 'start() after close()'));
    this.starting ??= this.launch();
    return this.starting;
  }

  /** Stops polling and the scheduler (SIGTERM, then SIGKILL after 10 s), deletes its private directory. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** How another process restores this scheduler: options, private directory, token, TLS material, process. */
  record(): SchedulerRecord {
    const running = this.running;
    const process = running ? { pid: running.handle.pid ?? 0, id: running.id, httpUrl: running.httpUrl, ...running.python } : this.state.previous?.process;
    const settings: DaskRecordSettings = {
      format: 'jq-dask-scheduler',
      version: 1,
      options: { ...this.given },
      directory: this.state.directory,
      schedulerFile: this.state.schedulerFile,
      httpToken: this.state.httpToken,
      processesPerJob: this.processesPerJob,
      ...(this.state.tls ? { tls: { ...this.state.tls } } : {}),
      ...(process ? { process } : {}),
    };
    const address = running?.address ?? this.state.previous?.address ?? '';
    return { kind: 'dask', packageName: daskPackageName, address, ...(this.dashboardUrl ? { dashboardUrl: this.dashboardUrl } : {}), settings };
  }

  /**
   * The `dask worker` command of a job. Before `start()` (a job script shown for
   * review) Python and address are placeholders, as in dask-jobqueue's `job_script()`.
   */
  /**
   * Listens on the cluster's `interface` when this host has it, else on every address
   * (the note says so); the scheduler's own `host` or `interface` wins.
   */
  listenOn(networkInterface: string): string | undefined {
    if (this.given.host !== undefined || this.given.interface !== undefined || this.starting !== undefined) return undefined;
    this.given = { ...this.given, interface: networkInterface };
    this.options.interface = networkInterface;
    const note = schedulerInterface(this.options).note;
    return note === undefined ? undefined : `${daskPrefix} ${note}`;
  }

  workerCommand(launch: WorkerLaunch): string[] {
    if (this.closing) throw new DaskError('not-started', 'the Dask scheduler is closed');
    // Dask names a job's workers by job key alone: the workers of several nodes would collide.
    if ((launch.nodes ?? 1) > 1) throw new ConfigError(daskPackageName, [{ path: 'nodes', value: launch.nodes, message: 'must be 1 with the Dask scheduler (one worker job per node); use the engine scheduler for jobs of several nodes' }]);
    const running = this.running;
    if (running && launch.processes !== this.processesPerJob) writeProcessesPerJob(this.state.directory, launch.processes);
    this.processesPerJob = launch.processes;
    const protocol = this.options.security ? 'tls' : 'tcp';
    return renderDaskWorkerCommand(
      {
        python: this.options.workerPython ?? running?.python.python ?? this.options.python ?? defaultPythonCandidates[0]!,
        address: launch.schedulerAddress ?? running?.address ?? `${protocol}://<insert-scheduler-address-here>:8786`,
        nanny: this.options.nanny,
        interface: this.options.interface,
        tls: this.tls,
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
   * Retires the named workers (Dask moves their data to other workers first). A nanny
   * restarts a retired worker within seconds, so the job must then be cancelled, as
   * `JobQueueCluster` does.
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
    let up: DaskRunning;
    try {
      up = await bringUpScheduler(this.options, this.state);
    } catch (error) {
      // A first start leaves nothing behind; a restore keeps the directory the journal names.
      if (!this.state.previous) await removePrivateDirectory(this.state.directory);
      throw error;
    }
    this.processesPerJob = readProcessesPerJob(this.state.directory) ?? this.processesPerJob;
    writeProcessesPerJob(this.state.directory, this.processesPerJob);
    const tracker = new DaskWorkerTracker({
      api: up.api,
      events: this,
      pollInterval: this.options.pollInterval,
      retireGrace: this.options.retireGrace,
      processesPerJob: () => this.processesPerJob,
    });
    this.running = { ...up, tracker };
    tracker.start();
  }

  private async shutdown(): Promise<void> {
    const started = this.starting !== undefined;
    await this.starting?.catch(() => undefined);
    const running = this.running;
    if (running) {
      await running.tracker.stop('closed');
      await running.handle.stop();
    }
    if (!started) return;
    await rm(this.state.schedulerFile, { force: true });
    await removePrivateDirectory(this.state.directory);
  }

  private require(): Running {
    if (this.closing) throw new DaskError('not-started', 'the Dask scheduler is closed');
    if (!this.running) throw new DaskError('not-started', 'the Dask scheduler is not started; await start() first');
    return this.running;
  }
}
