import type { Static, TObject } from 'typebox';
import type { ConfigIssue } from '../errors.js';
import type { OptionsWithDefaults } from '../options/option-schema.js';
import type { ResolvedOptions } from '../options/common-options.js';
import type { JobStatus } from './job-state.js';

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
  /**
   * Files on this machine the command reads by the path written in `argv` (the job
   * script of a submit). A runner that runs commands on another machine (SSH) copies
   * them there first and puts the copies' paths in `argv`.
   */
  localFiles?: string[];
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
  /** True when the program does not exist (not installed, not on PATH): never worth retrying. */
  missingCommand?: boolean;
}

/** A job the cluster wants rendered. */
export interface JobRequest {
  /** The job's identity in its cluster, `<clusterName>-<index>`; for an array, its first task's. */
  jobKey: string;
  /** The worker pool the job belongs to. */
  pool: string;
  /** The job's index in its cluster; for an array, the first task's. */
  index: number;
  /** Shell lines that run the workers (environment, prologue, worker command, epilogue), quoted by core. */
  body: string;
  /** Absolute path the script will be written to. */
  scriptPath: string;
  /** Set when the request is one array submission of `array.count` tasks. */
  array?: ArraySpec;
}

/**
 * How a multi-node job runs its worker command once on each of its nodes. Core renders
 * `<argv> /bin/sh -c 'JQ_NODE_INDEX=<nodeIndex>; exec <worker command>'`, so the
 * command's shell references expand on each node, where its index is known.
 */
export interface NodeLauncher {
  /** Program and arguments that start the command after them once per node (`srun --ntasks-per-node=1`). */
  argv: string[];
  /** Shell expression, expanded on each node, giving its index 0 … nodes − 1 (`"$SLURM_PROCID"`); backend text, never user input. */
  nodeIndex: string;
}

/** A rendered job: what is written to `JobRequest.scriptPath`, and the executable it names, if any. */
export interface RenderedJob {
  /** The whole script (or submit description) text. */
  script: string;
  /**
   * The file the job runs, for a system whose submitted file is not itself a shell script
   * (an HTCondor submit description names an `Executable`): the shell body goes here, so
   * the worker secret stays out of the description, which the system shows to every user.
   * Core writes it private and executable (0700) beside the script, hands both to the
   * runner (an SSH runner copies both into one folder on the login node), deletes it with
   * the script, and shows it in previews with the secrets redacted. Optional within v1:
   * a backend without it renders as before.
   */
  executable?: {
    /** Absolute path in the folder of `JobRequest.scriptPath`, not that path itself; the script names it. */
    path: string;
    /** The whole file: a shell script with its own shebang line. */
    text: string;
  };
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
  /**
   * What ONE status command asks about: the listed job ids, or every job of the user
   * (SGE's `qstat -u`), in which case the parser filters and an unknown id is not an error.
   */
  statusScope: 'ids' | 'user';
  /**
   * What ONE accounting command asks about: the listed job ids (default), or every job
   * carrying the cluster's batch job name (SGE's `qacct -j <name>`: `-j` takes one id
   * or one name), in which case the parser keeps the requested ids.
   */
  accountingScope?: 'ids' | 'job-name';
}

/** Paths of a job's standard output and error files. */
export interface LogFiles {
  /** Standard output file. */
  stdout: string;
  /** Standard error file. */
  stderr: string;
}

/**
 * What core read from the site for a backend that declared {@link BackendV1.siteFiles}:
 * the environment, and the text of each declared file that exists.
 */
export interface SiteInputs {
  /** The submitting process's environment. */
  environment: Readonly<Record<string, string | undefined>>;
  /** Declared path → file text; paths that could not be read are absent. */
  files: ReadonlyMap<string, string>;
}

/** A backend's options once validated, with its schema's defaults and the common resolved options. */
export type BackendResolvedOptions<S extends TObject> = ResolvedOptions & OptionsWithDefaults<S>;

/**
 * Contract 1: a batch-system adapter. Pure: it renders and parses, and core runs
 * every command it describes (argv arrays, timeouts, retries of transient errors)
 * and reads every file it declares.
 *
 * @typeParam S - the typebox schema of the backend's own options
 * @typeParam O - its resolved options, as `render` and the command builders receive them
 */
export interface BackendV1<S extends TObject = TObject, O extends ResolvedOptions = BackendResolvedOptions<S>> {
  /** Contract version. */
  readonly specificationVersion: 'v1';
  /** Short system name (`slurm`, `pbs`, `local`): the config file section, default names, the CLI's backend argument. */
  readonly name: string;
  /** The batch system as people call it (`Slurm`, `PBS Pro`), for messages. */
  readonly title: string;
  /** The npm package (`@jq/slurm`); its messages are prefixed `[jq/slurm]`. */
  readonly packageName: string;
  /** Typebox schema of this backend's own options (with defaults and TSDoc), merged with the common ones. */
  readonly options: S;
  /** Optional features. */
  readonly capabilities: BackendCapabilities;
  /** Config-file sections this backend reads, strongest first (Torque: `torque`, then dask's `pbs`). Default: `[name]`. */
  readonly configSections?: readonly string[];
  /** Shell variable holding an array task's index inside the job (`SLURM_ARRAY_TASK_ID`). */
  readonly arrayIndexVariable?: string;
  /** Site files the backend reads (LSF's `lsf.conf`), by path; core reads them and hands them to `resolveOptions`. */
  siteFiles?(environment: Readonly<Record<string, string | undefined>>): string[];
  /** Rules the schema cannot say (combinations, formats); reported with every other problem in one `ConfigError`. */
  checkOptions?(options: ResolvedOptions & Static<S>): ConfigIssue[];
  /** Derives the backend's resolved options from the validated ones (defaults applied) and the site. */
  resolveOptions?(options: BackendResolvedOptions<S>, site: SiteInputs): O;
  /**
   * The launcher a job with `nodes` > 1 starts its worker command on every node with
   * (`srun`, `blaunch`). Without it, core refuses `nodes` > 1 for this backend.
   */
  nodeLauncher?(options: O): NodeLauncher;
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
  /** Statuses from the accounting output; ids absent from the map are unknown to accounting (or not finished). */
  parseAccounting?(result: CommandResult, ids: JobId[]): Map<JobId, JobStatus>;
  /** ONE command that cancels every job in `ids`. */
  cancel(ids: JobId[], options: O): Command;
  /** Whether a failed command is worth retrying (a missing program is recognised by core). */
  classifyError(result: CommandResult): 'transient' | 'permanent';
  /** Where job `id` writes its output, when known. */
  logFiles?(id: JobId, job: JobRequest, options: O): LogFiles | undefined;
}

/** Any backend, whatever its option types (for code that handles backends generically). */
export type AnyBackend = BackendV1<TObject, any>;
