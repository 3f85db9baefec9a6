import { ConfigError, resolveOptions } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { localBackend } from '../src/index.js';

// Local jobs are processes on this machine: there are no nodes to span.
describe('nodes on local', () => {
  it.each([['local', localBackend]])('%s refuses nodes > 1 in a ConfigError naming the option and the batch system, and takes nodes: 1', (title, backend) => {
    expect(() => resolveOptions({ cores: 1, memory: '1GB', nodes: 2 }, backend)).toThrow(ConfigError);
    expect(() => resolveOptions({ cores: 1, memory: '1GB', nodes: 2 }, backend)).toThrow(new RegExp(`nodes.*${title} jobs cannot start a worker on each of several nodes`));
    expect(resolveOptions({ cores: 1, memory: '1GB', nodes: 1 }, backend).nodes).toBe(1);
  });
});
