import { JobQueueError, type PoolShape } from '@jq/core';
import { describeDemand, describePool, fitsPool, type TaskDemand } from './scheduler-placement.js';

/** What a submission may ask of its worker (numbers: memory in bytes, time in seconds). */
export interface DemandRequest {
  resources?: { gpus?: number; cores?: number; memory?: number };
  timeRequest?: number;
  pool?: string;
}

const refuse = (message: string): { error: JobQueueError } => ({ error: new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] ${message}`) });

/**
 * The demand of a submission, or why it is refused: a bad number, an unknown pool, or a
 * request that no pool of the cluster can ever fit (the message names the request and
 * every pool's shape). Without pools (a scheduler outside a cluster) any demand is taken.
 */
export function demandOf(request: DemandRequest, pools: readonly PoolShape[] | undefined): { demand?: TaskDemand } | { error: JobQueueError } {
  const { resources = {}, timeRequest, pool } = request;
  if (request.resources === undefined && timeRequest === undefined && pool === undefined) return {};
  const { gpus = 0, cores = 1, memory = 0 } = resources;
  if (!(Number.isInteger(gpus) && gpus >= 0)) return refuse(`resources.gpus: expected an integer >= 0, got ${String(gpus)}`);
  if (!(Number.isInteger(cores) && cores >= 1)) return refuse(`resources.cores: expected an integer >= 1, got ${String(cores)}`);
  if (!(Number.isFinite(memory) && memory >= 0)) return refuse(`resources.memory: expected bytes >= 0, got ${String(memory)}`);
  if (timeRequest !== undefined && !(Number.isFinite(timeRequest) && timeRequest > 0)) return refuse(`timeRequest: expected seconds > 0, got ${String(timeRequest)}`);
  const demand: TaskDemand = { cores, gpus, memory, ...(timeRequest === undefined ? {} : { timeRequest }), ...(pool === undefined ? {} : { pool }) };
  if (pools === undefined || pools.length === 0) return { demand };
  const names = pools.map((shape) => shape.name);
  if (pool !== undefined && !names.includes(pool)) return refuse(`pool: ${JSON.stringify(pool)} is not a pool of this cluster (${names.join(', ')})`);
  if (!pools.some((shape) => fitsPool(demand, shape))) {
    return refuse(`no pool can ever run this task: it asks for ${describeDemand(demand)}; the pools offer per worker ${pools.map(describePool).join('; ')}`);
  }
  return { demand };
}
