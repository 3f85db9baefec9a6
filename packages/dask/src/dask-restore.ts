import type { SchedulerRecord } from '@jq/core';
import { type DaskConnection, daskConnection } from './dask-connection.js';
import type { DaskSchedulerOptions } from './dask-options.js';
import { readDaskRecord } from './dask-record-settings.js';
import { DaskScheduler } from './dask-scheduler.js';
import { daskTlsFiles } from './dask-tls.js';

/**
 * The Dask scheduler a journal record describes, for the process that takes a cluster
 * over (core's `attach` and `jq-manager` call this). Its `start()` re-adopts the recorded
 * `dask scheduler` process when it still runs and answers as itself (it usually does: a
 * killed owner's child lives on); otherwise it starts a new one on the recorded port with
 * the recorded TLS material, so workers and clients find it where they knew it. A record
 * written before the first start starts a fresh scheduler with the recorded settings.
 */
export function restoreScheduler(record: SchedulerRecord): DaskScheduler {
  const settings = readDaskRecord(record);
  return new DaskScheduler(settings.options as DaskSchedulerOptions, { address: record.address, settings });
}

/**
 * How Python connects to the Dask scheduler of a journal record (e.g. `RemoteCluster.record.scheduler`
 * of a cluster running elsewhere): what a command line prints for a cluster it did not start.
 */
export function daskConnectionOf(record: SchedulerRecord): DaskConnection {
  const settings = readDaskRecord(record);
  return daskConnection(settings.schedulerFile, settings.options.security === false ? undefined : daskTlsFiles(settings.directory));
}
