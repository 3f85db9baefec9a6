import type { BackendV1 } from '@jq/core';
import { name as packageName } from '../package.json';
import { parseSgeAccounting, sgeAccountingCommand } from './sge-accounting.js';
import { sgeCancelCommand } from './sge-cancel.js';
import { classifySgeError } from './sge-errors.js';
import { checkSgeOptions, SgeOptionsSchema, type SgeResolvedOptions } from './sge-options.js';
import { renderSgeJob, sgeLogFiles, sgeTaskIndexVariable } from './sge-render.js';
import { parseSgeStatus, sgeStatusCommand } from './sge-status.js';
import { parseSgeSubmit, sgeSubmitCommand } from './sge-submit.js';

/**
 * Son of Grid Engine (and its kin that keep `qsub -terse`, `qstat -xml`, `qacct`) as a
 * jobqueue backend: `#$` scripts as dask-jobqueue renders them, `qsub -terse` (N jobs
 * as one `-t 1-N` array), ONE `qstat -xml` per poll, ONE `qacct` by job name for jobs
 * that left the queue, batched `qdel`. Pure: core runs every command.
 *
 * @example
 * ```ts
 * const cluster = createSgeCluster({ scheduler, options: { cores: 4, memory: '8GB', queue: 'all.q', pe: 'smp' } });
 * ```
 */
export const sgeBackend: BackendV1<typeof SgeOptionsSchema, SgeResolvedOptions> = {
  specificationVersion: 'v1',
  name: 'sge',
  title: 'SGE',
  packageName,
  options: SgeOptionsSchema,
  capabilities: { arrays: true, accounting: true, statusScope: 'user', accountingScope: 'job-name' },
  arrayIndexVariable: sgeTaskIndexVariable,
  checkOptions: checkSgeOptions,
  render: renderSgeJob,
  submit: (scriptPath, _options, array) => sgeSubmitCommand(scriptPath, array),
  parseSubmit: parseSgeSubmit,
  status: (ids) => sgeStatusCommand(ids),
  parseStatus: parseSgeStatus,
  accounting: sgeAccountingCommand,
  parseAccounting: parseSgeAccounting,
  cancel: (ids) => sgeCancelCommand(ids),
  classifyError: classifySgeError,
  logFiles: (id, _job, options) => sgeLogFiles(id, options),
};
