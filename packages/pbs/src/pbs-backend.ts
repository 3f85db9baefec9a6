import { join } from 'node:path';
import type { BackendV1, JobId, JobRequest, LogFiles } from '@jq/core';
import { name as packageName } from '../package.json';
import { pbsCancelCommand } from './pbs-cancel.js';
import { classifyPbsError } from './pbs-errors.js';
import { type PbsDialect, type PbsFlavor, pbsDialects } from './pbs-flavor.js';
import { checkPbsOptions, PbsOptionsSchema, type PbsResolvedOptions } from './pbs-options.js';
import { renderPbsScript } from './pbs-render.js';
import { parsePbsProStatus, parseTorqueStatus, pbsStatusCommand } from './pbs-status.js';
import { parsePbsSubmit, pbsSubmitCommand } from './pbs-submit.js';

/** A PBS backend for one dialect; `flavor` is fixed so `arrayIndexVariable` is known before options. */
export interface PbsBackend extends BackendV1<typeof PbsOptionsSchema, PbsResolvedOptions> {
  /** `pbspro` or `torque`. */
  readonly flavor: PbsFlavor;
  readonly arrayIndexVariable: string;
}

/** The backend of one dialect: the same rendering and parsing, told apart by {@link PbsDialect}. */
function pbsDialectBackend(dialect: PbsDialect, name: string, title: string, configSections: readonly string[]): PbsBackend {
  return {
    specificationVersion: 'v1',
    name,
    title,
    configSections,
    packageName,
    flavor: dialect.flavor,
    options: PbsOptionsSchema,
    capabilities: { arrays: true, accounting: false, statusScope: 'ids' },
    arrayIndexVariable: dialect.arrayIndexVariable,
    checkOptions: checkPbsOptions,
    render: (job, options) => ({ script: renderPbsScript(dialect.flavor, job, options) }),
    submit: (scriptPath, _options, array) => pbsSubmitCommand(dialect, scriptPath, array),
    parseSubmit: parsePbsSubmit,
    status: (ids: JobId[]) => pbsStatusCommand(dialect.flavor, ids),
    parseStatus: dialect.flavor === 'pbspro' ? parsePbsProStatus : parseTorqueStatus,
    cancel: pbsCancelCommand,
    classifyError: classifyPbsError,
    logFiles: (id, job, options) => pbsLogFiles(dialect, id, job, options),
  };
}

/** Where PBS writes a job's output in the log directory: `<jobName>.o<sequence>` (array subjobs `.o12.3` Pro, `.o12-3` Torque). */
function pbsLogFiles(dialect: PbsDialect, id: JobId, _job: JobRequest, options: PbsResolvedOptions): LogFiles | undefined {
  if (!options.logDirectory) return undefined;
  const match = /^(\d+)(?:\[(\d+)\])?/.exec(id);
  if (!match) return undefined;
  const [, sequence, index] = match;
  const suffix = index === undefined ? sequence : `${sequence}${dialect.flavor === 'pbspro' ? '.' : '-'}${index}`;
  return { stdout: join(options.logDirectory, `${options.jobName}.o${suffix}`), stderr: join(options.logDirectory, `${options.jobName}.e${suffix}`) };
}

/**
 * PBS Pro / OpenPBS, the counterpart of dask-jobqueue's `PBSCluster`: `select=`
 * resources, `-J` arrays, ONE `qstat -x -f -F json` per poll (finished jobs stay visible,
 * so no separate accounting), batched `qdel`. Pure: core runs every command.
 *
 * @example
 * ```ts
 * const cluster = createPbsCluster({ scheduler, options: { cores: 8, memory: '28GB', walltime: '01:00:00', queue: 'workq' } });
 * ```
 */
export const pbsBackend: PbsBackend = pbsDialectBackend(pbsDialects.pbspro, 'pbs', 'PBS Pro', ['pbs']);

/**
 * Torque ("PBS classic"): `nodes=1:ppn=` resources, `-t` arrays, ONE `qstat -f` per poll
 * (completed jobs stay `C` for the server's `keep_completed`), batched `qdel`. Reads the
 * config file's `torque` section, then `pbs`: dask-jobqueue has no Torque section, so its
 * users keep Torque settings under `pbs`.
 */
export const torqueBackend: PbsBackend = pbsDialectBackend(pbsDialects.torque, 'torque', 'Torque', ['torque', 'pbs']);
