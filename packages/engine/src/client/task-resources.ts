import { JobQueueError, parseMemory, parseWalltime } from '@jq/core';
import type { DemandRequest } from '../scheduler/scheduler-demand.js';

/** What a task needs of its worker. */
export interface TaskResources {
  /** GPUs (an integer). Default 0. */
  gpus?: number;
  /** Cores (an integer >= 1). Default 1. */
  cores?: number;
  /** Memory: bytes, or a size such as `'8GB'`. Default: none asked. */
  memory?: number | string;
}

const durationPattern = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/;
const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds for a time request: a number of seconds, `'90s'`, `'10m'`, `'2h'`, `'1d'`, or a walltime such as `'01:30:00'`. */
export function parseTimeRequest(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const match = durationPattern.exec(value.trim());
  if (match !== null) return Number(match[1]) * (unitSeconds[match[2] as string] as number);
  // A walltime form (`HH:MM:SS`, `D-HH:MM`); a bare number is minutes there, but seconds here, so it needs a colon or a dash.
  return /[:-]/.test(value) ? parseWalltime(value) : undefined;
}

/** The numeric demand of a submission's options; a value that cannot be read is a clear error naming it. */
export function demandRequest(options: { resources?: TaskResources; timeRequest?: number | string; pool?: string }): DemandRequest {
  const request: DemandRequest = {};
  if (options.resources !== undefined) {
    const { memory, ...counts } = options.resources;
    const bytes = memory === undefined ? undefined : typeof memory === 'number' ? memory : parseMemory(memory);
    if (memory !== undefined && (bytes === undefined || !Number.isFinite(bytes))) {
      throw new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] resources.memory: expected bytes or a size such as "8GB", got ${JSON.stringify(memory)}`);
    }
    request.resources = { ...counts, ...(bytes === undefined ? {} : { memory: bytes }) };
  }
  if (options.timeRequest !== undefined) {
    const seconds = parseTimeRequest(options.timeRequest);
    if (seconds === undefined) throw new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] timeRequest: expected seconds or a duration such as "10m" or "01:30:00", got ${JSON.stringify(options.timeRequest)}`);
    request.timeRequest = seconds;
  }
  if (options.pool !== undefined) request.pool = options.pool;
  return request;
}
