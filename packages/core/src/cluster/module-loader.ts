import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyBackend } from '../contracts/backend-v1.js';
import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import type { SchedulerRecord } from '../journal/journal-records.js';

/** Packages the caller already has loaded, by npm name; checked before importing. */
export type ModuleTable = Readonly<Record<string, Record<string, unknown>>>;

/**
 * Imports `packageName` as the user's project would: from the modules handed in, else
 * from core's own resolution, else from the current directory's `node_modules` (the
 * project that depends on both core and the backend).
 */
export async function importPackage(packageName: string, modules: ModuleTable = {}): Promise<Record<string, unknown>> {
  const given = modules[packageName];
  if (given) return given;
  try {
    return (await import(packageName)) as Record<string, unknown>;
  } catch {
    try {
      const resolved = createRequire(join(process.cwd(), 'package.json')).resolve(packageName);
      return (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
    } catch (error) {
      throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} cannot load ${packageName}, which this cluster was made with: install it in this project (${(error as Error).message})`, { cause: error });
    }
  }
}

/** The backend named `name` exported by `packageName`. */
export async function loadBackend(reference: { name: string; packageName: string }, modules?: ModuleTable): Promise<AnyBackend> {
  const module = await importPackage(reference.packageName, modules);
  const backend = Object.values(module).find(
    (value): value is AnyBackend => typeof value === 'object' && value !== null && (value as AnyBackend).specificationVersion === 'v1' && (value as AnyBackend).name === reference.name,
  );
  if (!backend) throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} ${reference.packageName} exports no backend named ${reference.name}`);
  return backend;
}

/** The scheduler `record` describes, started again by its package's `restoreScheduler`. */
export async function restoreScheduler(record: SchedulerRecord, modules?: ModuleTable): Promise<SchedulerV1> {
  const module = await importPackage(record.packageName, modules);
  const restore = module.restoreScheduler;
  if (typeof restore !== 'function') throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} ${record.packageName} cannot restore a ${record.kind} scheduler (it exports no restoreScheduler)`);
  return (restore as (record: SchedulerRecord) => SchedulerV1)(record);
}

/**
 * Ends what the scheduler of `record` left running after its owner died — a process of its
 * own, like Dask's — through its package's optional `stopScheduler(record)`. A scheduler
 * that lived inside the owner's process needs none: nothing of it is left.
 */
export async function stopRecordedScheduler(record: SchedulerRecord, modules?: ModuleTable): Promise<void> {
  const module = await importPackage(record.packageName, modules);
  const stop = module.stopScheduler;
  if (typeof stop === 'function') await (stop as (record: SchedulerRecord) => Promise<void>)(record);
}

/**
 * A handle on the running scheduler `record` describes, in a process of its own (a batch
 * job: `placement: 'scheduler-job'`), through its package's `connectScheduler(record)`,
 * which dials `record.clientAddress` when there is one (a forward), else `record.address`.
 */
export async function connectRecordedScheduler(record: SchedulerRecord, modules?: ModuleTable): Promise<SchedulerV1> {
  const module = await importPackage(record.packageName, modules);
  const connect = module.connectScheduler;
  if (typeof connect !== 'function') throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} ${record.packageName} cannot reach a ${record.kind} scheduler in a job of its own (it exports no connectScheduler); use placement 'job' or 'process'`);
  return (connect as (record: SchedulerRecord) => Promise<SchedulerV1>)(record);
}
