import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CommandRunner, WorkerLaunch } from '../src/index.js';
import { TestScheduler } from '../src/testing/index.js';
import { fakeCluster } from './support/cluster-fixture.js';

/** The test scheduler, keeping every launch the cluster built a worker command from. */
class LaunchRecordingScheduler extends TestScheduler {
  readonly launches: WorkerLaunch[] = [];

  override workerCommand(launch: WorkerLaunch): string[] {
    this.launches.push(launch);
    return super.workerCommand(launch);
  }
}

describe('a runner on another machine (the hooks @jq/ssh uses)', () => {
  it('connects once the scheduler listens, workers dial the address it hands back, submits name their local script, close() ends it last', async () => {
    const events: string[] = [];
    const scheduler = new LaunchRecordingScheduler();
    let inner: CommandRunner | undefined;
    const runner: CommandRunner = {
      run: (command, options) => {
        events.push(command.argv[0]!);
        return inner!.run(command, options);
      },
      connect: async ({ address }) => {
        events.push(`connect ${address}`);
        return { workerAddress: 'tcp://login1:40000' };
      },
      close: async () => void events.push('close'),
    };
    const fixture = fakeCluster({}, { runner, scheduler });
    inner = fixture.runner;
    await fixture.cluster.scale(2);
    expect(events.slice(0, 2)).toEqual(['connect test://scheduler', 'fsub']);
    expect(scheduler.launches.length).toBeGreaterThan(0);
    expect(scheduler.launches.every((launch) => launch.schedulerAddress === 'tcp://login1:40000')).toBe(true);

    const [submit] = fixture.runner.calls.filter((command) => command.argv[0] === 'fsub');
    expect(submit?.localFiles).toHaveLength(1);
    expect(submit?.argv).toContain(submit?.localFiles?.[0]);
    expect(existsSync(submit!.localFiles![0]!)).toBe(true);

    await fixture.clock.whilePending(fixture.cluster.close());
    expect(events.at(-1)).toBe('close');
    expect(events.indexOf('fdel')).toBeLessThan(events.indexOf('close'));
  });

  it('without connect, workers dial the scheduler itself', async () => {
    const scheduler = new LaunchRecordingScheduler();
    const fixture = fakeCluster({}, { scheduler });
    await fixture.cluster.scale(1);
    expect(scheduler.launches.every((launch) => launch.schedulerAddress === undefined)).toBe(true);
  });
});
