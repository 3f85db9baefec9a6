import { ConfigError, resolveOptions } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { pbsBackend, torqueBackend } from '../src/index.js';

// pbsdsh and TM start a node's task with the job's initial environment, not the script's exports: the worker secret would not reach it without a file on shared storage, so PBS and Torque refuse multi-node jobs for now.
describe('nodes on pbs', () => {
  it.each([['PBS Pro', pbsBackend], ['Torque', torqueBackend]])('%s refuses nodes > 1 in a ConfigError naming the option and the batch system, and takes nodes: 1', (title, backend) => {
    expect(() => resolveOptions({ cores: 1, memory: '1GB', nodes: 2 }, backend)).toThrow(ConfigError);
    expect(() => resolveOptions({ cores: 1, memory: '1GB', nodes: 2 }, backend)).toThrow(new RegExp(`nodes.*${title} jobs cannot start a worker on each of several nodes`));
    expect(resolveOptions({ cores: 1, memory: '1GB', nodes: 1 }, backend).nodes).toBe(1);
  });
});
