import { rm } from 'node:fs/promises';
import type { SchedulerRecord } from '@jq/core';
import { EngineScheduler } from './engine-scheduler.js';
import { readEngineRecord, restoredOptions } from './scheduler-record.js';

/**
 * The engine scheduler a journal record describes, for the process that takes a cluster
 * over (core's `attach` and `jq-manager` call this). Started, it listens on the recorded
 * port with the recorded secret, HTTP token and TLS certificate, so the workers of the dead
 * owner (which retry until their death timeout) reconnect to it. Tasks the dead owner had
 * queued died with it: its clients resubmit them. A record written before the first start
 * gives a fresh scheduler with the recorded settings.
 */
export function restoreScheduler(record: SchedulerRecord): EngineScheduler {
  const settings = readEngineRecord(record);
  return new EngineScheduler(restoredOptions(settings), settings.tls === undefined ? {} : { tls: settings.tls });
}

/**
 * Ends what an engine scheduler left behind when no owner is left to close it (core's
 * `down` calls this). The scheduler lived inside its owner's process and died with it;
 * only its TLS directory (key included) can remain.
 */
export async function stopScheduler(record: SchedulerRecord): Promise<void> {
  const settings = readEngineRecord(record);
  if (settings.tls !== undefined) await rm(settings.tls.directory, { recursive: true, force: true });
}
