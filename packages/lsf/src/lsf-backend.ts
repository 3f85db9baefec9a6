import { join } from 'node:path';
import type { BackendV1, JobId } from '@jq/core';
import { classifyLsfError } from './lsf-errors.js';
import { type LsfOptions, LsfOptionsSchema } from './lsf-options.js';
import { lsfTaskIndexVariable, renderLsfScript } from './lsf-render.js';
import { lsfStatusFields, parseLsfStatus } from './lsf-status.js';
import { lsfSubmitCommand, parseLsfSubmit } from './lsf-submit.js';
import { detectLsfUnits } from './lsf-units.js';

/**
 * The LSF backend. Status is one `bjobs -a -o … -json <ids>`: `-a` keeps finished jobs
 * visible for LSF's CLEAN_PERIOD (an hour by default) with their exit code and
 * EXIT_REASON, so no separate accounting command is needed; bhist's free-form text is
 * not worth parsing for what bjobs already reports.
 */
export const lsfBackend: BackendV1<LsfOptions> = {
  specificationVersion: 'v1',
  name: 'lsf',
  packageName: 'jq/lsf',
  options: LsfOptionsSchema,
  capabilities: { arrays: true, accounting: false },
  arrayIndexVariable: lsfTaskIndexVariable,

  resolveOptions(options) {
    const units = typeof options.lsfUnits === 'string' ? options.lsfUnits.charAt(0).toLowerCase() : detectLsfUnits();
    return { ...options, lsfUnits: units, useStdin: options.useStdin !== false } as LsfOptions;
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
    const stem = join(options.logDirectory, index === undefined ? `${job.name}-${sequence}` : `${options.name}-${sequence}-${index}`);
    return { stdout: `${stem}.out`, stderr: `${stem}.err` };
  },
};
