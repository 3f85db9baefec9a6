import type { BackendV1 } from '@jq/core';
import { torqueBackend } from '@jq/pbs';
import { name as packageName } from '../package.json';
import { moabCancelCommand } from './moab-cancel.js';
import { classifyMoabError } from './moab-errors.js';
import type { MoabOptionsSchema, MoabResolvedOptions } from './moab-options.js';
import { moabStatusCommand, parseMoabStatus } from './moab-status.js';
import { moabSubmitCommand, parseMoabSubmit } from './moab-submit.js';

/**
 * Moab over Torque, as dask-jobqueue's `MoabCluster` assumes: a thin adapter on its
 * declared base, @jq/pbs's `torqueBackend`, which gives the options, their rules, the
 * `#PBS` script msub reads (GPUs as `gpus=` per node) and Torque's log names. Moab's own:
 * `msub`, ONE `checkjob --xml id…` per poll (it names the jobs, showq cannot, and keeps
 * completed ones with their CompletionCode), ONE `mjobctl -c id1,id2,…`. No arrays: msub's
 * `-t` is not used by the peers, and Moab reports array members per resource manager.
 *
 * @example
 * ```ts
 * const cluster = createMoabCluster({ scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00' } });
 * ```
 */
export const moabBackend: BackendV1<typeof MoabOptionsSchema, MoabResolvedOptions> = {
  specificationVersion: 'v1',
  name: 'moab',
  title: 'Moab',
  packageName,
  options: torqueBackend.options,
  capabilities: { arrays: false, accounting: false, statusScope: 'ids' },
  checkOptions: (options) => torqueBackend.checkOptions?.(options) ?? [],
  render: (job, options) => torqueBackend.render(job, options),
  submit: moabSubmitCommand,
  parseSubmit: parseMoabSubmit,
  status: moabStatusCommand,
  parseStatus: parseMoabStatus,
  cancel: moabCancelCommand,
  classifyError: classifyMoabError,
  // Torque names the files after its own job number: a numeric Moab id is that number (Moab on Torque).
  logFiles: (id, job, options) => torqueBackend.logFiles?.(id, job, options),
};
