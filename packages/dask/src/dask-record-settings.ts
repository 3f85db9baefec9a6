import type { SchedulerRecord } from '@jq/core';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import { DaskError } from './dask-errors.js';
import { daskPackageName } from './dask-package.js';

/** The scheduler process a record describes, once it ran: enough to find it again or start its successor. */
const DaskProcessRecord = Type.Object({
  /** Process id of `dask scheduler`. */
  pid: Type.Integer({ minimum: 1 }),
  /** Dask's scheduler id (`Scheduler-<uuid>`): tells this scheduler from a new one on the same port. */
  id: Type.String(),
  /** Its HTTP server, as this package reaches it. */
  httpUrl: Type.String(),
  /** The Python it runs on and its `distributed` version. */
  python: Type.String(),
  version: Type.String(),
});

/**
 * `SchedulerRecord.settings` of a Dask scheduler: its options and the per-cluster state
 * that must survive the owner (private directory, scheduler file, HTTP token, TLS
 * material). Secrets included: the journal is private to the user.
 */
export const DaskRecordSettings = Type.Object({
  format: Type.Literal('jq-dask-scheduler'),
  version: Type.Literal(1),
  /** The options the scheduler was made with, as given. */
  options: Type.Record(Type.String(), Type.Unknown()),
  /** The private directory (0700): TLS files, the scheduler log and, by default, the scheduler file. */
  directory: Type.String(),
  /** Dask's scheduler file. */
  schedulerFile: Type.String(),
  /** Bearer token of the scheduler's `/jq/v1` HTTP routes. */
  httpToken: Type.String({ minLength: 16 }),
  /** Worker processes per job, to map worker names back to jobs. */
  processesPerJob: Type.Integer({ minimum: 1 }),
  /** The cluster's TLS certificate and key (PEM), once made. */
  tls: Type.Optional(Type.Object({ certificate: Type.String(), key: Type.String() })),
  /** The process, once started. */
  process: Type.Optional(DaskProcessRecord),
});
export type DaskRecordSettings = Static<typeof DaskRecordSettings>;

/** A record's settings, checked: a foreign, older or damaged record is a clear error. */
export function readDaskRecord(record: SchedulerRecord): DaskRecordSettings {
  if (record.kind !== 'dask' || record.packageName !== daskPackageName) {
    throw new DaskError('restore-failed', `cannot restore a ${record.kind} scheduler of ${record.packageName}: not a Dask scheduler of ${daskPackageName}`);
  }
  if (!Value.Check(DaskRecordSettings, record.settings)) {
    const first = Value.Errors(DaskRecordSettings, record.settings)[0];
    throw new DaskError('restore-failed', `the Dask scheduler record is not one this version writes (${first?.instancePath || '/'} ${first?.message ?? ''})`);
  }
  return record.settings;
}
