import { join } from 'node:path';
import type { BackendV1, JobId, JobRequest, LogFiles } from '@jq/core';
import { name as packageName } from '../package.json';
import { lsfCancelCommand } from './lsf-cancel.js';
import { classifyLsfError } from './lsf-errors.js';
import { LsfOptionsSchema, type LsfResolvedOptions } from './lsf-options.js';
import { lsfNodeLauncher, lsfTaskIndexVariable, renderLsfScript } from './lsf-render.js';
import { lsfStatusCommand, parseLsfStatus } from './lsf-status.js';
import { lsfSubmitCommand, parseLsfSubmit } from './lsf-submit.js';
import { lsfConfPath, lsfUnitsFromConf } from './lsf-units.js';

/**
 * IBM Spectrum LSF, the counterpart of dask-jobqueue's `LSFCluster`: `#BSUB` scripts
 * submitted as `bsub < script` (N jobs as one `-J "name[1-N]"` array), ONE `bjobs -a`
 * per poll (finished jobs stay listed with their exit code and EXIT_REASON, so no
 * separate accounting), batched `bkill`. The `-M` unit comes from the site's lsf.conf,
 * which core reads (`siteFiles`). Pure: core runs every command.
 *
 * @example
 * ```ts
 * const cluster = createLsfCluster({ scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00', queue: 'normal' } });
 * ```
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
  nodeLauncher: () => lsfNodeLauncher,
  render: (job, options) => ({ script: renderLsfScript(job, options) }),
  submit: lsfSubmitCommand,
  parseSubmit: parseLsfSubmit,
  status: lsfStatusCommand,
  parseStatus: parseLsfStatus,
  cancel: lsfCancelCommand,
  classifyError: classifyLsfError,
  logFiles: lsfLogFiles,
};

/** `<logDirectory>/<jobKey>-<id>.out|err`, an array element's `<cluster>-<id>-<index>.out|err` (`%J`, `%I`). */
function lsfLogFiles(id: JobId, job: JobRequest, options: LsfResolvedOptions): LogFiles | undefined {
  if (!options.logDirectory) return undefined;
  const match = /^(\d+)(?:\[(\d+)\])?$/.exec(id);
  if (!match) return undefined;
  const [, sequence, index] = match;
  const stem = join(options.logDirectory, index === undefined ? `${job.jobKey}-${sequence}` : `${options.name}-${sequence}-${index}`);
  return { stdout: `${stem}.out`, stderr: `${stem}.err` };
}
