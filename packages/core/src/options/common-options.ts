import Type, { type TObject, type TProperties } from 'typebox';

const Seconds = Type.Number({ exclusiveMinimum: 0, description: 'seconds' });
const StringList = Type.Array(Type.String());

/**
 * The options every cluster accepts, whatever its backend. Backends add their own
 * schema; {@link resolveOptions} validates the merge once.
 */
export const CommonOptionsSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'cluster name, prefix of job and worker names' })),
    cores: Type.Integer({ minimum: 1, description: 'cores per job' }),
    memory: Type.Union([Type.String(), Type.Number()], { description: 'memory per job: "108GB", "4GiB" or bytes' }),
    processes: Type.Optional(Type.Integer({ minimum: 1, description: 'worker processes per job' })),
    walltime: Type.Optional(Type.Union([Type.String(), Type.Number()], { description: 'HH:MM:SS, D-HH:MM:SS, MM:SS or minutes' })),
    jobName: Type.Optional(Type.String({ description: 'name of the batch job' })),
    queue: Type.Optional(Type.String()),
    account: Type.Optional(Type.String()),
    logDirectory: Type.Optional(Type.String()),
    localDirectory: Type.Optional(Type.String()),
    jobScriptPrologue: Type.Optional(StringList),
    jobScriptEpilogue: Type.Optional(StringList),
    jobExtraDirectives: Type.Optional(StringList),
    jobDirectivesSkip: Type.Optional(StringList),
    workerExtraArgs: Type.Optional(StringList),
    env: Type.Optional(Type.Record(Type.String(), Type.String())),
    shebang: Type.Optional(Type.String()),
    interface: Type.Optional(Type.String()),
    deathTimeout: Type.Optional(Seconds),
    lifetime: Type.Optional(Seconds),
    lifetimeStagger: Type.Optional(Type.Number({ minimum: 0 })),
    walltimeMargin: Type.Optional(Type.Number({ minimum: 0, description: 'seconds before the walltime workers retire' })),
    scriptDirectory: Type.Optional(Type.String()),
    pollInterval: Type.Optional(Seconds),
    maxPollInterval: Type.Optional(Seconds),
    lostGracePeriod: Type.Optional(Type.Number({ minimum: 0 })),
    commandTimeout: Type.Optional(Seconds),
    commandAttempts: Type.Optional(Type.Integer({ minimum: 1 })),
    retireTimeout: Type.Optional(Type.Number({ minimum: 0 })),
    maxCommandsPerSecond: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  },
  { additionalProperties: false },
);

/** Options as a user writes them, common part; backends extend it. */
export interface CommonOptions {
  /** Cluster name; job names are `<name>-<index>`, worker names `<name>-<index>-<process>`. */
  name?: string;
  /** Cores per job. */
  cores: number;
  /** Memory per job: `"108GB"`, `"4GiB"`, `"512 MB"` or bytes. */
  memory: string | number;
  /** Worker processes per job; default splits `cores` like dask-jobqueue. */
  processes?: number;
  /** Walltime: `HH:MM:SS`, `D-HH:MM:SS`, `MM:SS`, or minutes. */
  walltime?: string | number;
  /** Batch job name (`-J`, `-N`). Default `jq-worker`. */
  jobName?: string;
  /** Queue or partition. */
  queue?: string;
  /** Account or project to charge. */
  account?: string;
  /** Directory for job stdout/stderr files. */
  logDirectory?: string;
  /** Worker scratch directory on the node; `$VAR` references expand in the job. */
  localDirectory?: string;
  /** Shell lines run before the workers start. */
  jobScriptPrologue?: string[];
  /** Shell lines run after the workers exit. */
  jobScriptEpilogue?: string[];
  /** Extra directives appended to the header verbatim (without the prefix), never skipped. */
  jobExtraDirectives?: string[];
  /** Generated header lines containing any of these strings are dropped. */
  jobDirectivesSkip?: string[];
  /** Arguments appended to the worker command. */
  workerExtraArgs?: string[];
  /** Environment variables exported in the job; `$VAR` references in values expand in the job. */
  env?: Record<string, string>;
  /** First line of the script. Default `#!/usr/bin/env bash`. */
  shebang?: string;
  /** Network interface for the scheduler and workers (`ib0`). */
  interface?: string;
  /** Seconds a worker survives without its scheduler. Default 60. */
  deathTimeout?: number;
  /** Seconds after which workers retire; defaults from the walltime less `walltimeMargin`. */
  lifetime?: number;
  /** Spread of lifetimes in seconds. Default: 5 % of the lifetime, at most 5 minutes. */
  lifetimeStagger?: number;
  /** Seconds before the walltime that workers retire. Default: 10 % of it, between 30 s and 10 min. */
  walltimeMargin?: number;
  /** Private directory for job scripts. Default: a new one under the system temp directory. */
  scriptDirectory?: string;
  /** Seconds between status polls while jobs change. Default 2. */
  pollInterval?: number;
  /** Longest interval the poller backs off to when nothing changes or on errors. Default 30. */
  maxPollInterval?: number;
  /** Seconds a job may be missing from the queue (without accounting) before it is `lost`. Default 60. */
  lostGracePeriod?: number;
  /** Seconds before a batch command is killed. Default 60. */
  commandTimeout?: number;
  /** Tries of a command whose failure the backend calls transient. Default 4. */
  commandAttempts?: number;
  /** Seconds scale-down waits for retiring workers to drain before cancelling their job. Default 60. */
  retireTimeout?: number;
  /** Budget of batch commands (submit, status, cancel together) per second. Default unlimited. */
  maxCommandsPerSecond?: number;
}

/** Options after validation and defaults: sizes in bytes, durations in seconds. */
export interface ResolvedOptions {
  name: string;
  cores: number;
  memory: number;
  processes: number;
  /** Threads per worker process: `floor(cores / processes)`, at least 1. */
  threads: number;
  /** Memory per worker process in bytes. */
  memoryPerProcess: number;
  walltime?: number;
  jobName: string;
  queue?: string;
  account?: string;
  logDirectory?: string;
  localDirectory?: string;
  jobScriptPrologue: string[];
  jobScriptEpilogue: string[];
  jobExtraDirectives: string[];
  jobDirectivesSkip: string[];
  workerExtraArgs: string[];
  env: Record<string, string>;
  shebang: string;
  interface?: string;
  deathTimeout: number;
  lifetime?: number;
  lifetimeStagger?: number;
  scriptDirectory: string;
  pollInterval: number;
  maxPollInterval: number;
  lostGracePeriod: number;
  commandTimeout: number;
  commandAttempts: number;
  retireTimeout: number;
  maxCommandsPerSecond?: number;
}

/** Merges the common schema with a backend's own option properties. */
export function mergeOptionSchemas(backendSchema: TObject<TProperties> | undefined): TObject<TProperties> {
  return Type.Object({ ...CommonOptionsSchema.properties, ...(backendSchema?.properties ?? {}) }, { additionalProperties: false });
}
