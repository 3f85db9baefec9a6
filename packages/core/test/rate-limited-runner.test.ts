import { describe, expect, it } from 'vitest';
import type { Command, CommandResult } from '../src/index.js';
import { RateLimitedRunner } from '../src/index.js';
import { ManualClock } from '../src/testing/index.js';

describe('RateLimitedRunner', () => {
  it('lets a second’s worth through at once, then one command per 1/rate seconds, in order', async () => {
    const clock = new ManualClock();
    const started: Array<[string, number]> = [];
    const inner = {
      run: async (command: Command): Promise<CommandResult> => {
        started.push([command.argv[0]!, clock.now() - start]);
        return { argv: command.argv, exitCode: 0, stdout: '', stderr: '', timedOut: false };
      },
    };
    const start = clock.now();
    const runner = new RateLimitedRunner(inner, clock, 2);
    const runs = ['a', 'b', 'c', 'd', 'e'].map((name) => runner.run({ argv: [name] }, { timeoutMs: 1000 }));
    await clock.advance(0);
    expect(started).toEqual([['a', 0], ['b', 0]]);
    await clock.advance(500);
    expect(started.map(([name]) => name)).toEqual(['a', 'b', 'c']);
    await clock.advance(1000);
    await Promise.all(runs);
    expect(started).toEqual([['a', 0], ['b', 0], ['c', 500], ['d', 1000], ['e', 1500]]);
    await clock.advance(5000);
    await runner.run({ argv: ['f'] }, { timeoutMs: 1000 });
    await runner.run({ argv: ['g'] }, { timeoutMs: 1000 });
    expect(started.slice(5)).toEqual([['f', 6500], ['g', 6500]]);
  });
});
