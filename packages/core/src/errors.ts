/**
 * Every error jobqueue throws is a {@link JobQueueError} with a stable `code`.
 * Detection goes through a global symbol, not `instanceof`, so it works when two
 * copies of `@jq/core` are installed (a third-party adapter bringing its own).
 *
 * Codes:
 * - `JQ_CONFIG_INVALID` – options failed validation ({@link ConfigError})
 * - `JQ_COMMAND_FAILED` – a batch-system command failed ({@link CommandError})
 * - `JQ_COMMAND_NOT_FOUND` – a batch-system command is not installed or not on PATH ({@link CommandError})
 * - `JQ_SUBMIT_FAILED` – a job could not be submitted ({@link SubmitError})
 * - `JQ_PARSE_FAILED` – a command's output could not be understood
 * - `JQ_CLUSTER_CLOSED` – the cluster was used after `close()`
 * - `JQ_WORKER_LOST` – a task's worker died too often ({@link WorkerLostError})
 * - `JQ_TASK_FAILED` – a task raised on its worker ({@link TaskError})
 * - `JQ_TIMEOUT` – a wait ran out of time
 * - `JQ_CANCELLED` – a task or wait was cancelled (`cancel()`, an `AbortSignal`)
 * - `JQ_PROTOCOL` – a worker-protocol violation
 * - `JQ_CLUSTER_EXISTS` – a live cluster already has that name
 * - `JQ_CLUSTER_NOT_FOUND` – no journal of a cluster by that name
 * - `JQ_JOURNAL_INVALID` – a journal file is corrupt, foreign, of another version or of another user
 * - `JQ_TOO_LARGE` – a task's arguments or result exceed the frame size limit (the message names the option that raises it)
 * - `JQ_OUT_OF_MEMORY` – a task was stopped for taking its worker over its memory limit, on as many workers as the crash limit allows
 * - `JQ_SCHEDULER_JOB_ENDED` – the batch job that ran the cluster's scheduler (`placement: 'scheduler-job'`) ended
 * - `JQ_CONNECTION_FAILED` – the runner could not reach the machine batch commands run on (SSH: unknown host key, refused login, unreachable host)
 */
const marker = Symbol.for('@jq/core.error');

export type JobQueueErrorCode =
  | 'JQ_CONFIG_INVALID'
  | 'JQ_COMMAND_FAILED'
  | 'JQ_COMMAND_NOT_FOUND'
  | 'JQ_SUBMIT_FAILED'
  | 'JQ_PARSE_FAILED'
  | 'JQ_CLUSTER_CLOSED'
  | 'JQ_WORKER_LOST'
  | 'JQ_TASK_FAILED'
  | 'JQ_TIMEOUT'
  | 'JQ_CANCELLED'
  | 'JQ_PROTOCOL'
  | 'JQ_CLUSTER_EXISTS'
  | 'JQ_CLUSTER_NOT_FOUND'
  | 'JQ_SCHEDULER_JOB_ENDED'
  | 'JQ_JOURNAL_INVALID'
  | 'JQ_TOO_LARGE'
  | 'JQ_OUT_OF_MEMORY'
  | 'JQ_CONNECTION_FAILED';

/** `[jq/slurm]` for `@jq/slurm` (or `jq/slurm`): the prefix of every message a package writes. */
export function messagePrefix(packageName: string): string {
  return `[${packageName.replace(/^@/, '')}]`;
}

/**
 * The one way a package makes its errors: `const slurmError = packageErrors('@jq/slurm')`,
 * then `slurmError('JQ_PARSE_FAILED', 'no job id in …')` is a {@link JobQueueError} whose
 * message reads `[jq/slurm] no job id in …`.
 */
export function packageErrors(packageName: string): (code: JobQueueErrorCode, message: string, options?: { cause?: unknown }) => JobQueueError {
  const prefix = messagePrefix(packageName);
  return (code, message, options) => new JobQueueError(code, `${prefix} ${message}`, options);
}

export class JobQueueError extends Error {
  readonly [marker] = true;
  readonly code: JobQueueErrorCode;

  constructor(code: JobQueueErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JobQueueError';
    this.code = code;
  }

  /** True for any jobqueue error, from any installed copy of `@jq/core`. */
  static isInstance(value: unknown): value is JobQueueError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** True when `value` is a jobqueue error carrying `code`. */
  static hasCode<C extends JobQueueErrorCode>(value: unknown, code: C): value is JobQueueError & { code: C } {
    return JobQueueError.isInstance(value) && value.code === code;
  }
}

/** One problem found in the options: where, what was given, what is expected. */
export interface ConfigIssue {
  /** Option path, e.g. `memory` or `env.FOO`. */
  path: string;
  /** The value that was given. */
  value: unknown;
  /** What would have been accepted. */
  message: string;
  /** Where the value came from when not from the caller: `preset`, or a config file and its section. */
  source?: string;
}

/** Options were invalid; `issues` lists every problem at once. */
export class ConfigError extends JobQueueError {
  readonly issues: ConfigIssue[];

  constructor(packageName: string, issues: ConfigIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message} (got ${describe(issue.value)}${issue.source ? `, from ${issue.source}` : ''})`);
    super('JQ_CONFIG_INVALID', `${messagePrefix(packageName)} invalid options:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** A command exited non-zero, timed out or could not start. */
export class CommandError extends JobQueueError {
  readonly argv: string[];
  readonly exitCode: number | undefined;
  readonly stderr: string;
  readonly stdout: string;
  /** How the failure was classified: worth retrying, final, or the program is not installed. */
  readonly kind: CommandFailureKind;

  constructor(
    packageName: string,
    details: { argv: string[]; exitCode: number | undefined; stdout: string; stderr: string; kind: CommandFailureKind; reason?: string; hint?: string },
    options?: { cause?: unknown },
  ) {
    const program = details.argv[0] ?? '';
    const stderr = details.stderr.trim();
    const message =
      details.kind === 'missing-command'
        ? `${program} not found on PATH${details.hint ? ` — ${details.hint}` : ''}`
        : `\`${details.argv.join(' ')}\` ${details.reason ?? (details.exitCode === undefined ? 'did not exit' : `exited with ${details.exitCode}`)}${stderr ? `: ${stderr}` : ''}`;
    super(details.kind === 'missing-command' ? 'JQ_COMMAND_NOT_FOUND' : 'JQ_COMMAND_FAILED', `${messagePrefix(packageName)} ${message}`, options);
    this.name = 'CommandError';
    this.argv = details.argv;
    this.exitCode = details.exitCode;
    this.stderr = details.stderr;
    this.stdout = details.stdout;
    this.kind = details.kind;
  }
}

/** Why a command failed: worth retrying, final, or its program is not installed. */
export type CommandFailureKind = 'transient' | 'permanent' | 'missing-command';

/** A job could not be submitted; `cause` is the {@link CommandError} when there was one. */
export class SubmitError extends JobQueueError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('JQ_SUBMIT_FAILED', message, options);
    this.name = 'SubmitError';
  }
}

/** A task was re-queued after worker losses more times than allowed. */
export class WorkerLostError extends JobQueueError {
  readonly attempts: number;

  constructor(message: string, attempts: number) {
    super('JQ_WORKER_LOST', message);
    this.name = 'WorkerLostError';
    this.attempts = attempts;
  }
}

/** A task threw on its worker; `remoteStack` is the stack there. */
export class TaskError extends JobQueueError {
  readonly remoteName: string;
  readonly remoteStack: string | undefined;

  constructor(message: string, remote: { name: string; stack?: string | undefined }) {
    super('JQ_TASK_FAILED', message);
    this.name = 'TaskError';
    this.remoteName = remote.name;
    this.remoteStack = remote.stack;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
