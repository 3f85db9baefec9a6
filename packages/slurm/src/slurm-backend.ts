import type { BackendV1, JobId, JobRequest, LogFiles } from '@jq/core';
import { name as packageName } from '../package.json';
import { parseSlurmAccounting, slurmAccountingCommand } from './slurm-accounting.js';
import { slurmCancelCommand } from './slurm-cancel.js';
import { classifySlurmError } from './slurm-errors.js';
import { checkSlurmOptions, SlurmOptionsSchema, type SlurmResolvedOptions } from './slurm-options.js';
import { renderSlurmJob, slurmNodeLauncher } from './slurm-render.js';
import { parseSlurmStatus, slurmStatusCommand } from './slurm-status.js';
import { parseSlurmSubmit, slurmSubmitCommand } from './slurm-submit.js';

/**
 * Slurm as a jobqueue backend: `#SBATCH` scripts as dask-jobqueue renders them,
 * `sbatch --parsable` (N jobs as one `--array`), ONE `squeue` per poll, ONE `sacct`
 * for jobs that left the queue, batched `scancel`. Pure: core runs every command.
 *
 * @example
 * ```ts
 * const cluster = createSlurmCluster({ scheduler, options: { cores: 4, memory: '8GB', queue: 'debug' } });
 * ```
 */
export const slurmBackend: BackendV1<typeof SlurmOptionsSchema, SlurmResolvedOptions> = {
  specificationVersion: 'v1',
  name: 'slurm',
  title: 'Slurm',
  packageName,
  options: SlurmOptionsSchema,
  capabilities: { arrays: true, accounting: true, statusScope: 'ids' },
  arrayIndexVariable: 'SLURM_ARRAY_TASK_ID',
  checkOptions: checkSlurmOptions,
  nodeLauncher: slurmNodeLauncher,
  render: renderSlurmJob,
  submit: (scriptPath, _options, array) => slurmSubmitCommand(scriptPath, array),
  parseSubmit: parseSlurmSubmit,
  status: slurmStatusCommand,
  parseStatus: parseSlurmStatus,
  accounting: slurmAccountingCommand,
  parseAccounting: parseSlurmAccounting,
  cancel: slurmCancelCommand,
  classifyError: classifySlurmError,
  logFiles: slurmLogFiles,
};

/** The `-o`/`-e` files of job `id`, when a `logDirectory` puts them somewhere known. */
function slurmLogFiles(id: JobId, _job: JobRequest, options: SlurmResolvedOptions): LogFiles | undefined {
  if (options.logDirectory === undefined) return undefined;
  const stem = `${options.logDirectory.replace(/\/+$/, '')}/${options.jobName}-${id}`;
  return { stdout: `${stem}.out`, stderr: `${stem}.err` };
}
