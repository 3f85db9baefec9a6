import { join } from 'node:path';
import type { BackendV1, JobId } from '@jq/core';
import { type PbsOptions, PbsOptionsSchema, type PbsResolvedOptions, renderPbsScript } from '@jq/pbs';
import { name as packageName } from '../package.json';
import { classifyMoabError } from './moab-errors.js';
import { parseMoabStatus } from './moab-status.js';
import { parseMoabSubmit } from './moab-submit.js';

/** Moab takes the PBS options (`resourceSpec`) unchanged. */
export type MoabOptions = PbsOptions;

/**
 * The Moab backend, for Moab over Torque as dask-jobqueue's MoabCluster assumes: the
 * script is @jq/pbs's Torque rendering (`#PBS` lines, which msub reads), submitted with
 * `msub`. Status is one `checkjob --xml id…`, which names the jobs (showq cannot) and
 * keeps completed jobs with their CompletionCode for Moab's retention time. Cancel is one
 * `mjobctl -c id1,id2,…`, a comma list of job expressions. No arrays: msub's `-t` is not
 * used by the peers, and Moab reports array members differently per resource manager.
 */
export const moabBackend: BackendV1<typeof PbsOptionsSchema, PbsResolvedOptions> = {
  specificationVersion: 'v1',
  name: 'moab',
  title: 'Moab',
  packageName,
  options: PbsOptionsSchema,
  capabilities: { arrays: false, accounting: false, statusScope: 'ids' },

  render: (job, options) => ({ script: renderPbsScript('torque', job, options) }),

  submit: (scriptPath) => ({ argv: ['msub', scriptPath] }),

  parseSubmit: parseMoabSubmit,

  status: (ids: JobId[]) => ({ argv: ['checkjob', '--xml', ...ids] }),

  parseStatus: parseMoabStatus,

  cancel: (ids: JobId[]) => ({ argv: ['mjobctl', '-c', ids.join(',')] }),

  classifyError: classifyMoabError,

  logFiles(id, _job, options) {
    if (!options.logDirectory) return undefined;
    // Torque names the files after its own job number. A numeric Moab id is that number
    // (Moab on Torque); a Moab-native id (`Moab.12`) says nothing about it.
    const sequence = /^(\d+)(?:\.|$)/.exec(id)?.[1];
    if (sequence === undefined) return undefined;
    return {
      stdout: join(options.logDirectory, `${options.jobName}.o${sequence}`),
      stderr: join(options.logDirectory, `${options.jobName}.e${sequence}`),
    };
  },
};
