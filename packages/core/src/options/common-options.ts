import Type, { type Static, type TObject, type TProperties } from 'typebox';
import { defaulted, type OptionsWithDefaults } from './option-schema.js';
import { SshSettingSchema } from './ssh-option.js';

const Seconds = Type.Number({ exclusiveMinimum: 0, description: 'seconds' });
const NonNegativeSeconds = Type.Number({ minimum: 0, description: 'seconds' });
const Lines = Type.Array(Type.String());

/**
 * The options every cluster accepts, whatever its backend: the single declaration of
 * their names, types, defaults and documentation. Backends add their own schema;
 * `resolveOptions` validates the merge once.
 */
export const CommonOptionsSchema = Type.Object(
  {
    /** Cluster name; job keys are `<name>-<index>`, worker names `<name>-<index>-<process>`. Default: generated. */
    name: Type.Optional(Type.String({ description: 'cluster name, prefix of job keys and worker names' })),
    /** Cores per job. */
    cores: Type.Integer({ minimum: 1, description: 'cores per job' }),
    /** Memory per job: `"108GB"` (decimal), `"4GiB"` (binary), `"512 MB"` or a number of bytes. */
    memory: Type.Union([Type.String(), Type.Number()], { description: 'memory per job: "108GB", "4GiB" or bytes' }),
    /** Worker processes per job; default splits `cores` as dask-jobqueue does (√cores). */
    processes: Type.Optional(Type.Integer({ minimum: 1, description: 'worker processes per job' })),
    /**
     * Nodes per job: the backend's launcher (`srun`, `blaunch`) starts the job's worker
     * processes on each of them, so a job has `nodes × processes` workers; `cores`, `memory`
     * and `gpus` are then per node. Backends that cannot span nodes refuse more than 1.
     */
    nodes: defaulted(Type.Integer({ minimum: 1, description: 'nodes per job, each running the worker processes' }), 1),
    /** Walltime: `HH:MM:SS`, `D-HH:MM:SS`, `MM:SS`, or minutes. */
    walltime: Type.Optional(Type.Union([Type.String(), Type.Number()], { description: 'HH:MM:SS, D-HH:MM:SS, MM:SS or minutes' })),
    /** GPUs per job, rendered the way the batch system asks (`--gpus`, `ngpus`, `request_gpus`, …). */
    gpus: Type.Optional(Type.Integer({ minimum: 1, description: 'GPUs per job' })),
    /** Batch job name (`-J`, `-N`), as the batch system lists it. */
    jobName: defaulted(Type.String({ description: 'name of the batch job' }), 'jq-worker'),
    /** Queue or partition. */
    queue: Type.Optional(Type.String({ description: 'queue or partition' })),
    /** Account or project to charge. */
    account: Type.Optional(Type.String({ description: 'account or project to charge' })),
    /** Directory for job stdout/stderr files; kept after `close()`. Default: next to the job scripts, removed at close. */
    logDirectory: Type.Optional(Type.String()),
    /** Worker scratch directory on the node; `$VAR` references expand in the job. */
    localDirectory: Type.Optional(Type.String()),
    /** Shell lines run before the workers start (`module load nodejs`). */
    jobScriptPrologue: defaulted(Lines, []),
    /** Shell lines run after the workers exit. */
    jobScriptEpilogue: defaulted(Lines, []),
    /** Extra directives appended to the header verbatim (without the prefix), never skipped. */
    jobExtraDirectives: defaulted(Lines, []),
    /** Generated header lines containing any of these strings are dropped. */
    jobDirectivesSkip: defaulted(Lines, []),
    /** Arguments appended to the worker command. */
    workerExtraArgs: defaulted(Lines, []),
    /** Environment variables exported in the job; `$VAR` references in values expand in the job. */
    env: defaulted(Type.Record(Type.String(), Type.String()), {}),
    /** First line of the script. */
    shebang: defaulted(Type.String(), '#!/usr/bin/env bash'),
    /** Network interface workers bind and advertise (`ib0`); the scheduler listens on it when this host has it. */
    interface: Type.Optional(Type.String()),
    /** Network interface the scheduler listens on, where login and compute nodes name theirs differently. */
    schedulerInterface: Type.Optional(Type.String()),
    /** Seconds a worker survives without its scheduler before it exits. */
    deathTimeout: defaulted(Seconds, 60),
    /** Seconds after which workers retire; default: the walltime less `walltimeMargin`. */
    lifetime: Type.Optional(Seconds),
    /** Spread of lifetimes in seconds, so a pool does not retire at once. Default: 5 % of the lifetime, at most 5 minutes. */
    lifetimeStagger: Type.Optional(NonNegativeSeconds),
    /** Seconds before the walltime that workers retire. Default: 10 % of it, between 30 s and 10 min. */
    walltimeMargin: Type.Optional(NonNegativeSeconds),
    /** Private directory for job scripts. Default: a new one under the system temp directory. */
    scriptDirectory: Type.Optional(Type.String()),
    /** Seconds between status polls while jobs change. */
    pollInterval: defaulted(Seconds, 2),
    /** Longest interval the poller backs off to when nothing changes or on errors. */
    maxPollInterval: defaulted(Seconds, 30),
    /** Seconds a job may be missing from the queue (without accounting) before it is `lost`. */
    lostGracePeriod: defaulted(NonNegativeSeconds, 60),
    /** Seconds before a batch command is killed. */
    commandTimeout: defaulted(Seconds, 60),
    /** Tries of a command whose failure the backend calls transient. */
    commandAttempts: defaulted(Type.Integer({ minimum: 1 }), 4),
    /** Seconds scale-down waits for retiring workers to drain before cancelling their job. */
    retireTimeout: defaulted(NonNegativeSeconds, 60),
    /** Budget of batch commands (submit, status, cancel together) per second. Default unlimited. */
    maxCommandsPerSecond: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** Run every batch command on a login node over SSH (needs `@jq/ssh`, loaded only then); workers reach the scheduler through a tunnel. */
    ssh: Type.Optional(SshSettingSchema),
  },
  { additionalProperties: false },
);

/** The common options as a user writes them (every one optional here: presets and the config file may supply them). */
export type CommonOptions = Partial<Static<typeof CommonOptionsSchema>>;

/** Options after validation and defaults: sizes in bytes, durations in seconds, derived values filled in. */
export type ResolvedOptions = Omit<OptionsWithDefaults<typeof CommonOptionsSchema>, 'memory' | 'walltime' | 'name' | 'processes' | 'scriptDirectory'> & {
  /** Cluster name, given or generated. */
  name: string;
  /** Memory per job in bytes. */
  memory: number;
  /** Worker processes per job. */
  processes: number;
  /** Threads per worker process: `floor(cores / processes)`, at least 1. */
  threads: number;
  /** Memory per worker process in bytes. */
  memoryPerProcess: number;
  /** Walltime in seconds. */
  walltime?: number;
  /** Private directory for job scripts. */
  scriptDirectory: string;
};

/** Options that belong to the whole cluster, not to one pool's worker template. */
export const clusterOptionNames = [
  'name',
  'scriptDirectory',
  'pollInterval',
  'maxPollInterval',
  'lostGracePeriod',
  'commandTimeout',
  'commandAttempts',
  'maxCommandsPerSecond',
  'schedulerInterface',
  'ssh',
] as const satisfies ReadonlyArray<keyof typeof CommonOptionsSchema.properties>;

/** Merges the common schema with a backend's own option properties. */
export function mergeOptionSchemas(backendSchema: TObject<TProperties> | undefined): TObject<TProperties> {
  return Type.Object({ ...CommonOptionsSchema.properties, ...(backendSchema?.properties ?? {}) }, { additionalProperties: false });
}
