import { join } from 'node:path';
import type { BackendV1, JobId } from '@jq/core';
import { name as packageName } from '../package.json';
import { type PbsFlavor, pbsDialects } from './pbs-flavor.js';
import { classifyPbsError } from './pbs-errors.js';
import { PbsOptionsSchema, type PbsResolvedOptions } from './pbs-options.js';
import { renderPbsScript } from './pbs-render.js';
import { parsePbsProStatus } from './pbs-status-json.js';
import { parseTorqueStatus } from './pbs-status-text.js';
import { parsePbsSubmit } from './pbs-submit.js';

/** A PBS backend for one dialect; `flavor` is fixed so `arrayIndexVariable` is known before options. */
export interface PbsBackend extends BackendV1<typeof PbsOptionsSchema, PbsResolvedOptions> {
  /** `pbspro` or `torque`. */
  readonly flavor: PbsFlavor;
  readonly arrayIndexVariable: string;
}

/**
 * Creates the PBS backend for `flavor`. PBS Pro / OpenPBS: `select=` resources, `-J`
 * arrays, `qstat -x -f -F json` (finished jobs stay visible, so no separate accounting).
 * Torque: `nodes=1:ppn=` resources, `-t` arrays, `qstat -f` text (completed jobs stay
 * as `C` for the server's `keep_completed`).
 */
export function createPbsBackend(settings: { flavor: PbsFlavor }): PbsBackend {
  const dialect = pbsDialects[settings.flavor];
  return {
    specificationVersion: 'v1',
    name: settings.flavor === 'pbspro' ? 'pbs' : 'torque',
    title: settings.flavor === 'pbspro' ? 'PBS Pro' : 'Torque',
    packageName,
    flavor: settings.flavor,
    options: PbsOptionsSchema,
    capabilities: { arrays: true, accounting: false, statusScope: 'ids' },
    arrayIndexVariable: dialect.arrayIndexVariable,

    render: (job, options) => ({ script: renderPbsScript(dialect.flavor, job, options) }),

    submit: (scriptPath, _options, array) => ({
      argv: array ? ['qsub', dialect.arrayOption, `0-${array.count - 1}`, scriptPath] : ['qsub', scriptPath],
    }),

    parseSubmit: parsePbsSubmit,

    status: (ids: JobId[]) => ({
      argv: dialect.flavor === 'pbspro' ? ['qstat', '-x', '-f', '-F', 'json', ...ids] : ['qstat', '-f', ...ids],
    }),

    parseStatus: dialect.flavor === 'pbspro' ? parsePbsProStatus : parseTorqueStatus,

    cancel: (ids: JobId[]) => ({ argv: ['qdel', ...ids] }),

    classifyError: classifyPbsError,

    logFiles(id, _job, options) {
      if (!options.logDirectory) return undefined;
      const match = /^(\d+)(?:\[(\d+)\])?/.exec(id);
      if (!match) return undefined;
      const [, sequence, index] = match;
      const separator = dialect.flavor === 'pbspro' ? '.' : '-';
      const suffix = index === undefined ? sequence : `${sequence}${separator}${index}`;
      return {
        stdout: join(options.logDirectory, `${options.jobName}.o${suffix}`),
        stderr: join(options.logDirectory, `${options.jobName}.e${suffix}`),
      };
    },
  };
}

/** The PBS Pro / OpenPBS backend. */
export const pbsProBackend: PbsBackend = createPbsBackend({ flavor: 'pbspro' });

/** The Torque ("PBS classic") backend. */
export const torqueBackend: PbsBackend = createPbsBackend({ flavor: 'torque' });
