import { rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnyBackend, ArraySpec, JobId, JobRequest } from '../contracts/backend-v1.js';
import type { SchedulerV1, WorkerLaunch } from '../contracts/scheduler-v1.js';
import { corePrefix } from '../core-package.js';
import { CommandError, JobQueueError, SubmitError, messagePrefix } from '../errors.js';
import type { ResolvedOptions } from '../options/common-options.js';
import { jobKeyReference, localDirectoryReference, nodeIndexReference, renderJobBody } from '../util/job-script.js';
import type { BatchCommands } from './batch-commands.js';
import { ensurePrivateDirectory } from './job-files.js';
import type { NewJob } from './job-info.js';
import { renderedJobPaths, renderedJobPreview, writeRenderedJob } from './rendered-job-files.js';

/** One worker template of the cluster: a pool's name and its resolved options. */
export interface Pool {
  /** Pool name (`default` when the cluster has one template). */
  name: string;
  /** The options its jobs are rendered with. */
  options: ResolvedOptions;
}

/** The worker launch of `pool`: what the scheduler's worker command is built from. */
export function workerLaunch(pool: Pool, schedulerAddress?: string): WorkerLaunch {
  const options = pool.options;
  return {
    jobKey: jobKeyReference,
    ...(schedulerAddress === undefined ? {} : { schedulerAddress }),
    pool: pool.name,
    processes: options.processes,
    ...(options.nodes > 1 ? { nodes: options.nodes, nodeIndex: nodeIndexReference } : {}),
    threads: options.threads,
    memoryLimit: options.memoryPerProcess,
    deathTimeout: options.deathTimeout,
    extraArgs: options.workerExtraArgs,
    ...(options.localDirectory === undefined ? {} : { localDirectory: localDirectoryReference }),
    ...(options.interface === undefined ? {} : { interface: options.interface }),
    ...(options.gpus === undefined ? {} : { gpus: options.gpus }),
    ...(options.lifetime === undefined ? {} : { lifetime: options.lifetime }),
    ...(options.lifetimeStagger === undefined ? {} : { lifetimeStagger: options.lifetimeStagger }),
  };
}

/** Renders, writes and submits job scripts; the cluster's only path to `submit`. */
export class JobSubmitter {
  readonly #written = new Set<string>();
  /** Address workers dial when the runner tunnels the scheduler (see `CommandRunner.connect`). */
  workerAddress: string | undefined;

  constructor(
    private readonly backend: AnyBackend,
    private readonly scheduler: SchedulerV1,
    private readonly commands: BatchCommands,
    private readonly clusterName: string,
    private readonly scriptDirectory: string,
    private readonly signal: AbortSignal,
    /** True when core made the directory (no `scriptDirectory` option): everything in it is ours. */
    private readonly ownsDirectory = false,
  ) {}

  /** The request for the job (or array) of `pool` whose first index is `index`. */
  request(pool: Pool, index: number, array?: ArraySpec, environment: Record<string, string> = this.scheduler.workerEnvironment()): JobRequest {
    const jobKey = `${this.clusterName}-${index}`;
    const nodeLauncher = pool.options.nodes > 1 ? this.backend.nodeLauncher?.(pool.options) : undefined;
    const body = renderJobBody(pool.options, {
      ...(nodeLauncher === undefined ? {} : { nodeLauncher }),
      jobKey,
      command: this.scheduler.workerCommand(workerLaunch(pool, this.workerAddress)),
      environment: { ...this.scheduler.workerTuning?.(), ...environment, ...pool.options.env },
      ...(array && this.backend.arrayIndexVariable
        ? { array: { indexVariable: this.backend.arrayIndexVariable, clusterName: this.clusterName, firstIndex: index } }
        : {}),
    });
    const fileName = array ? `${jobKey}-array-${array.count}.sh` : `${jobKey}.sh`;
    return { jobKey, pool: pool.name, index, body, scriptPath: join(this.scriptDirectory, fileName), ...(array ? { array } : {}) };
  }

  /**
   * The script a job of `pool` would run, then the executable it names when the backend
   * renders one, with the scheduler's secrets shown as `<redacted>`.
   */
  preview(pools: ReadonlyMap<string, Pool>, pool: string, index: number): string {
    const template = pools.get(pool);
    if (template === undefined) throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} no pool named ${JSON.stringify(pool)} (pools: ${[...pools.keys()].join(', ')})`);
    const redacted = Object.fromEntries(Object.keys(this.scheduler.workerEnvironment()).map((key) => [key, '<redacted>']));
    return renderedJobPreview(this.backend.render(this.request(template, index, undefined, redacted), template.options));
  }

  /**
   * Deletes the scripts and executables this submitter wrote (they hold the worker secret),
   * and the script directory: all of it when core made it (job output the backend put there
   * when no `logDirectory` was chosen, job state files), else only when it is empty.
   * Batch systems copy a script at submit time, HTCondor an executable when its job starts;
   * by now every job has been cancelled.
   */
  async removeFiles(): Promise<void> {
    await Promise.all([...this.#written].map((path) => rm(path, { force: true })));
    this.#written.clear();
    if (this.ownsDirectory) await rm(this.scriptDirectory, { recursive: true, force: true });
    else await rmdir(this.scriptDirectory).catch(() => undefined);
  }

  /** Submits `count` jobs of `pool` starting at `index` (one array submission when `useArray`). */
  async submit(pool: Pool, index: number, count: number, useArray: boolean): Promise<NewJob[]> {
    const array = useArray ? { count } : undefined;
    const request = this.request(pool, index, array);
    const prefix = messagePrefix(this.backend.packageName);
    const rendered = this.backend.render(request, pool.options);
    const paths = renderedJobPaths(this.backend.name, request.scriptPath, rendered);
    await ensurePrivateDirectory(this.scriptDirectory);
    // Batch systems do not create the directory of -o/-e themselves (dask-jobqueue makes it too).
    if (pool.options.logDirectory !== undefined) await this.commands.makeDirectory(pool.options.logDirectory);
    for (const path of paths) this.#written.add(path);
    await writeRenderedJob(request.scriptPath, rendered);
    let result;
    try {
      result = await this.commands.submit(paths, pool.options, array, this.signal);
    } catch (error) {
      if (CommandError.isInstance(error) && error.code === 'JQ_COMMAND_NOT_FOUND') throw error;
      const detail = CommandError.isInstance(error) ? error.message : String(error);
      throw new SubmitError(`${prefix} could not submit ${request.jobKey}: ${detail}`, { cause: error });
    }
    let ids: JobId[];
    try {
      ids = this.backend.parseSubmit(result, array);
    } catch (error) {
      const output = JSON.stringify(result.stdout.slice(0, 200));
      throw new SubmitError(`${prefix} submitted ${request.jobKey} but could not read its id from ${output}: ${(error as Error).message}`, { cause: error });
    }
    const expected = array ? array.count : 1;
    if (ids.length !== expected) {
      throw new SubmitError(`${prefix} expected ${expected} job id(s) from submit, got ${ids.length}: ${JSON.stringify(result.stdout.slice(0, 200))}`);
    }
    return ids.map((id, offset) => {
      const jobIndex = index + offset;
      const key = `${this.clusterName}-${jobIndex}`;
      const logFiles = this.backend.logFiles?.(id, { ...request, jobKey: key, index: jobIndex }, pool.options);
      return { key, id, pool: pool.name, index: jobIndex, walltime: pool.options.walltime, logFiles };
    });
  }
}
