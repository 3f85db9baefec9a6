import { resolve } from 'node:path';
import { type AnyBackend, mergeOptionSchemas, type Preset, type SchedulerV1 } from '@jq/core';
import { modulesFor } from './backend-catalog.js';
import { pickOptions } from './option-flags.js';
import { loadPreset } from './preset-loader.js';

/** What `script` and `up` build a cluster from: the flags' options, the preset, the config file. */
export interface ClusterInput {
  options: Record<string, unknown>;
  preset?: Preset;
  config?: string;
}

/** The cluster settings the parsed flags `given` ask for on `backend`. */
export async function clusterInput(backend: AnyBackend, given: Record<string, unknown>): Promise<ClusterInput> {
  const options = pickOptions(given, Object.keys(mergeOptionSchemas(backend.options).properties));
  const preset = typeof given.preset === 'string' ? await loadPreset(given.preset, backend) : undefined;
  return {
    options,
    ...(preset ? { preset } : {}),
    ...(typeof given.config === 'string' ? { config: resolve(given.config) } : {}),
  };
}

/**
 * The scheduler the workers connect to: the native engine, or a real Dask scheduler.
 * `listenInterface` (the `schedulerInterface` or `interface` option) is where it listens
 * so that compute nodes reach it.
 */
export async function createScheduler(kind: string, listenInterface: string | undefined): Promise<SchedulerV1> {
  const modules = await modulesFor([kind === 'dask' ? '@jq/dask' : '@jq/engine']);
  if (kind === 'dask') {
    const { DaskScheduler } = modules['@jq/dask'] as typeof import('@jq/dask');
    return new DaskScheduler(listenInterface ? { interface: listenInterface } : {});
  }
  const { EngineScheduler } = modules['@jq/engine'] as typeof import('@jq/engine');
  return new EngineScheduler(listenInterface ? { interface: listenInterface } : {});
}
