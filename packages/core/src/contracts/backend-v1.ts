import type { TObject } from 'typebox';
import type { JobStatus } from './job-state.js';
import type { ResolvedOptions } from '../options/common-options.js';

/** A batch system's job id as it prints it (`123`, `123_4`, `45.server`). */
export type JobId = string;

/** A command for core to run: argv only, never a shell string. */
export interface Command {
  /** Program and arguments. */
  argv: string[];
  /** Text written to the command's standard input. */
  stdin?: string;
  /** A file fed to the command's standard input (`bsub < script`); wins over `stdin`. */
  stdinFile?: string;
  /** Extra environment variables for the command. */
  env?: Record<string, string>;
}

/** What a command did. */
export interface CommandResult {
  /** The argv that ran. */
  argv: string[];
  /** Exit code; `undefined` when it was killed or could not start. */
  exitCode: number | undefined;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** True when core killed it at its timeout. */
  timedOut: boolean;
}

/** A job the cluster wants rendered. */
export interface JobRequest {
  /** The job's identity in its cluster, `<clusterName>-<index>`; for an array, its first task's. */
  name: string;
  /** The job's index in its cluster; for an array, the first task's. */
  index: number;
  /** Shell lines that run the workers (environment, prologue, worker command, epilogue), quoted by core. */
  body: string;
  /** Absolute path the script will be written to. */
  scriptPath: string;
  /** Set when the request is one array submission of `array.count` tasks. */
  array?: ArraySpec;
}

/** A rendered job: what is written to `JobRequest.scriptPath`. */
export interface RenderedJob {
  /** The whole script (or submit description) text. */
  script: string;
}

/** Tasks of one array submission. */
export interface ArraySpec {
  /** Number of tasks; task indices are `0 … count - 1`. */
  count: number;
}

/** What a backend can do, read by core and by the conformance suite. */
export interface BackendCapabilities {
  /** Submits N jobs as one array job. */
  arrays: boolean;
  /** Can tell how a job that left the queue ended. */
  accounting: boolean;
}

/** Paths of a job's standard output and error files. */
export interface LogFiles {
  /** Standard output file. */
  stdout: string;
  /** Standard error file. */
  stderr: string;
}

/**
 * Contract 1: a batch-system adapter. Pure: it renders and parses, and core runs
 * every command it describes (argv arrays, timeouts, retries of transient errors).
 */
export interface BackendV1<O extends ResolvedOptions = ResolvedOptions> {
  /** Contract version. */
  readonly specificationVersion: 'v1';
  /** Short system name (`slurm`, `pbs`, `local`), used in messages and default names. */
  readonly name: string;
  /** Package name used as the message prefix, e.g. `jq/slurm`. */
  readonly packageName: string;
  /** Typebox schema of this backend's own options, merged with the common ones. */
  readonly options: TObject;
  /** Optional features. */
  readonly capabilities: BackendCapabilities;
  /** Shell variable holding an array task's index inside the job (`SLURM_ARRAY_TASK_ID`). */
  readonly arrayIndexVariable?: string;
  /** Turns the validated options into the backend's resolved options (defaults, derived values). */
  resolveOptions?(options: ResolvedOptions & Record<string, unknown>): O;
  /** Renders the job script for `job`. */
  render(job: JobRequest, options: O): RenderedJob;
  /** The submit command for the written script; with `array`, one submission of `array.count` tasks. */
  submit(scriptPath: string, options: O, array?: ArraySpec): Command;
  /** Job ids from the submit output; one id per task for an array, in task order. */
  parseSubmit(result: CommandResult, array?: ArraySpec): JobId[];
  /** ONE command that reports every job in `ids`. */
  status(ids: JobId[], options: O): Command;
  /**
   * Statuses from the status output; ids absent from the map are no longer in the queue.
   * Also called when the command exited non-zero with an error `classifyError` calls
   * permanent (e.g. `qstat` exits 153 for one unknown id but prints the others).
   */
  parseStatus(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus>;
  /** ONE command asking accounting how the jobs in `ids` ended. */
  accounting?(ids: JobId[], options: O): Command;
  /** Statuses from the accounting output; ids absent from the map are unknown to accounting. */
  parseAccounting?(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus>;
  /** ONE command that cancels every job in `ids`. */
  cancel(ids: JobId[], options: O): Command;
  /** Whether a failed command is worth retrying. */
  classifyError(result: CommandResult): 'transient' | 'permanent';
  /** Where job `id` writes its output, when known. */
  logFiles?(id: JobId, job: JobRequest, options: O): LogFiles | undefined;
}
