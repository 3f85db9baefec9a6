import { mkdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArraySpec, BackendV1, JobId, JobRequest } from '../contracts/backend-v1.js';
import type { SchedulerV1, WorkerLaunch } from '../contracts/scheduler-v1.js';
import type { CommandRunner } from '../command/command-runner.js';
import { runWithRetry } from '../command/run-with-retry.js';
import { CommandError, SubmitError } from '../errors.js';
import type { ResolvedOptions } from '../options/common-options.js';
import type { Clock } from '../util/clock.js';
import { jobNameReference, localDirectoryReference, renderJobBody } from '../util/job-script.js';
import { ensurePrivateDirectory, writePrivateFile } from './job-files.js';

/** One job that a submission created. */
export interface SubmittedJob {
  id: JobId;
  name: string;
  index: number;
  request: JobRequest;
}

/** Renders, writes and submits job scripts; the cluster's only path to `submit`. */
export class JobSubmitter {
  readonly #written = new Set<string>();

  constructor(
    private readonly backend: BackendV1,
    private readonly scheduler: SchedulerV1,
    private readonly options: ResolvedOptions,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
  ) {}

  /** What the scheduler's workers are started with. */
  launch(): WorkerLaunch {
    const options = this.options;
    return {
      jobName: jobNameReference,
      processes: options.processes,
      threads: options.threads,
      memoryLimit: options.memoryPerProcess,
      deathTimeout: options.deathTimeout,
      extraArgs: options.workerExtraArgs,
      ...(options.localDirectory === undefined ? {} : { localDirectory: localDirectoryReference }),
      ...(options.interface === undefined ? {} : { interface: options.interface }),
      ...(options.lifetime === undefined ? {} : { lifetime: options.lifetime }),
      ...(options.lifetimeStagger === undefined ? {} : { lifetimeStagger: options.lifetimeStagger }),
    };
  }

  /** The request for the job (or array) whose first index is `index`. */
  request(index: number, array?: ArraySpec): JobRequest {
    const name = `${this.options.name}-${index}`;
    const body = renderJobBody(this.options, {
      jobName: name,
      command: this.scheduler.workerCommand(this.launch()),
      environment: { ...this.scheduler.workerEnvironment(), ...this.options.env },
      ...(array && this.backend.arrayIndexVariable
        ? { array: { indexVariable: this.backend.arrayIndexVariable, clusterName: this.options.name, firstIndex: index } }
        : {}),
    });
    const fileName = array ? `${name}-array-${array.count}.sh` : `${name}.sh`;
    return { name, index, body, scriptPath: join(this.options.scriptDirectory, fileName), ...(array ? { array } : {}) };
  }

  /**
   * Deletes the scripts this submitter wrote (they hold the worker secret) and the
   * script directory when nothing else is left in it. Batch systems copy a script at
   * submit time; by now every job of the cluster has been cancelled.
   */
  async removeScripts(): Promise<void> {
    await Promise.all([...this.#written].map((path) => rm(path, { force: true })));
    this.#written.clear();
    await rmdir(this.options.scriptDirectory).catch(() => undefined);
  }

  /** Submits `count` jobs starting at `index` (one array submission when `array`). */
  async submit(index: number, count: number, useArray: boolean): Promise<SubmittedJob[]> {
    const array = useArray ? { count } : undefined;
    const request = this.request(index, array);
    const rendered = this.backend.render(request, this.options);
    await ensurePrivateDirectory(this.options.scriptDirectory);
    // Batch systems do not create the directory of -o/-e themselves (dask-jobqueue makes it too).
    if (this.options.logDirectory !== undefined) await mkdir(this.options.logDirectory, { recursive: true });
    await writePrivateFile(request.scriptPath, rendered.script);
    this.#written.add(request.scriptPath);
    let result;
    try {
      result = await runWithRetry(this.runner, this.backend, this.backend.submit(request.scriptPath, this.options, array), this.clock, {
        attempts: this.options.commandAttempts,
        timeoutMs: this.options.commandTimeout * 1000,
        signal: this.signal,
      });
    } catch (error) {
      const detail = CommandError.isInstance(error) ? error.message : String(error);
      throw new SubmitError(`[${this.backend.packageName}] could not submit ${request.name}: ${detail}`, { cause: error });
    }
    let ids: JobId[];
    try {
      ids = this.backend.parseSubmit(result, array);
    } catch (error) {
      throw new SubmitError(
        `[${this.backend.packageName}] submitted ${request.name} but could not read its id from ${JSON.stringify(result.stdout.slice(0, 200))}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const expected = array ? array.count : 1;
    if (ids.length !== expected) {
      throw new SubmitError(`[${this.backend.packageName}] expected ${expected} job id(s) from submit, got ${ids.length}: ${JSON.stringify(result.stdout.slice(0, 200))}`);
    }
    return ids.map((id, offset) => {
      const jobIndex = index + offset;
      const name = `${this.options.name}-${jobIndex}`;
      return { id, name, index: jobIndex, request: { ...request, name, index: jobIndex } };
    });
  }
}
