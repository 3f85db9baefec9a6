import { join } from 'node:path';
import type { BackendV1, JobId } from '@jq/core';
import { name as packageName } from '../package.json';
import { classifyLsfError } from './lsf-errors.js';
import { LsfOptionsSchema, type LsfResolvedOptions } from './lsf-options.js';
import { lsfTaskIndexVariable, renderLsfScript } from './lsf-render.js';
import { lsfStatusFields, parseLsfStatus } from './lsf-status.js';
import { lsfSubmitCommand, parseLsfSubmit } from './lsf-submit.js';
import { lsfConfPath, lsfUnitsFromConf } from './lsf-units.js';

/**
 * The LSF backend. Status is one `bjobs -a -o … -json <ids>`: `-a` keeps finished jobs
 * visible for LSF's CLEAN_PERIOD (an hour by default) with their exit code and
 * EXIT_REASON, so no separate accounting command is needed; bhist's free-form text is
 * not worth parsing for what bjobs already reports.
 */
export const lsfBackend: BackendV1<typeof LsfOptionsSchema, LsfResolvedOptions> = {
  specificationVersion: 'v1',
  name: 'lsf',
  title: 'LSF',
  packageName,
  options: LsfOptionsSchema,
  capabilities: { arrays: true, accounting: false, statusScope: 'ids' },
  arrayIndexVariable: lsfTaskIndexVariable,

  siteFiles: (environment) => [lsfConfPath(environment)],

  resolveOptions(options, site) {
    const units = options.lsfUnits?.charAt(0).toLowerCase() ?? lsfUnitsFromConf(site.files.get(lsfConfPath(site.environment)));
    return { ...options, lsfUnits: units };
  },

  render: (job, options) => ({ script: renderLsfScript(job, options) }),

  submit: lsfSubmitCommand,

  parseSubmit: parseLsfSubmit,

  status: (ids: JobId[]) => ({ argv: ['bjobs', '-a', '-o', lsfStatusFields, '-json', ...ids] }),

  parseStatus: parseLsfStatus,

  cancel: (ids: JobId[]) => ({ argv: ['bkill', ...ids] }),

  classifyError: classifyLsfError,

  logFiles(id, job, options) {
    if (!options.logDirectory) return undefined;
    const match = /^(\d+)(?:\[(\d+)\])?$/.exec(id);
    if (!match) return undefined;
    const [, sequence, index] = match;
    const stem = join(options.logDirectory, index === undefined ? `${job.jobKey}-${sequence}` : `${options.name}-${sequence}-${index}`);
    return { stdout: `${stem}.out`, stderr: `${stem}.err` };
  },
};
