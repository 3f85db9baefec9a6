import type { PoolShape } from '@jq/core';
import type { ControlRequest } from '../protocol/protocol-client.js';

/** What a control request needs of the scheduler: what the cluster manager would ask it in-process. */
export interface ControlHost {
  adaptiveTarget(options?: { targetDuration?: number }): Promise<number>;
  workerQuery(options: { targetDuration: number }): Promise<Record<string, number>>;
  retireWorkers(names: string[]): Promise<void>;
  setPools(pools: PoolShape[]): void;
}

/**
 * Answers a cluster manager that runs in another process than this scheduler (core's
 * `placement: 'scheduler-job'`): the same calls it makes in-process, so it can adapt to
 * this scheduler's load and drain workers before their jobs are cancelled.
 */
export async function answerControl(host: ControlHost, request: ControlRequest): Promise<number | Record<string, number> | undefined> {
  switch (request.kind) {
    case 'adaptive-target':
      return host.adaptiveTarget(request.targetDuration === undefined ? {} : { targetDuration: request.targetDuration });
    case 'worker-query':
      return host.workerQuery({ targetDuration: request.targetDuration });
    case 'retire-workers':
      await host.retireWorkers(request.names);
      return undefined;
    case 'set-pools':
      host.setPools(request.pools);
      return undefined;
  }
}
