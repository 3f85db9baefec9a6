import { join } from 'node:path';
import { type BackendV1, parseMemory } from '@jq/core';
import { name as packageName } from '../package.json';
import { htcondorAccountingCommand } from './htcondor-accounting.js';
import { htcondorCancelCommand } from './htcondor-cancel.js';
import { classifyHtcondorError } from './htcondor-errors.js';
import { checkHtcondorOptions, HtcondorOptionsSchema, type HtcondorResolvedOptions } from './htcondor-options.js';
import { bashShebang, htcondorProcessVariable } from './htcondor-executable.js';
import { renderHtcondorJob } from './htcondor-render.js';
import { htcondorStatusCommand, parseHtcondorStatus } from './htcondor-status.js';
import { htcondorSubmitCommand, parseHtcondorSubmit } from './htcondor-submit.js';

/**
 * HTCondor, the counterpart of dask-jobqueue's `HTCondorCluster`: a submit description
 * naming a private executable that holds the shell body (N jobs as
 * `condor_submit -queue N`), ONE `condor_q <ids> -af:j …` per poll, ONE
 * `condor_history` for jobs that left the queue, batched `condor_rm`. Pure: core runs
 * every command.
 *
 * @example
 * ```ts
 * const cluster = createHtcondorCluster({ scheduler, options: { cores: 4, memory: '16GB', disk: '10GB' } });
 * ```
 */
export const htcondorBackend: BackendV1<typeof HtcondorOptionsSchema, HtcondorResolvedOptions> = {
  specificationVersion: 'v1',
  name: 'htcondor',
  title: 'HTCondor',
  packageName,
  options: HtcondorOptionsSchema,
  capabilities: { arrays: true, accounting: true, statusScope: 'ids' },
  arrayIndexVariable: htcondorProcessVariable,

  checkOptions: checkHtcondorOptions,

  resolveOptions(options) {
    return {
      ...options,
      disk: parseMemory(options.disk) as number,
      // The description's first line (the executable has its own); only the common default is replaced.
      shebang: options.shebang === bashShebang ? '#!/usr/bin/env condor_submit' : options.shebang,
    };
  },

  render: renderHtcondorJob,

  submit: htcondorSubmitCommand,

  parseSubmit: parseHtcondorSubmit,

  status: htcondorStatusCommand,

  parseStatus: parseHtcondorStatus,

  accounting: htcondorAccountingCommand,

  parseAccounting: parseHtcondorStatus,

  cancel: htcondorCancelCommand,

  classifyError: classifyHtcondorError,

  logFiles(id, _job, options) {
    if (!options.logDirectory || !/^\d+\.\d+$/.test(id)) return undefined;
    const stem = join(options.logDirectory, `${options.jobName}-${id}`);
    return { stdout: `${stem}.out`, stderr: `${stem}.err` };
  },
};
