import type { BackendV1 } from '@jq/core';
import { name as packageName } from '../package.json';
import { oarCancelCommand } from './oar-cancel.js';
import { classifyOarError } from './oar-errors.js';
import { checkOarOptions, OarOptionsSchema, type OarResolvedOptions } from './oar-options.js';
import { renderOarJob } from './oar-render.js';
import { oarStatusCommand, parseOarStatus } from './oar-status.js';
import { oarSubmitCommand, parseOarSubmit } from './oar-submit.js';

/**
 * OAR as a jobqueue backend, written to the adapter template: a plain object that
 * renders and parses; @jq/core runs every command it describes.
 *
 * @example
 * ```ts
 * const cluster = createOarCluster({ scheduler, options: { cores: 4, memory: '8GB', queue: 'default' } });
 * ```
 */
export const oarBackend: BackendV1<typeof OarOptionsSchema, OarResolvedOptions> = {
  specificationVersion: 'v1',
  name: 'oar',
  title: 'OAR',
  packageName,
  options: OarOptionsSchema,
  capabilities: { arrays: false, accounting: false, statusScope: 'ids' },
  checkOptions: checkOarOptions,
  render: renderOarJob,
  submit: oarSubmitCommand,
  parseSubmit: parseOarSubmit,
  status: oarStatusCommand,
  parseStatus: parseOarStatus,
  cancel: oarCancelCommand,
  classifyError: classifyOarError,
};
