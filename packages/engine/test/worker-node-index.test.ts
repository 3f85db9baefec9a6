import { jobKeyReference, nodeIndexReference } from '@jq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineScheduler } from '../src/index.js';
import { parseWorkerCommandLine } from '../src/worker/worker-command-line.js';

let scheduler: EngineScheduler | undefined;
afterEach(async () => scheduler?.close());

const launch = { jobKey: jobKeyReference, pool: 'default', processes: 2, threads: 1, memoryLimit: 0, deathTimeout: 60, extraArgs: [] };

describe('worker command of a job on several nodes', () => {
  it('carries the node index reference only when the job spans nodes', () => {
    scheduler = new EngineScheduler({ httpPort: false });
    const multiNode = scheduler.workerCommand({ ...launch, nodes: 3, nodeIndex: nodeIndexReference });
    expect(multiNode.slice(multiNode.indexOf('--node-index'), multiNode.indexOf('--node-index') + 2)).toEqual(['--node-index', nodeIndexReference]);
    expect(scheduler.workerCommand(launch)).not.toContain('--node-index');
    expect(scheduler.workerCommand({ ...launch, nodes: 1, nodeIndex: nodeIndexReference })).not.toContain('--node-index');
  });

  it('is parsed by jq-worker as a whole number (0 without it), anything else named', () => {
    expect(parseWorkerCommandLine(['tcp://h:1', '--name', 'c-3', '--nworkers', '2', '--node-index', '2']).nodeIndex).toBe(2);
    expect(parseWorkerCommandLine(['tcp://h:1', '--name', 'c-3']).nodeIndex).toBe(0);
    for (const bad of ['', '-1', '1.5', 'x']) {
      expect(() => parseWorkerCommandLine(['tcp://h:1', '--name', 'c-3', '--node-index', bad])).toThrow(/--node-index/);
    }
  });
});
