import { join } from 'node:path';
import { type BackendV1, type JobId, parseMemory } from '@jq/core';
import { name as packageName } from '../package.json';
import { classifyHtcondorError } from './htcondor-errors.js';
import { checkHtcondorOptions, HtcondorOptionsSchema, type HtcondorResolvedOptions } from './htcondor-options.js';
import { htcondorProcessVariable, renderHtcondorDescription } from './htcondor-render.js';
import { htcondorAttributes, parseHtcondorStatus } from './htcondor-status.js';
import { htcondorSubmitCommand, parseHtcondorSubmit } from './htcondor-submit.js';

const bashShebang = '#!/usr/bin/env bash';

/**
 * The HTCondor backend. Status is one `condor_q <ids> -af:j …`; a finished job leaves
 * the queue, so accounting is one `condor_history` for the ids condor_q no longer shows,
 * selected with a `stringListMember` constraint because condor_history takes at most one
 * id on its command line.
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
      // A description runs through condor_submit; only the common default is replaced.
      shebang: options.shebang === bashShebang ? '#!/usr/bin/env condor_submit' : options.shebang,
    };
  },

  render: (job, options) => ({ script: renderHtcondorDescription(job, options) }),

  submit: htcondorSubmitCommand,

  parseSubmit: parseHtcondorSubmit,

  status: (ids: JobId[]) => ({ argv: ['condor_q', ...ids, '-af:j', ...htcondorAttributes] }),

  parseStatus: parseHtcondorStatus,

  accounting(ids: JobId[]) {
    // Ids are `<cluster>.<proc>` from condor_submit; anything else cannot be in the history.
    const listed = ids.filter((id) => /^\d+\.\d+$/.test(id));
    return {
      argv: ['condor_history', '-constraint', `stringListMember(strcat(ClusterId, ".", ProcId), "${listed.join(',')}")`, '-limit', String(listed.length), '-af:j', ...htcondorAttributes],
    };
  },

  parseAccounting: parseHtcondorStatus,

  cancel: (ids: JobId[], options) => ({ argv: ['condor_rm', ...options.cancelCommandExtra, ...ids] }),

  classifyError: classifyHtcondorError,

  logFiles(id, _job, options) {
    if (!options.logDirectory || !/^\d+\.\d+$/.test(id)) return undefined;
    const stem = join(options.logDirectory, `${options.jobName}-${id}`);
    return { stdout: `${stem}.out`, stderr: `${stem}.err` };
  },
};
