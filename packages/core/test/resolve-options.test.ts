import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { ConfigError, JobQueueError, resolveOptions } from '../src/index.js';

const backend = { packageName: 'jq/test', options: Type.Object({ qos: Type.Optional(Type.String()) }) };

function issuesOf(input: unknown) {
  try {
    resolveOptions(input, backend);
  } catch (error) {
    expect(JobQueueError.hasCode(error, 'JQ_CONFIG_INVALID')).toBe(true);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveOptions', () => {
  it('resolves sizes, splits, defaults and the walltime-aware lifetime', () => {
    const options = resolveOptions({ cores: 8, memory: '16GB', walltime: '01:00:00', name: 'demo', qos: 'high' }, backend);
    expect(options).toMatchObject({
      name: 'demo',
      memory: 16e9,
      processes: 4,
      threads: 2,
      memoryPerProcess: 4e9,
      walltime: 3600,
      lifetime: 3240,
      jobName: 'jq-worker',
      deathTimeout: 60,
      shebang: '#!/usr/bin/env bash',
      qos: 'high',
    });
    expect(options.lifetimeStagger).toBeGreaterThan(0);
    expect(options.lifetime! + options.lifetimeStagger!).toBeLessThan(3600);
  });

  it('lists every problem at once, each with its path and value', () => {
    const issues = issuesOf({
      cores: 0,
      memory: 'lots',
      walltime: '25:99',
      queue: 'a b',
      env: { '1X': 'y' },
      bogus: 1,
      qos: 3,
      processes: 2.5,
    });
    const byPath = Object.fromEntries(issues.map((issue) => [issue.path, issue]));
    expect(Object.keys(byPath).sort()).toEqual(['bogus', 'cores', 'env.1X', 'memory', 'processes', 'qos', 'queue', 'walltime']);
    expect(byPath.memory).toMatchObject({ value: 'lots' });
    expect(byPath.bogus?.message).toMatch(/not a known option/);
    expect(byPath.cores?.message).toMatch(/>= 1/);
  });

  it('names the missing required options', () => {
    expect(issuesOf({}).map((issue) => issue.path).sort()).toEqual(['cores', 'memory']);
  });

  it('refuses directive injection through a newline and shell syntax in names', () => {
    const issues = issuesOf({ cores: 1, memory: '1GB', jobName: 'x\n#SBATCH --uid=0', queue: '$(touch pwned)', jobExtraDirectives: ['--gres=gpu:1\n#SBATCH --uid=0'], workerExtraArgs: ['a\0b'] });
    expect(issues.map((issue) => issue.path).sort()).toEqual(['jobExtraDirectives[0]', 'jobName', 'queue', 'workerExtraArgs[0]']);
    expect(issues.find((issue) => issue.path === 'jobName')?.message).toMatch(/newline/);
  });

  it('puts the package and every path into the message', () => {
    expect(() => resolveOptions({ cores: -1, memory: 'x' }, backend)).toThrowError(/\[jq\/test\] invalid options:\n {2}- cores: .*\n {2}- memory: .*"x"/);
  });

  it('refuses more processes than cores', () => {
    expect(issuesOf({ cores: 2, memory: '1GB', processes: 3 }).map((issue) => issue.path)).toEqual(['processes']);
  });
});

describe('unknown options', () => {
  const withResourceSpec = { packageName: '@jq/test', options: Type.Object({ resourceSpec: Type.Optional(Type.String()) }) };
  const messages = (input: Record<string, unknown>) => {
    try {
      resolveOptions({ cores: 1, memory: '1GB', ...input }, withResourceSpec);
    } catch (error) {
      return Object.fromEntries((error as ConfigError).issues.map((issue) => [issue.path, issue.message]));
    }
    throw new Error('expected a ConfigError');
  };

  it('suggest the nearest option, with its dask-jobqueue name where that is the cause', () => {
    expect(messages({ project: 'x', resource_spec: 'a', local_directory: '/t', walltiem: '1', zzzzzz: 1 })).toEqual({
      project: 'is not a known option; did you mean `account` (dask-jobqueue: project)?',
      resource_spec: 'is not a known option; did you mean `resourceSpec`?',
      local_directory: 'is not a known option; did you mean `localDirectory`?',
      walltiem: 'is not a known option; did you mean `walltime`?',
      zzzzzz: 'is not a known option',
    });
  });
});
