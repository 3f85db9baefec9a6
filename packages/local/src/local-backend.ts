import { join } from 'node:path';
import type { BackendV1 } from '@jq/core';
import { name as packageName } from '../package.json';
import { localCancelCommand } from './local-cancel.js';
import { classifyLocalError } from './local-errors.js';
import { localLogDirectory } from './local-launcher.js';
import { LocalOptionsSchema, type LocalResolvedOptions } from './local-options.js';
import { renderLocalJob } from './local-render.js';
import { localStatusCommand, parseLocalStatus } from './local-status.js';
import { localSubmitCommand, parseLocalSubmit } from './local-submit.js';

/**
 * Jobs are processes on this machine: detached, each in its own process group,
 * status from the process table, cancel by signal to the group, exit codes kept.
 * The embedded default for the quickstart and the reference adapter: it follows the
 * adapter template like every batch system's backend.
 *
 * @example
 * ```ts
 * const cluster = createLocalCluster({ scheduler, options: { cores: 1, memory: '1GB', slots: 4 } });
 * ```
 */
export const localBackend: BackendV1<typeof LocalOptionsSchema, LocalResolvedOptions> = {
  specificationVersion: 'v1',
  name: 'local',
  title: 'local',
  packageName,
  options: LocalOptionsSchema,
  capabilities: { arrays: false, accounting: false, statusScope: 'ids' },
  resolveOptions: (options) => ({ ...options, node: options.node ?? process.execPath }),
  render: renderLocalJob,
  submit: (scriptPath, options) => localSubmitCommand(scriptPath, options),
  parseSubmit: parseLocalSubmit,
  status: localStatusCommand,
  parseStatus: parseLocalStatus,
  cancel: localCancelCommand,
  classifyError: classifyLocalError,
  logFiles: (_id, job, options) => ({ stdout: join(localLogDirectory(options), `${job.jobKey}.out`), stderr: join(localLogDirectory(options), `${job.jobKey}.err`) }),
};
