import { JobQueueError, type JobQueueErrorCode } from '@jq/core';
import { daskPrefix } from './dask-package.js';

/**
 * Why a Dask operation failed:
 * - `python-not-found` – no Python interpreter could be run (`JQ_CONFIG_INVALID`)
 * - `distributed-missing` – Python runs but cannot `import distributed` (`JQ_CONFIG_INVALID`)
 * - `scheduler-exited` – the scheduler process exited before it was ready (`JQ_COMMAND_FAILED`)
 * - `scheduler-timeout` – no scheduler file appeared in time (`JQ_TIMEOUT`)
 * - `api-failed` – the scheduler's HTTP API failed or answered nonsense (`JQ_PROTOCOL`)
 * - `tls-failed` – the cluster's TLS material could not be created or written (`JQ_COMMAND_FAILED`)
 * - `private-directory` – the private directory (TLS files, scheduler file, log) cannot be made or is unsafe (`JQ_CONFIG_INVALID`)
 * - `restore-failed` – a journal record cannot bring the scheduler back (`JQ_JOURNAL_INVALID`)
 * - `not-started` – used before `start()` resolved or after `close()` (`JQ_CLUSTER_CLOSED`)
 */
export type DaskErrorReason =
  | 'python-not-found'
  | 'distributed-missing'
  | 'scheduler-exited'
  | 'scheduler-timeout'
  | 'api-failed'
  | 'tls-failed'
  | 'private-directory'
  | 'restore-failed'
  | 'not-started';

const codes: Record<DaskErrorReason, JobQueueErrorCode> = {
  'python-not-found': 'JQ_CONFIG_INVALID',
  'distributed-missing': 'JQ_CONFIG_INVALID',
  'scheduler-exited': 'JQ_COMMAND_FAILED',
  'scheduler-timeout': 'JQ_TIMEOUT',
  'api-failed': 'JQ_PROTOCOL',
  'tls-failed': 'JQ_COMMAND_FAILED',
  'private-directory': 'JQ_CONFIG_INVALID',
  'restore-failed': 'JQ_JOURNAL_INVALID',
  'not-started': 'JQ_CLUSTER_CLOSED',
};

/** Every error `@jq/dask` throws; `reason` says which step failed, `stderr` holds Python's own words. */
export class DaskError extends JobQueueError {
  readonly reason: DaskErrorReason;
  /** Standard error of the Python process involved, when there was one. */
  readonly stderr: string | undefined;

  constructor(reason: DaskErrorReason, message: string, details?: { stderr?: string; cause?: unknown }) {
    const stderr = details?.stderr?.trim();
    super(codes[reason], `${daskPrefix} ${message}${stderr ? `\n${indent(tail(stderr))}` : ''}`, { cause: details?.cause });
    this.name = 'DaskError';
    this.reason = reason;
    this.stderr = details?.stderr;
  }
}

// --- Internal helpers ---

/** Python tracebacks end with the line that matters; keep the last lines only. */
function tail(text: string, lines = 25): string {
  return text.split('\n').slice(-lines).join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
