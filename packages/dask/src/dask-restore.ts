import { rm } from 'node:fs/promises';
import type { SchedulerRecord } from '@jq/core';
import { AdoptedSchedulerProcess, isDaskScheduler } from './dask-adopted-process.js';
import { type DaskConnection, daskConnection } from './dask-connection.js';
import type { DaskSchedulerOptions } from './dask-options.js';
import { removePrivateDirectory } from './dask-private-directory.js';
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

/**
 * Ends what the Dask scheduler of a record left behind when no owner is left to close it
 * (core's `down` calls this): the `dask scheduler` process, when it still runs as the
 * recorded one, then its scheduler file and private directory (TLS key included).
 */
export async function stopScheduler(record: SchedulerRecord): Promise<void> {
  const settings = readDaskRecord(record);
  if (settings.process) {
    const scheduler = { pid: settings.process.pid, schedulerFile: settings.schedulerFile, logFile: '' };
    if (isDaskScheduler(scheduler)) await new AdoptedSchedulerProcess(scheduler).stop();
  }
  await rm(settings.schedulerFile, { force: true });
  await removePrivateDirectory(settings.directory);
}
