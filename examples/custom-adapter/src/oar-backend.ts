import type { BackendV1 } from '@jq/core';
import Type from 'typebox';
import { renderOarScript } from './oar-render.js';

/** OAR has no options beyond the common ones. */
export const OarOptionsSchema = Type.Object({});
import { parseOarStatus, parseOarSubmit } from './oar-status.js';

/**
 * A jobqueue backend for OAR, written the way any third-party adapter is: a plain
 * object that renders and parses; @jq/core runs every command it describes.
 */
export const oarBackend: BackendV1<typeof OarOptionsSchema> = {
  specificationVersion: 'v1',
  name: 'oar',
  title: 'OAR',
  packageName: 'jq-adapter-oar',
  options: OarOptionsSchema,
  capabilities: { arrays: false, accounting: false, statusScope: 'ids' },
  render: (job, options) => ({ script: renderOarScript(job, options) }),
  // -S makes oarsub read the #OAR lines of the script.
  submit: (scriptPath) => ({ argv: ['oarsub', '-S', scriptPath] }),
  parseSubmit: parseOarSubmit,
  status: (ids) => ({ argv: ['oarstat', '-s', ...ids.flatMap((id) => ['-j', id])] }),
  parseStatus: parseOarStatus,
  cancel: (ids) => ({ argv: ['oardel', ...ids] }),
  classifyError: (result) => (/connection|timed out|temporarily|try again/i.test(result.stderr) ? 'transient' : 'permanent'),
};
