import { ConfigError, resolveOptions } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { sgeBackend } from '../src/index.js';

// qrsh -inherit would need a shell loop over $PE_HOSTFILE and a configured parallel environment: not supported yet, refused.
describe('nodes on sge', () => {
  it.each([['SGE', sgeBackend]])('%s refuses nodes > 1 in a ConfigError naming the option and the batch system, and takes nodes: 1', (title, backend) => {
    expect(() => resolveOptions({ cores: 1, memory: '1GB', nodes: 2 }, backend)).toThrow(ConfigError);
    expect(() => resolveOptions({ cores: 1, memory: '1GB', nodes: 2 }, backend)).toThrow(new RegExp(`nodes.*${title} jobs cannot start a worker on each of several nodes`));
    expect(resolveOptions({ cores: 1, memory: '1GB', nodes: 1 }, backend).nodes).toBe(1);
  });
});
