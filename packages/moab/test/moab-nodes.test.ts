import { ConfigError, resolveOptions } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { moabBackend } from '../src/index.js';

// Moab runs Torque's pbsdsh, which starts a node's task without the script's exported environment (the worker secret): refused like Torque.
describe('nodes on moab', () => {
  it.each([['Moab', moabBackend]])('%s refuses nodes > 1 in a ConfigError naming the option and the batch system, and takes nodes: 1', (title, backend) => {
    expect(() => resolveOptions({ cores: 1, memory: '1GB', nodes: 2 }, backend)).toThrow(ConfigError);
    expect(() => resolveOptions({ cores: 1, memory: '1GB', nodes: 2 }, backend)).toThrow(new RegExp(`nodes.*${title} jobs cannot start a worker on each of several nodes`));
    expect(resolveOptions({ cores: 1, memory: '1GB', nodes: 1 }, backend).nodes).toBe(1);
  });
});
